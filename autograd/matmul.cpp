#include "autograd/matmul.hpp"

#include <stdexcept>

#include <cblas.h>  // OpenBLAS's CBLAS, the library behind xtensor-blas

#include "autograd/errors.hpp"

namespace autograd {

using blas_int = blasint;  // OpenBLAS's CBLAS index type

Array gemm(const Array& a, bool transpose_a, const Array& b, bool transpose_b) {
  const std::size_t m = transpose_a ? a.shape()[1] : a.shape()[0];  // op(A): (m, k)
  const std::size_t k = transpose_a ? a.shape()[0] : a.shape()[1];
  const std::size_t n = transpose_b ? b.shape()[0] : b.shape()[1];  // op(B): (k, n)
  if (m == 0 || n == 0 || k == 0) return xt::zeros<Scalar>({m, n});
  Array c = Array::from_shape({m, n});  // every path below writes every element
  const auto lda = static_cast<blas_int>(a.shape()[1]);
  const auto ldb = static_cast<blas_int>(b.shape()[1]);
  const auto b_rows = static_cast<blas_int>(b.shape()[0]);
  const auto a_rows = static_cast<blas_int>(a.shape()[0]);
  // Fast paths: dgemm packs both operands into blocks before multiplying, which dominates
  // for the vector-shaped products of batch-1 training (1×64 by 64×64: ~3× slower than gemv).
  // A vector operand (one row or one column) is contiguous either way, so its stride is 1.
  if (m == 1) {  // a row times op(B): cᵀ = op(B)ᵀ·a
    cblas_dgemv(CblasRowMajor, transpose_b ? CblasNoTrans : CblasTrans, b_rows, ldb, 1.0, b.data(),
                ldb, a.data(), 1, 0.0, c.data(), 1);
  } else if (n == 1) {  // op(A) times a column: c = op(A)·b
    cblas_dgemv(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans, a_rows, lda, 1.0, a.data(),
                lda, b.data(), 1, 0.0, c.data(), 1);
  } else if (k == 1) {  // a column times a row: the outer product c_ij = a_i·b_j
    // (dger would need c zeroed first and adds row by row; one pass writes it directly)
    // __restrict: c is a fresh buffer, so the compiler may vectorise without alias checks.
    const Scalar* __restrict column = a.data();
    const Scalar* __restrict row = b.data();
    Scalar* __restrict out = c.data();
    for (std::size_t i = 0; i < m; ++i) {
      const Scalar column_i = column[i];
      Scalar* __restrict out_row = out + i * n;
      for (std::size_t j = 0; j < n; ++j) out_row[j] = column_i * row[j];
    }
  } else {
    cblas_dgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
                transpose_b ? CblasTrans : CblasNoTrans, static_cast<blas_int>(m),
                static_cast<blas_int>(n), static_cast<blas_int>(k), 1.0, a.data(), lda, b.data(),
                ldb, 0.0, c.data(), static_cast<blas_int>(n));
  }
  return c;
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2 || b.dim() != 2 || a.shape()[1] != b.shape()[0]) {
    throw std::invalid_argument("matmul: shapes " + shape_to_string(a.shape()) + " and " +
                                shape_to_string(b.shape()) +
                                " cannot be multiplied (need (m, k) and (k, n))");
  }
  // BEGIN EXERCISE 3.1: gemm(a, false, b, false); backward: dA = G·Bᵀ, dB = Aᵀ·G (gemm again)
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
  // END EXERCISE 3.1
}

}  // namespace autograd
