// Element-wise functions: relu, sigmoid, tanh, softplus, exp, log, pow.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor relu(const Tensor& a);
Tensor sigmoid(const Tensor& a);   // stable for any |x|: never evaluates exp of a positive number
Tensor tanh(const Tensor& a);      // (e^x − e^−x)/(e^x + e^−x); ±1 for large |x|, never NaN
Tensor softplus(const Tensor& a);  // log(1 + exp(x)), stable in both tails
Tensor exp(const Tensor& a);
Tensor log(const Tensor& a);  // no epsilon: log(0) = -inf, as in PyTorch
Tensor pow(const Tensor& a, Scalar exponent);

// The values behind sigmoid and softplus, for code that needs them outside the graph: the
// stable kernels::sigmoid and kernels::softplus (autograd/kernels.hpp) on an array.
Array sigmoid_values(const Array& x);
Array softplus_values(const Array& x);

}  // namespace autograd
