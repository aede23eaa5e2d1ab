// Ops that move elements without arithmetic: reshape and (2-D) transpose.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor reshape(const Tensor& a, const Shape& shape);  // same number of elements, row-major
Tensor transpose(const Tensor& a);                    // 2-D: (m, n) -> (n, m)

}  // namespace autograd
