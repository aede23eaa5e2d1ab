// Matrix product of two 2-D tensors, through BLAS (OpenBLAS's CBLAS).
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor matmul(const Tensor& a, const Tensor& b);  // (m, k) @ (k, n) -> (m, n)
// The products on arrays, through BLAS: kernels::matmul, matmul_nt, matmul_tn
// (autograd/kernels.hpp).

}  // namespace autograd
