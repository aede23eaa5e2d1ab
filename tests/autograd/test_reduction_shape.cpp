// Exercise 1.3: sum and mean (whole tensor and along an axis), reshape and transpose. Their
// values are [ex1.3], and so is the backward of a reduction along an axis, run by hand (its
// helper spread_along_axis runs nowhere else); tests that need backward() are [ex4.1], those
// that need gradcheck [ex5.1].
#include <xtensor/xbuilder.hpp>

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

TEST_CASE("sum and mean along each axis of a 3-D tensor", "[autograd][ex1][ex1.3]") {
  // cube(i, j, k) = 4i + 2j + k + 1: shape (2, 3, 2), the values 1 to 12 in row-major order.
  Array cube = xt::arange(1.0, 13.0);
  cube.reshape({2, 3, 2});
  Tensor a(cube);
  INFO("xt::sum(a, {axis}) drops the axis; with xt::keep_dims it stays with size 1");
  REQUIRE_ALL_CLOSE(autograd::sum(a, 0).value(), (Array{{8.0, 10.0}, {12.0, 14.0}, {16.0, 18.0}}),
                    0);
  REQUIRE_ALL_CLOSE(autograd::sum(a, 1).value(), (Array{{9.0, 12.0}, {27.0, 30.0}}), 0);
  REQUIRE_ALL_CLOSE(autograd::mean(a, 1, true).value(), (Array{{{3.0, 4.0}}, {{9.0, 10.0}}}), 0);
  REQUIRE_ALL_CLOSE(autograd::mean(a, 2).value(), (Array{{1.5, 3.5, 5.5}, {7.5, 9.5, 11.5}}), 0);
  REQUIRE(autograd::sum(a, 2, true).shape() == Shape{2, 3, 1});
}

namespace {
// An op's own backward, run by hand on its result (no graph walk, which is exercise 4.1):
// sets y's gradient to grad_output and calls y's backward function once, so that each input
// receives its contribution through accumulate_grad.
void run_own_backward(const Tensor& y, const Array& grad_output) {
  autograd::Node& node = *y.node();
  REQUIRE(node.backward != nullptr);  // an op on an input that requires grad records one
  node.grad = grad_output;
  node.has_grad = true;
  node.backward(node);
}
}  // namespace

TEST_CASE("sum and mean along an axis spread the output gradient back along it",
          "[autograd][ex1][ex1.3]") {
  // spread_along_axis runs only in a backward: here the op's backward is called by hand, so
  // this test needs no exercise 4.1.
  const Array grad_rows = {10.0, 20.0};        // dL/d(out) for a reduction over axis 1
  const Array grad_columns = {1.0, 2.0, 3.0};  // ... over axis 0
  for (bool keepdims : {false, true}) {
    INFO("keepdims " << keepdims
                     << ": the gradient is out.grad copied along the reduced axis (put back "
                        "with xt::expand_dims when keepdims dropped it), times 1/n for mean");
    Tensor a(kMatrix, true);
    Tensor rows = autograd::sum(a, 1, keepdims);
    run_own_backward(rows, keepdims ? test::column({10.0, 20.0}) : grad_rows);
    REQUIRE_ALL_CLOSE(a.grad(), (Array{{10.0, 10.0, 10.0}, {20.0, 20.0, 20.0}}), 0);

    Tensor b(kMatrix, true);
    Tensor columns = autograd::mean(b, 0, keepdims);
    run_own_backward(columns, keepdims ? Array{{1.0, 2.0, 3.0}} : grad_columns);
    REQUIRE_ALL_CLOSE(b.grad(), (Array{{0.5, 1.0, 1.5}, {0.5, 1.0, 1.5}}), 0);  // n = 2
  }
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

TEST_CASE("reshape keeps the elements in row-major order", "[autograd][ex1][ex1.3]") {
  Tensor a(kMatrix);
  INFO("reshape relabels the same elements, read row by row, with a new shape");
  REQUIRE_ALL_CLOSE(autograd::reshape(a, {3, 2}).value(),
                    (Array{{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}}), 0);
  REQUIRE_ALL_CLOSE(autograd::reshape(a, {6}).value(), (Array{1.0, 2.0, 3.0, 4.0, 5.0, 6.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::reshape(a, {6, 1}).value(),
                    test::column({1.0, 2.0, 3.0, 4.0, 5.0, 6.0}), 0);
  REQUIRE(autograd::reshape(a, {3, 1, 2}).shape() == Shape{3, 1, 2});
  REQUIRE(autograd::reshape(Tensor(Array{7.0}), {}).dim() == 0);
  REQUIRE(a.shape() == Shape{2, 3});  // the input is not changed
}

TEST_CASE("reshape rejects a wrong element count, naming both shapes", "[autograd]") {
  Tensor a(kMatrix);
  REQUIRE_THROWS_WITH(autograd::reshape(a, {4, 2}),
                      "reshape: cannot reshape a tensor of shape [2, 3] into shape [4, 2]");
}

TEST_CASE("reshape passes gradcheck", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({2, 3}, 32), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::reshape(x[0], {6}); }, inputs);
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::reshape(x[0], {3, 1, 2}); }, inputs);
}

TEST_CASE("transpose swaps rows and columns: square, non-square and vector-shaped",
          "[autograd][ex1][ex1.3]") {
  INFO("transpose(a)(j, i) = a(i, j), and the shape (m, n) becomes (n, m)");
  REQUIRE_ALL_CLOSE(autograd::transpose(Tensor(kMatrix)).value(),
                    (Array{{1.0, 4.0}, {2.0, 5.0}, {3.0, 6.0}}), 0);
  REQUIRE_ALL_CLOSE(autograd::transpose(Tensor(Array{{1.0, 2.0}, {3.0, 4.0}})).value(),
                    (Array{{1.0, 3.0}, {2.0, 4.0}}), 0);
  REQUIRE_ALL_CLOSE(autograd::transpose(Tensor(Array{{1.0, 2.0, 3.0}})).value(),
                    test::column({1.0, 2.0, 3.0}), 0);
  REQUIRE_ALL_CLOSE(autograd::transpose(Tensor(test::column({1.0, 2.0, 3.0}))).value(),
                    (Array{{1.0, 2.0, 3.0}}), 0);
}

TEST_CASE("transpose needs a 2-D tensor, and says so", "[autograd]") {
  REQUIRE_THROWS_WITH(autograd::transpose(Tensor(Array{1.0, 2.0})),
                      "transpose: needs a 2-D tensor, got shape [2]");
}

TEST_CASE("transpose passes gradcheck", "[autograd][ex5][ex5.1]") {
  const Inputs inputs{Tensor(test::random_array({2, 3}, 33), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::transpose(x[0]); }, inputs);
}
