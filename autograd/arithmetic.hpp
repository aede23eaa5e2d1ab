// + - * / and unary minus, tensor-tensor (NumPy broadcasting) and tensor-scalar.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a);

Tensor operator+(const Tensor& a, Scalar s);
Tensor operator+(Scalar s, const Tensor& a);
Tensor operator-(const Tensor& a, Scalar s);
Tensor operator-(Scalar s, const Tensor& a);
Tensor operator*(const Tensor& a, Scalar s);
Tensor operator*(Scalar s, const Tensor& a);
Tensor operator/(const Tensor& a, Scalar s);
Tensor operator/(Scalar s, const Tensor& a);

}  // namespace autograd
