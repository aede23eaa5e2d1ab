#include "autograd/shape_ops.hpp"

#include <functional>
#include <numeric>
#include <stdexcept>

#include "autograd/kernels.hpp"

namespace autograd {

namespace {
void check_2d(const char* op, const Tensor& a) {
  if (a.dim() != 2) {
    throw std::invalid_argument(std::string(op) + ": needs a 2-D tensor, got shape " +
                                shape_to_string(a.shape()));
  }
}
}  // namespace

Tensor reshape(const Tensor& a, const Shape& shape) {
  const std::size_t n =
      std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
  if (n != a.size()) {
    throw std::invalid_argument("reshape: cannot reshape a tensor of shape " +
                                shape_to_string(a.shape()) + " into shape " +
                                shape_to_string(shape));
  }
  // BEGIN EXERCISE 1.3: same elements, new shape; backward: out.grad reshaped to a's shape
  Array value = a.value();
  value.reshape(shape);
  return make_op(
      "reshape", std::move(value),
      [](Node& out) {
        // reshape only relabels elements: the gradient is reshaped back
        Array grad = out.grad;
        grad.reshape(out.input(0).value.shape());
        accumulate_grad(out.input(0), std::move(grad));
      },
      a);
  // END EXERCISE 1.3
}

Tensor transpose(const Tensor& a) {
  check_2d("transpose", a);
  // BEGIN EXERCISE 1.3: a transposed; backward: out.grad transposed back (kernels::transpose)
  return make_op(
      "transpose", kernels::transpose(a.value()),
      [](Node& out) {
        // d(aᵀ)/da: the gradient is transposed back
        accumulate_grad(out.input(0), kernels::transpose(out.grad));
      },
      a);
  // END EXERCISE 1.3
}

}  // namespace autograd
