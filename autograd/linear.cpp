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
  const Scalar* __restrict g = grad.data();
  Scalar* __restrict sums = total.data();  // not total(j): xarray's indexing costs more than +=
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) sums[j] += g[i * cols + j];
  }
  return total;
}

void check_shapes(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  // value().shape() reads the shapes in place; Tensor::shape() would copy each into a vector.
  const auto& x_shape = x.value().shape();
  const auto& weight_shape = weight.value().shape();
  const bool matrices_ok = x.dim() == 2 && weight.dim() == 2 && x_shape[1] == weight_shape[1];
  const bool bias_ok = !bias.defined() || (matrices_ok && bias.dim() == 1 &&
                                           bias.value().shape()[0] == weight_shape[0]);
  if (!matrices_ok || !bias_ok) {
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
    const std::size_t rows = y.shape()[0];
    const std::size_t cols = y.shape()[1];
    const Scalar* __restrict b = bias.value().data();
    Scalar* __restrict out = y.data();
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t j = 0; j < cols; ++j) out[i * cols + j] += b[j];  // y_ij += b_j
    }
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
