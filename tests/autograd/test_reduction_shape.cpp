// Exercise 1.3: sum and mean (whole tensor and along an axis), reshape and transpose. Tests that
// need backward are [ex4.1], those that need gradcheck [ex5.1].
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Shape;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

namespace {
const Array kMatrix = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
}

TEST_CASE("sum and mean of a whole tensor give one element", "[autograd][ex1][ex1.3]") {
  Tensor a(kMatrix);
  REQUIRE(autograd::sum(a).item() == 21.0);
  REQUIRE(autograd::mean(a).item() == 3.5);
  REQUIRE(autograd::sum(a).dim() == 0);
}

TEST_CASE("sum and mean along an axis, with and without keepdims", "[autograd][ex1][ex1.3]") {
  Tensor a(kMatrix);
  REQUIRE_ALL_CLOSE(autograd::sum(a, 0).value(), (Array{5.0, 7.0, 9.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum(a, 1).value(), (Array{6.0, 15.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::sum(a, 1, true).value(), test::column({6.0, 15.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::mean(a, 0, true).value(), (Array{{2.5, 3.5, 4.5}}), 0);
  REQUIRE_ALL_CLOSE(autograd::mean(a, 1).value(), (Array{2.0, 5.0}), 0);
}

TEST_CASE("an axis out of range throws naming the axis and the shape", "[autograd]") {
  Tensor a(kMatrix);
  REQUIRE_THROWS_WITH(autograd::sum(a, 2),
                      "sum: axis 2 is out of range for a tensor of shape [2, 3]");
  REQUIRE_THROWS_AS(autograd::mean(a, 5), std::invalid_argument);
}

TEST_CASE("the gradient of mean is 1/n everywhere", "[autograd][ex4][ex4.1]") {
  Tensor a(kMatrix, true);
  autograd::mean(a).backward();
  INFO("d mean(a)/da_i = 1/n, here n = 6");
  REQUIRE_ALL_CLOSE(a.grad(), xt::full_like(kMatrix, 1.0 / 6.0), 0);
}

TEST_CASE("reductions pass gradcheck on random inputs", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({3, 4}, 30), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::sum(x[0]); }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::mean(x[0]); }, inputs);
  for (std::size_t axis : {0, 1}) {
    for (bool keepdims : {false, true}) {
      INFO("axis " << axis << ", keepdims " << keepdims);
      REQUIRE_GRADCHECK([=](const Inputs& x) { return autograd::sum(x[0], axis, keepdims); },
                        inputs);
      REQUIRE_GRADCHECK([=](const Inputs& x) { return autograd::mean(x[0], axis, keepdims); },
                        inputs);
    }
  }
  const Inputs cube{Tensor(test::random_array({2, 3, 2}, 31), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::mean(x[0], 1); }, cube);
}

TEST_CASE("reshape keeps row-major order and rejects a wrong element count",
          "[autograd][ex5][ex5.1]") {
  Tensor a(kMatrix);
  REQUIRE_ALL_CLOSE(autograd::reshape(a, {3, 2}).value(),
                    (Array{{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}}), 0);
  REQUIRE_THROWS_WITH(autograd::reshape(a, {4, 2}),
                      "reshape: cannot reshape a tensor of shape [2, 3] into shape [4, 2]");
  const Inputs inputs{Tensor(test::random_array({2, 3}, 32), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::reshape(x[0], {6}); }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::reshape(x[0], {3, 1, 2}); }, inputs);
}

TEST_CASE("transpose swaps the axes of a matrix and needs 2-D", "[autograd][ex5][ex5.1]") {
  Tensor a(kMatrix);
  REQUIRE_ALL_CLOSE(autograd::transpose(a).value(), (Array{{1.0, 4.0}, {2.0, 5.0}, {3.0, 6.0}}), 0);
  REQUIRE_THROWS_WITH(autograd::transpose(Tensor(Array{1.0, 2.0})),
                      "transpose: needs a 2-D tensor, got shape [2]");
  const Inputs inputs{Tensor(test::random_array({2, 3}, 33), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::transpose(x[0]); }, inputs);
}
