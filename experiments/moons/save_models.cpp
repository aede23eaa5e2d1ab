#include "experiments/moons/save_models.hpp"

#include <filesystem>
#include <stdexcept>

#include "experiments/moons/mlp.hpp"
#include "nn/serialization.hpp"

namespace moons {

namespace {

// The run of seed 0 with this (weight decay, drop probability): each is trained once.
const ModelRun& seed0_run(const Results& results, double weight_decay, double drop_prob) {
  for (std::size_t k = 0; k < results.specs.size(); ++k) {
    const TrainSpec& spec = results.specs[k];
    if (spec.seed_index == 0 && spec.weight_decay == weight_decay && spec.drop_prob == drop_prob) {
      return results.runs[k];
    }
  }
  throw std::logic_error("save_models: seed 0 has no run with weight_decay " +
                         std::to_string(weight_decay) + ", drop_prob " + std::to_string(drop_prob));
}

}  // namespace

std::string save_models(const Config& config, const Results& results, const std::string& dir) {
  std::filesystem::create_directories(dir);
  struct Saved {
    const char* name;
    double weight_decay, drop_prob;
  };
  std::string written;
  for (const Saved& model : {Saved{"weight_decay", config.weight_decay, 0},
                             Saved{"dropout", 0, config.drop_prob}, Saved{"none", 0, 0}}) {
    const ModelRun& run = seed0_run(results, model.weight_decay, model.drop_prob);
    // The trained values go into a fresh module of the same shape (its random initial values
    // are overwritten), in parameters() order.
    const auto mlp = make_mlp(config.shape, model.drop_prob);
    std::vector<autograd::Tensor> params = mlp->parameters();
    for (std::size_t i = 0; i < params.size(); ++i) {
      params[i].mutable_value() = run.trained_parameters.at(i);
    }
    const std::string path = dir + "/" + model.name + ".json";
    nn::save(*mlp, path);
    written += "moons: saved " + path + "\n";
  }
  return written;
}

}  // namespace moons
