// experiments/common/figure.hpp: contour tables computed by gnuplot from a grid file.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "experiments/common/figure.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {
// Data rows of a gnuplot table: not blank, not a # comment.
std::size_t data_rows(const std::string& path) {
  std::ifstream in(path);
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    rows += line.find_first_not_of(" \t") != std::string::npos && line[0] != '#';
  }
  return rows;
}
}  // namespace

TEST_CASE(
    "contour_tables: a level the surface crosses gives a line, one it never reaches an empty "
    "table, and the script runs from any directory",
    "[experiments][figure]") {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) return;  // nothing to test
  const test::TempDir dir("common_contours");
  const experiments::Output out(dir.string());
  // v = x on a 5 × 5 grid over [0, 1]²: the level 0.5 is the line x = 0.5; 2 is never reached.
  std::ostringstream grid;
  for (int j = 0; j < 5; ++j) {
    for (int i = 0; i < 5; ++i) grid << i / 4.0 << " " << j / 4.0 << " " << i / 4.0 << "\n";
    grid << "\n";
  }
  out.write_text("grid.dat", grid.str());
  REQUIRE(experiments::contour_tables(out, "contours.gp", "grid.dat",
                                      {{"half.dat", 3, 0.5}, {"never.dat", 3, 2.0}}));
  REQUIRE(data_rows(out.path("half.dat")) >= 2);
  std::ifstream half(out.path("half.dat"));
  for (std::string line; std::getline(half, line);) {
    if (line.empty() || line[0] == '#') continue;
    REQUIRE(std::stod(line) == Approx(0.5));  // x of every point on the line
  }
  REQUIRE(fs::exists(out.path("never.dat")));
  REQUIRE(data_rows(out.path("never.dat")) == 0);
  // The saved script redraws the tables from elsewhere.
  fs::remove(out.path("half.dat"));
  const std::string command = "cd / && gnuplot '" + out.path("contours.gp") + "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  REQUIRE(data_rows(out.path("half.dat")) >= 2);
}
