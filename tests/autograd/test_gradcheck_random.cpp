// Exercise 5.1: gradcheck itself must catch a wrong gradient, and leave its inputs alone.
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Node;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

namespace {
// An op whose backward is deliberately wrong: forward x², backward claims 2.002x.
Tensor square_with_wrong_gradient(const Tensor& x) {
  return autograd::make_op(
      "wrong_square", x.value() * x.value(),
      [](Node& out) {
        autograd::accumulate_grad(out.input(0), out.grad * 2.002 * out.input(0).value);
      },
      x);
}
}  // namespace

TEST_CASE("gradcheck catches a gradient that is off by 0.1%", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(Array{1.0, -2.0, 0.5}, true)};
  const auto result = autograd::gradcheck(
      [](const Inputs& x) { return square_with_wrong_gradient(x[0]); }, inputs, 1e-6, 1e-7, 1e-6);
  REQUIRE_FALSE(result.ok);
  REQUIRE(result.max_rel_error == Approx(0.001 / 1.001).epsilon(1e-4));
  REQUIRE_THAT(result.report, Catch::Contains("FAILED") && Catch::Contains("input 0 element 1"));
}

TEST_CASE("gradcheck passes a composite function and reports tiny errors",
          "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({2, 3}, 50), true),
                      Tensor(test::random_array({3, 2}, 51), true),
                      Tensor(test::random_array({2}, 52), true)};
  const auto f = [](const Inputs& x) {
    Tensor hidden = autograd::sigmoid(autograd::matmul(x[0], x[1]) + x[2]);
    return autograd::mean(autograd::pow(hidden - 0.5, 2.0), 1);
  };
  const auto result = autograd::gradcheck(f, inputs);
  INFO(result.report);
  REQUIRE(result.ok);
  REQUIRE(result.max_abs_error < 1e-8);
}

TEST_CASE("gradcheck leaves the caller's tensors and gradients untouched",
          "[autograd][ex5][ex5.1]") {
  Tensor x(Array{1.0, 2.0}, true);
  const Array before = x.value();
  const auto result =
      autograd::gradcheck([](const Inputs& in) { return in[0] * in[0]; }, Inputs{x});
  REQUIRE(result.ok);
  REQUIRE_FALSE(x.has_grad());
  REQUIRE_ALL_CLOSE(x.value(), before, 0);
}

TEST_CASE("gradcheck treats an input without requires_grad as a constant",
          "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(Array{1.0, 2.0}, true), Tensor(Array{3.0, 4.0}, false)};
  const auto result = autograd::gradcheck([](const Inputs& x) { return x[0] * x[1]; }, inputs);
  REQUIRE(result.ok);
  REQUIRE_THROWS_AS(autograd::gradcheck([](const Inputs& x) { return x[0]; }, inputs, 0.0),
                    std::invalid_argument);
}
