// --save-models DIR: seed 0's three corrected models (weight decay, dropout, none) as nn::save
// files, so that a reader can load one (nn::load into make_mlp(shape, drop_prob), or PyTorch's
// load_state_dict, nn/serialization.hpp) and look at or reuse what the experiment trained.
#pragma once

#include <string>

#include "experiments/moons/experiment.hpp"

namespace moons {

// Writes DIR/weight_decay.json, DIR/dropout.json and DIR/none.json (creating DIR) and returns
// the files' paths, one per line, for the console.
std::string save_models(const Config& config, const Results& results, const std::string& dir);

}  // namespace moons
