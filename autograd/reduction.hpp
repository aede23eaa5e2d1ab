// Reductions: sum and mean, over the whole tensor or along one axis.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor sum(const Tensor& a);  // a 0-D tensor holding one element, as torch.sum
Tensor mean(const Tensor& a);
Tensor sum(const Tensor& a, std::size_t axis, bool keepdims = false);
Tensor mean(const Tensor& a, std::size_t axis, bool keepdims = false);

}  // namespace autograd
