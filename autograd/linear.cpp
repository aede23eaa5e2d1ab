#include "autograd/linear.hpp"

#include <stdexcept>

#include "autograd/kernels.hpp"

namespace autograd {

namespace {
void check_shapes(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  const Shape& x_shape = x.shape();
  const Shape& weight_shape = weight.shape();
  const bool matrices_ok = x.dim() == 2 && weight.dim() == 2 && x_shape[1] == weight_shape[1];
  const bool bias_ok =
      !bias.defined() || (matrices_ok && bias.dim() == 1 && bias.shape()[0] == weight_shape[0]);
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
  // BEGIN EXERCISE 6.1: y = x·Wᵀ + b; backward: dx = G·W, dW = Gᵀ·x, db = row sums of G
  Array y = kernels::matmul_nt(x.value(), weight.value());      // x·Wᵀ
  if (bias.defined()) kernels::add_bias_rows(y, bias.value());  // y_ij += b_j
  return make_op(
      "linear", std::move(y),
      [](Node& out) {
        Node& x = out.input(0);
        Node& weight = out.input(1);
        // y = x·Wᵀ + b:  dL/dx = G·W,  dL/dW = Gᵀ·x,  dL/db = Σ_rows G
        if (x.requires_grad) accumulate_grad(x, kernels::matmul(out.grad, weight.value));
        if (weight.requires_grad) accumulate_grad(weight, kernels::matmul_tn(out.grad, x.value));
        if (out.has_input(2) && out.input(2).requires_grad) {
          accumulate_grad(out.input(2), kernels::sum_rows(out.grad));
        }
      },
      x, weight, bias);
  // END EXERCISE 6.1
}

}  // namespace autograd
