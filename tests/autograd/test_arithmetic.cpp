// Exercise 1.1: + - * / and unary minus. Their values are [ex1.1]; their gradients run once
// backward exists, so those tests are [ex4.1] (worked by hand) and [ex5.1] (gradcheck).
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

TEST_CASE("add, sub, mul, div compute element-wise values", "[autograd][ex1][ex1.1]") {
  Tensor a(Array{1.0, -2.0, 3.0});
  Tensor b(Array{4.0, 0.5, -6.0});
  REQUIRE_ALL_CLOSE((a + b).value(), (Array{5.0, -1.5, -3.0}), 0);
  REQUIRE_ALL_CLOSE((a - b).value(), (Array{-3.0, -2.5, 9.0}), 0);
  REQUIRE_ALL_CLOSE((a * b).value(), (Array{4.0, -1.0, -18.0}), 0);
  REQUIRE_ALL_CLOSE((a / b).value(), (Array{0.25, -4.0, -0.5}), 0);
  REQUIRE_ALL_CLOSE((-a).value(), (Array{-1.0, 2.0, -3.0}), 0);
}

TEST_CASE("tensor-scalar operators compute the same values as NumPy", "[autograd][ex1][ex1.1]") {
  Tensor a(Array{1.0, -2.0, 4.0});
  REQUIRE_ALL_CLOSE((a + 1.0).value(), (Array{2.0, -1.0, 5.0}), 0);
  REQUIRE_ALL_CLOSE((1.0 + a).value(), (Array{2.0, -1.0, 5.0}), 0);
  REQUIRE_ALL_CLOSE((a - 1.0).value(), (Array{0.0, -3.0, 3.0}), 0);
  REQUIRE_ALL_CLOSE((1.0 - a).value(), (Array{0.0, 3.0, -3.0}), 0);
  REQUIRE_ALL_CLOSE((a * 3.0).value(), (Array{3.0, -6.0, 12.0}), 0);
  REQUIRE_ALL_CLOSE((3.0 * a).value(), (Array{3.0, -6.0, 12.0}), 0);
  REQUIRE_ALL_CLOSE((a / 2.0).value(), (Array{0.5, -1.0, 2.0}), 0);
  REQUIRE_ALL_CLOSE((2.0 / a).value(), (Array{2.0, -1.0, 0.5}), 0);
}

TEST_CASE("mul's backward gives each input the other input times grad_output",
          "[autograd][ex4][ex4.1]") {
  // d(a*b)/da = b, d(a*b)/db = a: worked by hand.
  Tensor a(Array{2.0, -3.0}, true);
  Tensor b(Array{5.0, 7.0}, true);
  (a * b).backward(Array{1.0, 10.0});
  INFO("d(a*b)/da = b and d(a*b)/db = a, each times grad_output");
  REQUIRE_ALL_CLOSE(a.grad(), (Array{5.0, 70.0}), 0);
  REQUIRE_ALL_CLOSE(b.grad(), (Array{2.0, -30.0}), 0);
}

TEST_CASE("div's backward is 1/b for a and -a/b^2 for b", "[autograd][ex4][ex4.1]") {
  Tensor a(Array{3.0}, true);
  Tensor b(Array{2.0}, true);
  (a / b).backward(Array{1.0});
  INFO("d(a/b)/da = 1/b and d(a/b)/db = -a/b^2");
  REQUIRE_ALL_CLOSE(a.grad(), (Array{0.5}), 0);
  REQUIRE_ALL_CLOSE(b.grad(), (Array{-0.75}), 0);
}

TEST_CASE("tensor-tensor operators pass gradcheck on random inputs", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({3, 4}, 1), true),
                      Tensor(test::away_from_zero({3, 4}, 2), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] + x[1]; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] - x[1]; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] * x[1]; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] / x[1]; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return -x[0]; }, inputs);
}

TEST_CASE("tensor-scalar operators pass gradcheck on random inputs", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::away_from_zero({2, 3}, 3), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] + 2.5; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return 2.5 - x[0]; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] * -1.5; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] / 4.0; }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return 3.0 / x[0]; }, inputs);
}

TEST_CASE("an input without requires_grad gets no gradient", "[autograd][ex4][ex4.1]") {
  Tensor a(Array{1.0, 2.0}, true);
  Tensor constant(Array{3.0, 4.0});
  (a * constant).backward(Array{1.0, 1.0});
  REQUIRE(a.has_grad());
  REQUIRE_FALSE(constant.has_grad());
}
