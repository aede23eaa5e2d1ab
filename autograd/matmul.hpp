// Matrix product of two 2-D tensors, through BLAS (OpenBLAS's CBLAS).
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor matmul(const Tensor& a, const Tensor& b);  // (m, k) @ (k, n) -> (m, n)

// op(A)·op(B) into a new array, op = transpose when asked; BLAS transposes on the fly,
// so backward's Aᵀ·G and G·Bᵀ copy nothing. Shapes must already be checked.
Array gemm(const Array& a, bool transpose_a, const Array& b, bool transpose_b);

}  // namespace autograd
