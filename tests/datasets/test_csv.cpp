// Given code (no exercise tag): CSV files round-trip exactly, and every malformed file is reported
// with its path and line.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include <unistd.h>

#include "datasets/datasets.hpp"
#include "temp_dir.hpp"
#include "test_helpers.hpp"

using autograd::Array;

namespace {

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir : public test::TempDir {
 public:
  TempDir() : test::TempDir("datasets_test_csv") {}

  // Writes `contents` verbatim to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& contents) const {
    const std::string path = file(name);
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Same shape and the same bits in every element (so −0.0 ≠ 0.0 and no rounding is forgiven).
bool bitwise_equal(const Array& a, const Array& b) {
  return a.shape() == b.shape() &&
         std::memcmp(a.data(), b.data(), a.size() * sizeof(autograd::Scalar)) == 0;
}

// Doubles whose decimal form needs all 17 digits, and awkward extremes.
datasets::Dataset awkward_dataset() {
  datasets::Dataset data = datasets::make_moons(40, 0.3, 8);
  data.X(0, 0) = 0.1;
  data.X(0, 1) = 1.0 / 3.0;
  data.X(1, 0) = -0.0;
  data.X(1, 1) = std::numeric_limits<double>::denorm_min();
  data.X(2, 0) = std::numeric_limits<double>::max();
  data.X(2, 1) = -std::numeric_limits<double>::min();
  data.y(3) = 1e-300;
  data.y(4) = 123456789012345678.0;
  return data;
}

}  // namespace

TEST_CASE("save_csv then load_csv gives back X and y bit for bit, without a header", "[datasets]") {
  const TempDir dir;
  const datasets::Dataset data = awkward_dataset();
  const std::string path = dir.file("plain.csv");
  datasets::save_csv(data, path);
  const datasets::Dataset loaded = datasets::load_csv(path);
  REQUIRE(bitwise_equal(loaded.X, data.X));
  REQUIRE(bitwise_equal(loaded.y, data.y));
  REQUIRE(read_file(path).rfind("0.10000000000000001,0.33333333333333331,", 0) == 0);
}

TEST_CASE("save_csv then load_csv gives back X and y bit for bit, with a header", "[datasets]") {
  const TempDir dir;
  const datasets::Dataset data = awkward_dataset();
  const std::string path = dir.file("header.csv");
  datasets::save_csv(data, path, {"x0", "x1", "label"});
  REQUIRE(read_file(path).rfind("x0,x1,label\n", 0) == 0);
  const datasets::Dataset loaded = datasets::load_csv(path);
  REQUIRE(bitwise_equal(loaded.X, data.X));
  REQUIRE(bitwise_equal(loaded.y, data.y));
}

TEST_CASE(
    "load_csv takes the last column as y and skips a header, padding, CRLF and trailing "
    "blank lines",
    "[datasets]") {
  const TempDir dir;
  const std::string path =
      dir.write("hand.csv", "a, b ,target\r\n1, 2.5, 0\r\n-3,4e-2,+1\r\n\r\n  \n");
  const datasets::Dataset data = datasets::load_csv(path);
  REQUIRE(data.X.shape() == Array::shape_type{2, 2});
  REQUIRE(data.y.shape() == Array::shape_type{2});
  REQUIRE(data.X(0, 0) == 1.0);
  REQUIRE(data.X(0, 1) == 2.5);
  REQUIRE(data.X(1, 0) == -3.0);
  REQUIRE(data.X(1, 1) == 0.04);
  REQUIRE(data.y(0) == 0.0);
  REQUIRE(data.y(1) == 1.0);

  // Without a header the first line is data.
  const datasets::Dataset headless = datasets::load_csv(dir.write("headless.csv", "5,6\n7,8\n"));
  REQUIRE(headless.size() == 2);
  REQUIRE(headless.X(0, 0) == 5.0);
  REQUIRE(headless.y(1) == 8.0);
}

TEST_CASE("load_csv skips a UTF-8 byte-order mark, so a headerless file keeps its first row",
          "[datasets]") {
  // Found by fuzz_csv: with the mark left in, "\xEF\xBB\xBF5" is not a number, so the first
  // data row was taken for a header and dropped without a word.
  const TempDir dir;
  const datasets::Dataset headless = datasets::load_csv(dir.write("bom.csv",
                                                                  "\xEF\xBB\xBF"
                                                                  "5,6\r\n7,8\r\n"));
  REQUIRE(headless.size() == 2);
  REQUIRE(headless.X(0, 0) == 5.0);
  REQUIRE(headless.y(0) == 6.0);
  // With a header the mark goes with the header's first name, and the data are the same.
  const datasets::Dataset headed = datasets::load_csv(dir.write("bom_header.csv",
                                                                "\xEF\xBB\xBF"
                                                                "x,y\n5,6\n"));
  REQUIRE(headed.size() == 1);
  REQUIRE(headed.X(0, 0) == 5.0);
}

TEST_CASE("load_csv reports a missing file as a runtime_error naming the path", "[datasets]") {
  const TempDir dir;
  const std::string path = dir.file("does_not_exist.csv");
  REQUIRE_THROWS_AS(datasets::load_csv(path), std::runtime_error);
  REQUIRE_THROWS_WITH(datasets::load_csv(path), Catch::Contains(path));
}

TEST_CASE("load_csv reports each malformed file with its path and 1-based line number",
          "[datasets]") {
  const TempDir dir;
  struct Case {
    const char* name;
    const char* contents;
    const char* line;  // the location the message must give
    const char* detail;
  };
  const Case cases[] = {
      {"empty.csv", "", "line 1", "no data rows"},
      {"blank.csv", "\n\n  \n", "line 1", "no data rows"},
      {"header_only.csv", "x,y\n", "line 2", "no data rows"},
      {"ragged.csv", "x0,x1,y\n1,2,3\n4,5\n", "line 3",
       "expected 3 columns (as on line 1), found 2"},
      {"ragged_long.csv", "1,2\n3,4,5\n", "line 2", "expected 2 columns (as on line 1), found 3"},
      {"not_a_number.csv", "x,y\n1,2\n3,abc\n", "line 3", "\"abc\" is not a number"},
      {"trailing_junk.csv", "1,2\n3.5x,4\n", "line 2", "\"3.5x\" is not a number"},
      {"empty_cell.csv", "1,2\n,4\n", "line 2", "\"\" is not a number"},
      {"one_column.csv", "1\n2\n3\n", "line 1", "need at least 2"},
      {"one_column_header.csv", "y\n2\n", "line 1", "need at least 2"},
      {"blank_in_middle.csv", "1,2\n\n3,4\n", "line 2", "blank line"},
      {"plus_minus.csv", "1,2\n+-3,4\n", "line 2", "\"+-3\" is not a number"},
  };
  for (const Case& bad : cases) {
    const std::string path = dir.write(bad.name, bad.contents);
    INFO("file " << bad.name);
    REQUIRE_THROWS_AS(datasets::load_csv(path), std::invalid_argument);
    REQUIRE_THROWS_WITH(datasets::load_csv(path), Catch::Contains(path) &&
                                                      Catch::Contains(bad.line) &&
                                                      Catch::Contains(bad.detail));
  }
}

TEST_CASE("save_csv rejects a header of the wrong length or one load_csv would read as data",
          "[datasets]") {
  const TempDir dir;
  const datasets::Dataset data = datasets::make_moons(4);
  const std::string path = dir.file("out.csv");
  REQUIRE_THROWS_WITH(datasets::save_csv(data, path, {"x0", "y"}),
                      Catch::Contains("header has 2 names, expected 3"));
  REQUIRE_THROWS_WITH(datasets::save_csv(data, path, {"1", "2", "3"}),
                      Catch::Contains("read the header as data"));
  REQUIRE_THROWS_WITH(datasets::save_csv(data, path, {"a", "b,c", "y"}), Catch::Contains("comma"));
  REQUIRE_THROWS_AS(datasets::save_csv(data, dir.file("no_such_dir/out.csv")), std::runtime_error);
}

TEST_CASE("load_csv rejects inf and nan in a feature or the label, naming the line and column",
          "[datasets]") {
  const TempDir dir;
  struct Case {
    const char* name;
    const char* contents;
    const char* where;  // the location the message must give
  };
  const Case cases[] = {
      {"inf_label.csv", "x0,x1,y\n1,2,0\n3,4,inf\n", "line 3: column 3: \"inf\""},
      {"nan_feature.csv", "x0,x1,y\nnan,2,0\n", "line 2: column 1: \"nan\""},
      {"minus_inf_first_line.csv", "1,-inf,0\n", "line 1: column 2: \"-inf\""},
      {"infinity_padded.csv", "1,2,0\n1, +infinity ,1\n", "line 2: column 2: \"+infinity\""},
  };
  for (const Case& bad : cases) {
    const std::string path = dir.write(bad.name, bad.contents);
    INFO("file " << bad.name);
    REQUIRE_THROWS_AS(datasets::load_csv(path), std::invalid_argument);
    REQUIRE_THROWS_WITH(datasets::load_csv(path), Catch::Contains(path) &&
                                                      Catch::Contains(bad.where) &&
                                                      Catch::Contains("is not finite"));
  }
  // 1e308 is finite and loads; 1e309 overflows and is not a number at all.
  REQUIRE(datasets::load_csv(dir.write("big.csv", "1e308,1\n")).X(0, 0) == 1e308);
  REQUIRE_THROWS_WITH(datasets::load_csv(dir.write("huge.csv", "1,2\n1e309,1\n")),
                      Catch::Contains("\"1e309\" is not a number"));
}

TEST_CASE("save_csv refuses a non-finite value, which load_csv would refuse to read",
          "[datasets]") {
  const TempDir dir;
  datasets::Dataset data = datasets::make_moons(4);
  data.X(2, 1) = std::numeric_limits<double>::infinity();
  const std::string path = dir.file("out.csv");
  REQUIRE_THROWS_AS(datasets::save_csv(data, path), std::invalid_argument);
  REQUIRE_THROWS_WITH(datasets::save_csv(data, path), Catch::Contains("row 3, column 2"));
  REQUIRE_FALSE(std::filesystem::exists(path));
}

TEST_CASE("save_csv on a full disk throws naming the file and leaves no truncated file",
          "[datasets]") {
  if (!std::filesystem::exists("/dev/full")) {
    WARN("skipped: no /dev/full to write to");
    return;
  }
  const TempDir dir;
  const std::string path = dir.file("out.csv");
  // The temporary file is /dev/full, where every write fails with ENOSPC.
  std::filesystem::create_symlink("/dev/full", path + ".tmp");
  REQUIRE_THROWS_AS(datasets::save_csv(datasets::make_moons(2000), path), std::runtime_error);
  REQUIRE_FALSE(std::filesystem::exists(std::filesystem::symlink_status(path + ".tmp")));
  std::filesystem::create_symlink("/dev/full", path + ".tmp");
  REQUIRE_THROWS_WITH(datasets::save_csv(datasets::make_moons(2000), path),
                      Catch::Contains(path) && Catch::Contains(std::strerror(ENOSPC)));
  REQUIRE_FALSE(std::filesystem::exists(path));
}
