// Exercise 6.1: Linear, y = x·Wᵀ + b, against PyTorch; its initialisation; its shape errors.
#include <cmath>

#include "fixtures.hpp"
#include "nn/linear.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("Linear forward and backward match PyTorch to 1e-12", "[nn][ex6][ex6.1]") {
  for (const auto& reference : test::pytorch_reference()["linear"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      const bool has_bias = reference["has_bias"];
      nn::Linear layer(reference["in_features"], reference["out_features"], has_bias);
      layer.weight().mutable_value() = test::json_to_array(reference["weight"]);
      if (has_bias) layer.bias().mutable_value() = test::json_to_array(reference["bias"]);
      Tensor x(test::json_to_array(reference["x"]), true);
      Tensor y = layer(x);
      REQUIRE_ALL_CLOSE(y.value(), test::json_to_array(reference["y"]), 1e-12);
      y.backward(test::json_to_array(reference["grad_output"]));
      REQUIRE_ALL_CLOSE(layer.weight().grad(), test::json_to_array(reference["grad_weight"]),
                        1e-12);
      REQUIRE_ALL_CLOSE(x.grad(), test::json_to_array(reference["grad_x"]), 1e-12);
      if (has_bias) {
        REQUIRE_ALL_CLOSE(layer.bias().grad(), test::json_to_array(reference["grad_bias"]), 1e-12);
      }
    }
  }
}

TEST_CASE("Linear's parameters have PyTorch's shapes and names", "[nn][ex6][ex6.1]") {
  nn::Linear layer(3, 2);
  REQUIRE(layer.weight().shape() == autograd::Shape{2, 3});
  REQUIRE(layer.bias().shape() == autograd::Shape{2});
  const auto named = layer.named_parameters();
  REQUIRE(named.size() == 2);
  REQUIRE(named[0].first == "weight");
  REQUIRE(named[1].first == "bias");
  REQUIRE(nn::Linear(3, 2, false).parameters().size() == 1);
}

TEST_CASE("Linear initialises from U(-1/sqrt(in), 1/sqrt(in)), weight drawn first",
          "[nn][ex6][ex6.1]") {
  autograd::manual_seed(7);
  nn::Linear layer(16, 64);
  const double bound = 1.0 / std::sqrt(16.0);
  for (double w : layer.weight().value()) REQUIRE(std::abs(w) <= bound);
  for (double b : layer.bias().value()) REQUIRE(std::abs(b) <= bound);
  // Weight first, then bias, from the library generator: replay the draws by hand.
  autograd::manual_seed(7);
  const Array weight = autograd::rand_uniform({64, 16}, -bound, bound);
  const Array bias = autograd::rand_uniform({64}, -bound, bound);
  REQUIRE_ALL_CLOSE(layer.weight().value(), weight, 0);
  REQUIRE_ALL_CLOSE(layer.bias().value(), bias, 0);
  // U(-a, a) has variance a²/3: 1024 draws, within 4 standard errors of the variance.
  const double variance = xt::mean(xt::square(layer.weight().value()))();
  const double expected = bound * bound / 3.0;
  const double se = expected * std::sqrt(0.8 / 1024.0);  // Var(w²) = a⁴/5 − a⁴/9 = 0.8·(a²/3)²
  REQUIRE(std::abs(variance - expected) < 4 * se);
}

TEST_CASE("Linear rejects an input whose width is not in_features, naming both shapes",
          "[nn][ex6][ex6.1]") {
  nn::Linear layer(3, 2);
  REQUIRE_THROWS_WITH(layer(Tensor(xt::ones<double>({4, 5}))),
                      Catch::Contains("[4, 5]") && Catch::Contains("[2, 3]"));
  REQUIRE_THROWS_AS(layer(Tensor(xt::ones<double>({3}))), std::invalid_argument);
  REQUIRE_THROWS_AS(nn::Linear(0, 2), std::invalid_argument);
}
