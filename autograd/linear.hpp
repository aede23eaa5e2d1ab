// The affine map of a fully connected layer, y = x·Wᵀ + b, as one op (torch.nn.functional.
// linear). Written with matmul, transpose and + it builds four nodes and copies Wᵀ on every
// call; as one op, BLAS reads W transposed in place and the backward is three products.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

// x: (batch, in), weight: (out, in), bias: (out) or an undefined Tensor for none.
Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor());

}  // namespace autograd
