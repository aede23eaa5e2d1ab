#include "autograd/linear.hpp"

#include <stdexcept>

#include "autograd/errors.hpp"
#include "autograd/matmul.hpp"

namespace autograd {

namespace {
// Σ over rows of a (rows, cols) array: the gradient of a bias added to every row.
Array sum_rows(const Array& grad) {
  const std::size_t rows = grad.shape()[0];
  const std::size_t cols = grad.shape()[1];
  Array total = xt::zeros<Scalar>({cols});
  const Scalar* g = grad.data();
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) total(j) += g[i * cols + j];
  }
  return total;
}

void check_shapes(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  const bool bias_ok = !bias.defined() || (bias.dim() == 1 && bias.shape()[0] == weight.shape()[0]);
  if (x.dim() != 2 || weight.dim() != 2 || x.shape()[1] != weight.shape()[1] || !bias_ok) {
    throw std::invalid_argument(
        "linear: input of shape " + shape_to_string(x.shape()) +
        " does not match weight of shape " + shape_to_string(weight.shape()) +
        (bias.defined() ? " and bias of shape " + shape_to_string(bias.shape()) : std::string()) +
        " (need input [batch, in], weight [out, in], bias [out])");
  }
}
}  // namespace

Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  check_shapes(x, weight, bias);
  // BEGIN EXERCISE 6.1: y = x·Wᵀ + b (gemm); backward: dx = G·W, dW = Gᵀ·x, db = row sums of G
  Array y = gemm(x.value(), false, weight.value(), true);  // x·Wᵀ, Wᵀ read in place by BLAS
  if (bias.defined()) {
    const std::size_t cols = y.shape()[1];
    const Scalar* b = bias.value().data();
    Scalar* out = y.data();
    for (std::size_t k = 0; k < y.size(); ++k) out[k] += b[k % cols];  // y_ij += b_j
  }
  return make_op(
      "linear", std::move(y),
      [](Node& out) {
        Node& x = out.input(0);
        Node& weight = out.input(1);
        // y = x·Wᵀ + b:  dL/dx = G·W,  dL/dW = Gᵀ·x,  dL/db = Σ_rows G
        if (x.requires_grad) accumulate_grad(x, gemm(out.grad, false, weight.value, false));
        if (weight.requires_grad) accumulate_grad(weight, gemm(out.grad, true, x.value, false));
        if (out.has_input(2) && out.input(2).requires_grad) {
          accumulate_grad(out.input(2), sum_rows(out.grad));
        }
      },
      x, weight, bias);
  // END EXERCISE 6.1
}

}  // namespace autograd
