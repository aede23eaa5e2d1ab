// The post's multi-layer perceptron. The post does not print its architecture; the issue fixes
// the default as 2-64-64-1 with ReLU, and PyTorch's nn.Dropout after each hidden ReLU in the
// dropout variant. Hidden widths are a flag (--hidden "64,64").
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "nn/sequential.hpp"

namespace moons {

struct MlpShape {
  std::size_t inputs = 2;
  std::vector<std::size_t> hidden = {64, 64};
};

// Linear → ReLU → [Dropout(drop_prob)] for each hidden layer, then Linear(·, 1) giving a logit.
// With drop_prob = 0 no Dropout module is added: nn::Dropout(0) is the identity and draws no
// mask, so the two models are the same function with the same random stream either way.
// Parameters are drawn from the library generator (autograd::manual_seed), first layer first.
std::shared_ptr<nn::Sequential> make_mlp(const MlpShape& shape, double drop_prob);

// "64,64" → {64, 64}; throws std::invalid_argument naming the text for anything else than a
// comma-separated list of positive integers.
std::vector<std::size_t> parse_hidden(const std::string& text);
std::string hidden_to_string(const std::vector<std::size_t>& hidden);  // {64, 64} → "64,64"

}  // namespace moons
