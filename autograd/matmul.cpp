#include "autograd/matmul.hpp"

#include <stdexcept>

#include <xtensor-blas/xblas.hpp>

namespace autograd {

Array gemm(const Array& a, bool transpose_a, const Array& b, bool transpose_b) {
  const std::size_t rows = transpose_a ? a.shape()[1] : a.shape()[0];
  const std::size_t cols = transpose_b ? b.shape()[0] : b.shape()[1];
  Array result = Array::from_shape({rows, cols});
  xt::blas::gemm(a, b, result, transpose_a, transpose_b);
  return result;
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2 || b.dim() != 2 || a.shape()[1] != b.shape()[0]) {
    throw std::invalid_argument("matmul: shapes " + shape_to_string(a.shape()) + " and " +
                                shape_to_string(b.shape()) +
                                " cannot be multiplied (need (m, k) and (k, n))");
  }
  return make_op(
      "matmul", gemm(a.value(), false, b.value(), false),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // C = A·B:  dL/dA = G·Bᵀ,  dL/dB = Aᵀ·G
        if (a.requires_grad) accumulate_grad(a, gemm(out.grad, false, b.value, true));
        if (b.requires_grad) accumulate_grad(b, gemm(a.value, true, out.grad, false));
      },
      a, b);
}

}  // namespace autograd
