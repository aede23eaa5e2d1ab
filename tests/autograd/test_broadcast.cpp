// Exercise 2: NumPy broadcasting (2.1), and the one helper that sums a gradient back to an
// input's shape (2.2). The gradients of broadcast ops run once backward exists: [ex4.1], [ex5.1].
#include <xtensor/xbuilder.hpp>

#include "test_helpers.hpp"

using autograd::Array;
using autograd::Shape;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

TEST_CASE("broadcast_shapes aligns from the right and stretches size-1 axes",
          "[autograd][ex2][ex2.1]") {
  using autograd::broadcast_shapes;
  REQUIRE(broadcast_shapes("add", {3, 4}, {4}) == Shape{3, 4});
  REQUIRE(broadcast_shapes("add", {3, 4}, {3, 1}) == Shape{3, 4});
  REQUIRE(broadcast_shapes("add", {1, 4}, {3, 1}) == Shape{3, 4});
  REQUIRE(broadcast_shapes("add", {}, {2, 3}) == Shape{2, 3});
  REQUIRE(broadcast_shapes("add", {1, 1}, {1}) == Shape{1, 1});
}

TEST_CASE("incompatible shapes throw invalid_argument naming the op and both shapes",
          "[autograd][ex2][ex2.1]") {
  Tensor a(xt::ones<double>({3, 4}));
  Tensor b(xt::ones<double>({2}));
  REQUIRE_THROWS_WITH(a + b, "add: shapes [3, 4] and [2] cannot be broadcast together");
  REQUIRE_THROWS_WITH(
      a - b, Catch::Contains("sub") && Catch::Contains("[3, 4]") && Catch::Contains("[2]"));
  REQUIRE_THROWS_AS(a * b, std::invalid_argument);
  REQUIRE_THROWS_AS(a / b, std::invalid_argument);
}

TEST_CASE("sum_to_shape sums prepended and stretched axes", "[autograd][ex2][ex2.2]") {
  const Array grad = {{1.0, 2.0, 3.0, 4.0}, {5.0, 6.0, 7.0, 8.0}, {9.0, 10.0, 11.0, 12.0}};
  INFO(
      "sum_to_shape sums the axes broadcasting prepended away, then sums, keeping them, the "
      "axes where the target shape has size 1");
  REQUIRE_ALL_CLOSE(autograd::sum_to_shape(grad, {4}), (Array{15.0, 18.0, 21.0, 24.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum_to_shape(grad, {3, 1}), test::column({10.0, 26.0, 42.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum_to_shape(grad, {1, 4}), (Array{{15.0, 18.0, 21.0, 24.0}}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum_to_shape(grad, {1, 1}), test::column({78.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum_to_shape(grad, {3, 4}), grad, 0);
  REQUIRE(autograd::sum_to_shape(grad, {}).dimension() == 0);
  REQUIRE(autograd::sum_to_shape(grad, {}).data()[0] == 78.0);
}

TEST_CASE("the gradient of a broadcast row vector is the sum over rows", "[autograd][ex4][ex4.1]") {
  Tensor a(xt::ones<double>({3, 4}), true);
  Tensor b(Array{1.0, 2.0, 3.0, 4.0}, true);
  (a * b).backward(xt::ones<double>({3, 4}));
  INFO("b (4) was broadcast over 3 rows, so its gradient is summed over the rows (sum_to_shape)");
  REQUIRE(b.grad().shape() == b.value().shape());
  REQUIRE_ALL_CLOSE(b.grad(), (Array{3.0, 3.0, 3.0, 3.0}), 0);
  REQUIRE_ALL_CLOSE(a.grad(),
                    (Array{{1.0, 2.0, 3.0, 4.0}, {1.0, 2.0, 3.0, 4.0}, {1.0, 2.0, 3.0, 4.0}}), 0);
}

TEST_CASE("broadcast ops pass gradcheck: (3,4)+(4), (3,4)-(3,1), (1,4)*(3,1), (3,4)/(4)",
          "[autograd][ex5][ex5.1]") {
  const Inputs row{Tensor(test::random_array({3, 4}, 10), true),
                   Tensor(test::away_from_zero({4}, 11), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] + x[1]; }, row);
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] / x[1]; }, row);
  const Inputs column{Tensor(test::random_array({3, 4}, 12), true),
                      Tensor(test::random_array({3, 1}, 13), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] - x[1]; }, column);
  const Inputs outer{Tensor(test::random_array({1, 4}, 14), true),
                     Tensor(test::random_array({3, 1}, 15), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] * x[1]; }, outer);
}

TEST_CASE("broadcasting works with size-1 and 0-D shapes", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({1, 1}, 16), true),
                      Tensor(test::random_array({1}, 17), true), Tensor(Array(1.5), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return x[0] * x[1] + x[2]; }, inputs);
  Tensor scalar(Array(2.0), true);
  Tensor matrix(test::random_array({2, 3}, 18), true);
  (scalar * matrix).backward(xt::ones<double>({2, 3}));
  INFO(
      "a 0-D tensor broadcasts against any shape, so its gradient is the (2, 3) gradient "
      "summed back to 0-D: sum_to_shape(grad, {}) sums every axis away");
  REQUIRE(scalar.grad().dimension() == 0);
  REQUIRE(scalar.grad().data()[0] == Approx(xt::sum(matrix.value())()).epsilon(1e-14));
}
