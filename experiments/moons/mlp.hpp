// The moons experiment's MLP options: the shape of the post's MLP (experiments/common/
// post_mlp.hpp) as the --hidden flag writes it ("64,64").
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "experiments/common/post_mlp.hpp"

namespace moons {

// The post's MLP (experiments/common/post_mlp.hpp), shared with weight_decay.
using experiments::make_mlp;
using experiments::MlpShape;

// "64,64" → {64, 64}; throws std::invalid_argument naming the text for anything else than a
// comma-separated list of positive integers.
std::vector<std::size_t> parse_hidden(const std::string& text);
std::string hidden_to_string(const std::vector<std::size_t>& hidden);  // {64, 64} → "64,64"

}  // namespace moons
