// The post's multi-layer perceptron, shared by the experiments that train it (moons,
// weight_decay). The post does not print its architecture; the issue fixes the default as
// 2-64-64-1 with ReLU, and PyTorch's nn.Dropout after each hidden ReLU in the dropout variant.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"

namespace experiments {

struct MlpShape {
  std::size_t inputs = 2;
  std::vector<std::size_t> hidden = {64, 64};
};

// Linear → ReLU → [Dropout(drop_prob)] for each hidden layer, then Linear(·, 1) giving a logit.
// With drop_prob = 0 no Dropout module is added: nn::Dropout(0) is the identity and draws no
// mask, so the two models are the same function with the same random stream either way.
// Parameters are drawn from the library generator (autograd::manual_seed), first layer first.
// (Header-only: its users link nn already; experiments_common does not.)
inline std::shared_ptr<nn::Sequential> make_mlp(const MlpShape& shape, double drop_prob) {
  auto model = std::make_shared<nn::Sequential>();
  std::size_t width = shape.inputs;
  for (const std::size_t hidden : shape.hidden) {
    model->push_back(std::make_shared<nn::Linear>(width, hidden));
    model->push_back(std::make_shared<nn::ReLU>());
    if (drop_prob > 0) model->push_back(std::make_shared<nn::Dropout>(drop_prob));
    width = hidden;
  }
  model->push_back(std::make_shared<nn::Linear>(width, 1));
  return model;
}

}  // namespace experiments
