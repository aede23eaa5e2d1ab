// Linear: y = x·Wᵀ + b, as torch.nn.Linear.
#pragma once

#include <cstddef>
#include <string>

#include "nn/module.hpp"

namespace nn {

class Linear : public Module {
 public:
  // weight (out_features, in_features), bias (out_features); both drawn from
  // U(-1/√in, 1/√in) with the library generator, weight first (PyTorch's default init:
  // kaiming_uniform_ with a = √5 gives exactly this bound for the weight).
  Linear(std::size_t in_features, std::size_t out_features, bool bias = true);

  Tensor forward(const Tensor& x) override;  // x: (batch, in_features) -> (batch, out_features)

  std::size_t in_features() const { return in_features_; }
  std::size_t out_features() const { return out_features_; }
  // Handles to the parameters (shared with parameters()); set values via mutable_value().
  Tensor weight() const { return weight_; }
  Tensor bias() const { return bias_; }  // undefined when built with bias = false
  bool has_bias() const { return bias_.defined(); }

  std::string extra_repr() const override;  // "in_features=2, out_features=64, bias=True"

 private:
  std::size_t in_features_;
  std::size_t out_features_;
  Tensor weight_;
  Tensor bias_;
};

}  // namespace nn
