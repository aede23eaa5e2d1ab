// nn::save / nn::load (nn/serialization.hpp): bit-exact round trips, a file written by PyTorch,
// and every mismatch rejected with the model left untouched.
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>

#include "fixtures.hpp"
#include "nn/nn.hpp"
#include "temp_dir.hpp"
#include "test_helpers.hpp"

namespace fs = std::filesystem;
using autograd::Array;
using autograd::Tensor;

namespace {

std::shared_ptr<nn::Sequential> post_mlp_for_saving() {
  return std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{
      std::make_shared<nn::Linear>(2, 64), std::make_shared<nn::ReLU>(),
      std::make_shared<nn::Dropout>(0.5), std::make_shared<nn::Linear>(64, 64),
      std::make_shared<nn::ReLU>(), std::make_shared<nn::Dropout>(0.5),
      std::make_shared<nn::Linear>(64, 1)});
}

// A fresh, empty directory of the test's own, removed when the test binary exits.
fs::path scratch_dir(const std::string& name) {
  return test::fresh_directory("test_serialization_" + name);
}

bool bits_equal(const Array& a, const Array& b) {
  return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// Every parameter of a and b equal bit for bit.
bool same_parameters(const nn::Module& a, const nn::Module& b) {
  const auto pa = a.named_parameters();
  const auto pb = b.named_parameters();
  if (pa.size() != pb.size()) return false;
  for (std::size_t i = 0; i < pa.size(); ++i) {
    if (pa[i].first != pb[i].first || !bits_equal(pa[i].second.value(), pb[i].second.value()))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("save then load gives every parameter back bit for bit, awkward doubles included",
          "[nn][serialization][ex6][ex6.2]") {
  const fs::path dir = scratch_dir("round_trip");
  autograd::manual_seed(1);
  auto saved = post_mlp_for_saving();
  // Values whose shortest text is tricky: -0, subnormals, the extremes, a sum with a long tail.
  Array& weight = saved->named_parameters()[0].second.mutable_value();
  const double awkward[] = {-0.0,
                            std::numeric_limits<double>::denorm_min(),
                            -std::numeric_limits<double>::min(),
                            std::numeric_limits<double>::max(),
                            0.1 + 0.2,
                            1.0 / 3.0,
                            1e23,
                            123456789012345680.0,
                            2.0,
                            -1e-300};
  for (std::size_t i = 0; i < std::size(awkward); ++i) weight.data()[i] = awkward[i];
  nn::save(*saved, (dir / "model.json").string());

  autograd::manual_seed(2);  // other initial values, to be overwritten
  auto loaded = post_mlp_for_saving();
  REQUIRE_FALSE(same_parameters(*saved, *loaded));
  nn::load(*loaded, (dir / "model.json").string());
  REQUIRE(same_parameters(*saved, *loaded));
  REQUIRE(std::signbit(loaded->named_parameters()[0].second.value().data()[0]));  // -0 stays -0
  // Saving what was loaded writes the same text again.
  nn::save(*loaded, (dir / "again.json").string());
  REQUIRE(read_text(dir / "again.json") == read_text(dir / "model.json"));
  // Nothing but the file itself was left in the directory (the temporary was renamed).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  REQUIRE(files == 2);
}

TEST_CASE("the file is JSON with dotted names, shapes and one row per line",
          "[nn][serialization][ex6][ex6.1]") {
  const fs::path dir = scratch_dir("format");
  nn::Linear linear(3, 2);
  linear.weight().mutable_value() = Array{{1.0, -0.5, 0.25}, {0.0, 2.0, 1e-5}};
  linear.bias().mutable_value() = Array{0.1, -3.0};
  nn::save(linear, (dir / "linear.json").string());
  REQUIRE(read_text(dir / "linear.json") ==
          "{\n"
          "  \"format\": \"dropout_lab.state_dict\",\n"
          "  \"version\": 1,\n"
          "  \"state_dict\": {\n"
          "    \"weight\": {\n"
          "      \"shape\": [2, 3],\n"
          "      \"values\": [\n"
          "        1.0, -0.5, 0.25,\n"
          "        0.0, 2.0, 1e-05\n"
          "      ]\n"
          "    },\n"
          "    \"bias\": {\n"
          "      \"shape\": [2],\n"
          "      \"values\": [\n"
          "        0.1, -3.0\n"
          "      ]\n"
          "    }\n"
          "  }\n"
          "}\n");
}

TEST_CASE("a state_dict written by PyTorch loads and gives PyTorch's outputs to 1e-12",
          "[nn][serialization][ex6][ex6.3]") {
  const auto& reference = test::pytorch_models()["post_mlp"];
  auto model = post_mlp_for_saving();
  nn::load(*model, std::string(test::fixtures_dir()) + "/" +
                       reference["state_dict_file"].get<std::string>());
  model->eval();  // dropout is the identity, as in PyTorch's model.eval()
  const Array inputs = test::json_to_array(reference["inputs"]);
  const Array outputs = (*model)(Tensor(inputs)).value();
  REQUIRE_ALL_CLOSE(outputs, test::json_to_array(reference["outputs"]), 1e-12);
}

TEST_CASE("load rejects a missing name, a wrong shape or an extra name and changes nothing",
          "[nn][serialization][ex6][ex6.2]") {
  const fs::path dir = scratch_dir("mismatch");
  autograd::manual_seed(3);
  auto source = post_mlp_for_saving();
  const std::string good = (dir / "good.json").string();
  nn::save(*source, good);
  const std::string text = read_text(good);

  autograd::manual_seed(4);
  auto model = post_mlp_for_saving();
  auto untouched = post_mlp_for_saving();  // a copy of model's values to compare against
  for (std::size_t i = 0; i < model->parameters().size(); ++i)
    untouched->parameters()[i].mutable_value() = model->parameters()[i].value();

  const auto load_edited = [&](const std::string& from, const std::string& to) {
    std::string edited = text;
    const std::size_t at = edited.find(from);
    REQUIRE(at != std::string::npos);
    edited.replace(at, from.size(), to);
    write_text(dir / "edited.json", edited);
    nn::load(*model, (dir / "edited.json").string());
  };
  // 6.bias renamed: the model's 6.bias is missing (the first mismatch in the model's order).
  REQUIRE_THROWS_WITH(load_edited("\"6.bias\"", "\"6.offset\""),
                      Catch::Contains("the model's parameter '6.bias' is not in the file"));
  REQUIRE(same_parameters(*model, *untouched));
  // A shape that differs, named with both shapes.
  REQUIRE_THROWS_WITH(load_edited("\"shape\": [64, 2]", "\"shape\": [2, 64]"),
                      Catch::Contains("parameter '0.weight' has shape [64, 2] in the model but "
                                      "[2, 64] in the file"));
  REQUIRE(same_parameters(*model, *untouched));
  // A name the model does not have.
  REQUIRE_THROWS_WITH(
      load_edited("\"state_dict\": {",
                  "\"state_dict\": {\n \"9.weight\": {\"shape\": [1], "
                  "\"values\": [1.0]},"),
      Catch::Contains("the file holds '9.weight', which is not a parameter of the model"));
  REQUIRE(same_parameters(*model, *untouched));
  // A shape that is not the model's; one value too many (and not a number).
  REQUIRE_THROWS_WITH(load_edited("\"shape\": [1],", "\"shape\": [2],"),
                      Catch::Contains("has shape [1] in the model but [2] in the file"));
  REQUIRE_THROWS_AS(load_edited("        ", "        \"x\", "), std::invalid_argument);
  REQUIRE(same_parameters(*model, *untouched));
  // A file that is not JSON, not a state_dict, or not there.
  REQUIRE_THROWS_WITH(load_edited("{", "{{"), Catch::Contains("not a JSON file"));
  write_text(dir / "other.json", "{\"weights\": []}");
  REQUIRE_THROWS_WITH(nn::load(*model, (dir / "other.json").string()),
                      Catch::Contains("not a state_dict file"));
  REQUIRE_THROWS_AS(nn::load(*model, (dir / "absent.json").string()), std::runtime_error);
  REQUIRE(same_parameters(*model, *untouched));
  // And the unedited file loads.
  nn::load(*model, good);
  REQUIRE(same_parameters(*model, *source));
}

TEST_CASE("save refuses NaN and leaves the previous file in place",
          "[nn][serialization][ex6][ex6.1]") {
  const fs::path dir = scratch_dir("nan");
  const std::string path = (dir / "linear.json").string();
  nn::Linear linear(2, 1);
  nn::save(linear, path);
  const std::string before = read_text(path);
  linear.bias().mutable_value()(0) = std::nan("");
  REQUIRE_THROWS_WITH(nn::save(linear, path),
                      Catch::Contains("parameter 'bias' holds nan at flat index 0"));
  REQUIRE(read_text(path) == before);
  REQUIRE_THROWS_AS(nn::save(linear, (dir / "no_such_dir" / "x.json").string()),
                    std::invalid_argument);  // NaN is found before the directory is tried
  linear.bias().mutable_value()(0) = 0.5;
  REQUIRE_THROWS_WITH(nn::save(linear, (dir / "no_such_dir" / "x.json").string()),
                      Catch::Contains("cannot write"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  REQUIRE(files == 1);  // no temporary left behind
}
