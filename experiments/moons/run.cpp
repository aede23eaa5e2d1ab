#include "experiments/moons/run.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include "datasets/csv.hpp"
#include "experiments/moons/claims.hpp"
#include "experiments/moons/report.hpp"
#include "nn/serialization.hpp"

namespace moons {
namespace {

// --save-models DIR: seed 0's three corrected models as DIR/weight_decay.json, dropout.json and
// none.json, so that a reader can load one (nn::load into make_mlp(shape, drop_prob), or
// PyTorch's load_state_dict) and look at or reuse what the experiment trained. Returns the
// console lines naming the files.
std::string save_models(const Config& config, const Results& results, const std::string& dir) {
  std::filesystem::create_directories(dir);
  struct Saved {
    const char* name;
    double weight_decay, drop_prob;
  };
  std::string written;
  for (const Saved& model : {Saved{"weight_decay", config.weight_decay, 0},
                             Saved{"dropout", 0, config.drop_prob}, Saved{"none", 0, 0}}) {
    const ModelRun& run = results.run(0, model.weight_decay, model.drop_prob);
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

}  // namespace

experiments::Report run(Config config, const std::string& save_dir,
                        const experiments::Context& context) {
  config.seed = context.seed;
  config.quick = context.quick;
  datasets::Dataset file_data;
  if (!config.data_file.empty()) file_data = datasets::load_csv(config.data_file);
  const Results results =
      compute(config, config.data_file.empty() ? nullptr : &file_data, context.threads);
  const Summary summary = summarise(config, results);
  const std::vector<experiments::Claim> claims = moons_claims(summary);
  write_tables(results, summary, context.out);
  const Figures figures = draw_figures(summary, context.out);
  const std::string saved = save_dir.empty() ? "" : save_models(config, results, save_dir);
  return {to_json(summary, claims), section(summary, claims, figures),
          console_lines(summary) + saved};
}

}  // namespace moons
