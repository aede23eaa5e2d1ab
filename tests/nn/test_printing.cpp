// Printing a model as PyTorch prints it (nn/printing.hpp), against repr() from PyTorch
// (tests/fixtures/make_pytorch_models.py), and the parameter count.
#include <memory>
#include <sstream>

#include "fixtures.hpp"
#include "nn/nn.hpp"
#include "test_helpers.hpp"

namespace {

std::shared_ptr<nn::Sequential> post_mlp() {
  return std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{
      std::make_shared<nn::Linear>(2, 64), std::make_shared<nn::ReLU>(),
      std::make_shared<nn::Dropout>(0.5), std::make_shared<nn::Linear>(64, 64),
      std::make_shared<nn::ReLU>(), std::make_shared<nn::Dropout>(0.5),
      std::make_shared<nn::Linear>(64, 1)});
}

std::string printed(const nn::Module& module) {
  std::ostringstream os;
  os << module;
  return os.str();
}

const nlohmann::json& pytorch_repr() {
  return test::pytorch_models()["repr"];
}

}  // namespace

TEST_CASE("the post's MLP prints exactly as PyTorch prints it", "[nn][printing][ex6][ex6.2]") {
  const auto model = post_mlp();
  const std::string expected = pytorch_repr()["post_mlp"].get<std::string>();
  REQUIRE(printed(*model) == expected);
  REQUIRE(expected ==  // the layout, spelled out once
          "Sequential(\n"
          "  (0): Linear(in_features=2, out_features=64, bias=True)\n"
          "  (1): ReLU()\n"
          "  (2): Dropout(p=0.5, inplace=False)\n"
          "  (3): Linear(in_features=64, out_features=64, bias=True)\n"
          "  (4): ReLU()\n"
          "  (5): Dropout(p=0.5, inplace=False)\n"
          "  (6): Linear(in_features=64, out_features=1, bias=True)\n"
          ")");
}

TEST_CASE("a nested Sequential prints its children indented, as PyTorch",
          "[nn][printing][ex6][ex6.2]") {
  auto inner = std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{
      std::make_shared<nn::ReLU>(), std::make_shared<nn::Linear>(4, 1)});
  nn::Sequential nested(
      {std::make_shared<nn::Linear>(2, 4, /*bias=*/false), inner, std::make_shared<nn::Sigmoid>()});
  REQUIRE(printed(nested) == pytorch_repr()["nested"].get<std::string>());
  REQUIRE(printed(nn::Sequential()) == pytorch_repr()["empty_sequential"].get<std::string>());
}

TEST_CASE("Linear without bias prints bias=False", "[nn][printing][ex6][ex6.1]") {
  REQUIRE(nn::repr(nn::Linear(3, 1, false)) == pytorch_repr()["linear_no_bias"].get<std::string>());
}

TEST_CASE("Dropout prints p as Python prints a float", "[nn][printing]") {
  REQUIRE(nn::repr(nn::Dropout(0.0)) == pytorch_repr()["dropout_0"].get<std::string>());
  REQUIRE(nn::repr(nn::Dropout(0.1)) == pytorch_repr()["dropout_0.1"].get<std::string>());
  REQUIRE(nn::repr(nn::Dropout(1e-5)) == pytorch_repr()["dropout_1e-05"].get<std::string>());
  REQUIRE(nn::repr(nn::Dropout(1.0)) == pytorch_repr()["dropout_1"].get<std::string>());
  REQUIRE(nn::repr(nn::SrivastavaDropout(0.8)) == "SrivastavaDropout(retain_prob=0.8)");
  REQUIRE(nn::repr(nn::ReLU()) == "ReLU()");
}

TEST_CASE("python_float_repr writes Python's repr(float)", "[nn][printing]") {
  // Each expected text is what Python 3 prints for repr(x).
  REQUIRE(nn::python_float_repr(0.5) == "0.5");
  REQUIRE(nn::python_float_repr(1.0) == "1.0");
  REQUIRE(nn::python_float_repr(-0.0) == "-0.0");
  REQUIRE(nn::python_float_repr(0.1 + 0.2) == "0.30000000000000004");
  REQUIRE(nn::python_float_repr(0.0001) == "0.0001");
  REQUIRE(nn::python_float_repr(0.00012) == "0.00012");
  REQUIRE(nn::python_float_repr(0.00001) == "1e-05");
  REQUIRE(nn::python_float_repr(1.5e-7) == "1.5e-07");
  REQUIRE(nn::python_float_repr(1e15) == "1000000000000000.0");
  REQUIRE(nn::python_float_repr(1e16) == "1e+16");
  REQUIRE(nn::python_float_repr(123.25) == "123.25");
  REQUIRE(nn::python_float_repr(-2.5e22) == "-2.5e+22");
  REQUIRE(nn::python_float_repr(1.0 / 0.0) == "inf");
}

TEST_CASE("parameter_count of the post's MLP is 4417, as PyTorch counts",
          "[nn][printing][ex6][ex6.2]") {
  // (2·64 + 64) + (64·64 + 64) + (64·1 + 1) = 192 + 4160 + 65
  REQUIRE(nn::parameter_count(*post_mlp()) ==
          test::pytorch_models()["post_mlp"]["parameter_count"].get<std::size_t>());
  REQUIRE(nn::parameter_count(*post_mlp()) == 4417);
  REQUIRE(nn::parameter_count(nn::Linear(3, 2, false)) == 6);
  REQUIRE(nn::parameter_count(nn::ReLU()) == 0);
}

TEST_CASE("a module defined outside nn prints with its own class name", "[nn][printing]") {
  struct Doubler : nn::Module {
    Tensor forward(const Tensor& x) override { return x; }
  };
  // A local class's name is "…::Doubler" after demangling; the namespaces are dropped.
  REQUIRE(nn::repr(Doubler()) == "Doubler()");
}
