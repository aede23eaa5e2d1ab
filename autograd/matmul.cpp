#include "autograd/matmul.hpp"

#include <stdexcept>

#include "autograd/kernels.hpp"

namespace autograd {

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2 || b.dim() != 2 || a.shape()[1] != b.shape()[0]) {
    throw std::invalid_argument("matmul: shapes " + shape_to_string(a.shape()) + " and " +
                                shape_to_string(b.shape()) +
                                " cannot be multiplied (need (m, k) and (k, n))");
  }
  // BEGIN EXERCISE 3.1: a·b (kernels::matmul); backward: dA = G·Bᵀ, dB = Aᵀ·G (matmul_nt, _tn)
  return make_op(
      "matmul", kernels::matmul(a.value(), b.value()),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // C = A·B:  dL/dA = G·Bᵀ,  dL/dB = Aᵀ·G
        if (a.requires_grad) accumulate_grad(a, kernels::matmul_nt(out.grad, b.value));
        if (b.requires_grad) accumulate_grad(b, kernels::matmul_tn(a.value, out.grad));
      },
      a, b);
  // END EXERCISE 3.1
}

}  // namespace autograd
