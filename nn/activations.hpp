// Parameter-free activation modules.
#pragma once

#include "nn/module.hpp"

namespace nn {

class ReLU : public Module {
 public:
  Tensor forward(const Tensor& x) override;  // max(x, 0)
};

class Sigmoid : public Module {
 public:
  Tensor forward(const Tensor& x) override;  // 1 / (1 + e^{-x}), stable for any |x|
};

}  // namespace nn
