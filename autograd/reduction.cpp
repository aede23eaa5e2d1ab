#include "autograd/reduction.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xbroadcast.hpp>
#include <xtensor/xreducer.hpp>

namespace autograd {

namespace {
void check_axis(const char* op, const Tensor& a, std::size_t axis) {
  if (axis >= a.dim()) {
    throw std::invalid_argument(std::string(op) + ": axis " + std::to_string(axis) +
                                " is out of range for a tensor of shape " +
                                shape_to_string(a.shape()));
  }
}

// The gradient of a reduction along `axis` is the output gradient copied along that axis:
// restore the axis (size 1) when keepdims dropped it, then broadcast to the input's shape.
Array spread_along_axis(const Node& out, Scalar scale) {
  // BEGIN EXERCISE 1.3: out.grad * scale, expand_dims(axis) if !keepdims, broadcast to the input
  const Array& input = out.input(0).value;
  Array grad = out.grad * scale;
  if (!out.attributes.keepdims) grad = xt::expand_dims(grad, out.attributes.axis);
  return xt::broadcast(grad, input.shape());
  // END EXERCISE 1.3
}
}  // namespace

Tensor sum(const Tensor& a) {
  // BEGIN EXERCISE 1.3: sum of all elements (0-D); backward: out.grad broadcast to a's shape
  return make_op(
      "sum", Array(xt::sum(a.value())),
      [](Node& out) {
        // d(Σ a)/da_i = 1
        accumulate_grad(out.input(0), xt::broadcast(out.grad, out.input(0).value.shape()));
      },
      a);
  // END EXERCISE 1.3
}

Tensor mean(const Tensor& a) {
  // BEGIN EXERCISE 1.3: sum / n; backward: out.grad / n broadcast to a's shape (n: input 0's size)
  const auto n = static_cast<Scalar>(a.size());
  return make_op(
      "mean", Array(xt::sum(a.value()) / n),
      [](Node& out) {
        // d(Σ a / n)/da_i = 1/n
        const auto n = static_cast<Scalar>(out.input(0).value.size());
        accumulate_grad(out.input(0), xt::broadcast(out.grad / n, out.input(0).value.shape()));
      },
      a);
  // END EXERCISE 1.3
}

Tensor sum(const Tensor& a, std::size_t axis, bool keepdims) {
  check_axis("sum", a, axis);
  // BEGIN EXERCISE 1.3: sum on axis, record axis and keepdims; backward: spread_along_axis(out, 1)
  Array value = keepdims ? Array(xt::sum(a.value(), {axis}, xt::keep_dims))
                         : Array(xt::sum(a.value(), {axis}));
  return make_op("sum_axis", std::move(value),
                 [](Node& out) {
                   // d(Σ_k a_k)/da_k = 1 along the axis
                   accumulate_grad(out.input(0), spread_along_axis(out, 1.0));
                 },
                 a, {.axis = axis, .keepdims = keepdims});
  // END EXERCISE 1.3
}

Tensor mean(const Tensor& a, std::size_t axis, bool keepdims) {
  check_axis("mean", a, axis);
  // BEGIN EXERCISE 1.3: sum along axis / n; backward: spread_along_axis(out, 1 / n), n from input 0
  const auto n = static_cast<Scalar>(a.shape()[axis]);
  Array value = keepdims ? Array(xt::sum(a.value(), {axis}, xt::keep_dims) / n)
                         : Array(xt::sum(a.value(), {axis}) / n);
  return make_op("mean_axis", std::move(value),
                 [](Node& out) {
                   // d(Σ_k a_k / n)/da_k = 1/n along the axis
                   const auto n =
                       static_cast<Scalar>(out.input(0).value.shape()[out.attributes.axis]);
                   accumulate_grad(out.input(0), spread_along_axis(out, 1.0 / n));
                 },
                 a, {.axis = axis, .keepdims = keepdims});
  // END EXERCISE 1.3
}

}  // namespace autograd
