// Stochastic gradient descent with momentum, dampening, weight decay and Nesterov momentum,
// step for step as torch.optim.SGD (PyTorch 1.13 and 2.x):
//
//   g = grad + weight_decay·θ                  (the stored grad is not modified)
//   if momentum ≠ 0:
//     b = g on the first step, else b = momentum·b + (1 − dampening)·g
//     g = g + momentum·b if nesterov, else g = b
//   θ = θ − lr·g
//
// Weight decay applies to every parameter given, biases included, as in PyTorch. A parameter
// without a gradient is skipped (its momentum buffer untouched).
#pragma once

#include <vector>

#include "autograd/tensor.hpp"

namespace optim {

using autograd::Array;
using autograd::Scalar;
using autograd::Tensor;

class SGD {
 public:
  // Throws std::invalid_argument for lr, momentum or weight_decay < 0, and for nesterov
  // without momentum or with dampening (PyTorch's conditions), naming the argument and value.
  SGD(std::vector<Tensor> params, Scalar lr, Scalar momentum = 0, Scalar dampening = 0,
      Scalar weight_decay = 0, bool nesterov = false);

  void step();
  void zero_grad();

  Scalar lr() const { return lr_; }
  void set_lr(Scalar lr);
  const std::vector<Tensor>& params() const { return params_; }

 private:
  std::vector<Tensor> params_;
  std::vector<Array> momentum_buffers_;
  std::vector<bool> has_momentum_buffer_;  // a default xarray is 0-D, never "empty"
  Scalar lr_;
  Scalar momentum_;
  Scalar dampening_;
  Scalar weight_decay_;
  bool nesterov_;
};

}  // namespace optim
