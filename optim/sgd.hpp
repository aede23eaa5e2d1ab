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
// without a gradient is skipped (its momentum buffer untouched). weight_decay = λ adds λθ, the
// gradient of a penalty (λ/2)‖θ‖², so it is the same as that penalty in the loss (as for
// optim::Adam, and unlike optim::AdamW's decoupled decay: optim/adam.hpp).
#pragma once

#include <vector>

#include "optim/optimizer.hpp"

namespace optim {

class SGD final : public Optimizer {
 public:
  // Throws std::invalid_argument for lr, momentum or weight_decay < 0, and for nesterov
  // without momentum or with dampening (PyTorch's conditions), naming the argument and value.
  SGD(std::vector<Tensor> params, Scalar lr, Scalar momentum = 0, Scalar dampening = 0,
      Scalar weight_decay = 0, bool nesterov = false);

  void step() override;
  // zero_grad(), lr(), set_lr(lr), params(): from Optimizer (optim/optimizer.hpp).

 private:
  std::vector<Array> momentum_buffers_;
  std::vector<bool> has_momentum_buffer_;  // a default xarray is 0-D, never "empty"
  Scalar momentum_;
  Scalar dampening_;
  Scalar weight_decay_;
  bool nesterov_;
};

}  // namespace optim
