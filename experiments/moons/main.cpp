// experiments/moons: the post's moons experiment (its Table 1), replayed with its two bugs,
// corrected, repeated over seeds, swept over regularisation strength, and put on a scale by
// the Bayes accuracy and a logistic regression. See README.md.
#include <filesystem>
#include <string>

#include "datasets/csv.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/moons/claims.hpp"
#include "experiments/moons/experiment.hpp"
#include "experiments/moons/report.hpp"
#include "nn/serialization.hpp"

namespace {

// The command line's view of the settings: the flags that are resolved into moons::Config.
struct Options {
  moons::Config config;
  std::string hidden = moons::hidden_to_string(config.shape.hidden);
  bool replay = false, bug_wrong_optimizer = false, bug_logit_threshold = false;
  bool allow_non_finite = false;
  std::string save_models;  // --save-models DIR
};

void declare(experiments::Cli& cli, Options& o) {
  moons::Config& c = o.config;
  cli.add_option("--noise", "make_moons noise (the post does not state it)", c.noise);
  cli.add_option("--n-samples", "make_moons sample count", c.n_samples);
  cli.add_option("--test-size", "test share of the split (n_test = ceil(test_size*n))",
                 c.test_size);
  cli.add_option("--data", "train on this CSV (x0,x1,label or x0,x1,is_test,label) instead",
                 c.data_file);
  cli.add_option("--hidden", "hidden layer widths, comma-separated", o.hidden);
  cli.add_option("--epochs", "passes over the training set, batch size 1, in order (--quick: 10)",
                 c.epochs);
  cli.add_option("--lr", "SGD learning rate (--quick: 0.02)", c.lr);
  cli.add_option("--weight-decay", "SGD weight_decay of the L2 model", c.weight_decay);
  cli.add_option("--drop-prob", "nn.Dropout drop probability of the dropout model", c.drop_prob);
  cli.add_option("--seeds", "seeds of the comparison (>= 2; --quick: 3)", c.seeds);
  cli.add_option("--sweep-seeds", "seeds per sweep point, 0 skips the sweep (--quick: 2)",
                 c.sweep_seeds);
  cli.add_flag("--replay", "the replay has both of the post's bugs (the default)", o.replay);
  cli.add_flag("--bug-wrong-optimizer",
               "the replay's second loop steps the first model's optimizer (alone unless "
               "--bug-logit-threshold is given too)",
               o.bug_wrong_optimizer);
  cli.add_flag("--bug-logit-threshold",
               "the replay predicts logit >= 0.5 (alone unless --bug-wrong-optimizer too)",
               o.bug_logit_threshold);
  cli.add_option("--save-models",
                 "also save seed 0's corrected models (weight decay, dropout, none) in this "
                 "directory, as nn::save files",
                 o.save_models);
  cli.add_flag("--allow-non-finite", "train on after a non-finite loss (default: stop, exit 1)",
               o.allow_non_finite);
}

// Checks the values and resolves the flags into the config; bad usage exits with code 2.
void resolve(const experiments::Cli& cli, Options& o) {
  moons::Config& c = o.config;
  try {
    c.shape.hidden = moons::parse_hidden(o.hidden);
  } catch (const std::invalid_argument& error) {
    cli.usage_error(std::string("--hidden: ") + error.what());
  }
  if (!(c.noise >= 0)) cli.usage_error("--noise must be >= 0");
  if (!(c.lr > 0)) cli.usage_error("--lr must be > 0");
  if (!(c.weight_decay >= 0)) cli.usage_error("--weight-decay must be >= 0");
  if (!(c.drop_prob >= 0 && c.drop_prob < 1)) cli.usage_error("--drop-prob must be in [0, 1)");
  if (!(c.test_size > 0 && c.test_size < 1)) cli.usage_error("--test-size must be in (0, 1)");
  if (c.epochs == 0) cli.usage_error("--epochs must be >= 1");
  if (c.seeds < 2) cli.usage_error("--seeds must be >= 2 (a standard deviation needs two)");
  if (c.sweep_seeds == 1) cli.usage_error("--sweep-seeds must be 0 or >= 2");
  if (c.n_samples < 4) cli.usage_error("--n-samples must be >= 4");
  // No bug flag, or --replay: both bugs, as the post's code.
  const bool both = o.replay || (!o.bug_wrong_optimizer && !o.bug_logit_threshold);
  c.bug_wrong_optimizer = both || o.bug_wrong_optimizer;
  c.bug_logit_threshold = both || o.bug_logit_threshold;
  c.stop_on_non_finite = !o.allow_non_finite;
}

// --save-models DIR: seed 0's three corrected models as DIR/weight_decay.json, dropout.json and
// none.json, so that a reader can load one (nn::load into make_mlp(shape, drop_prob), or
// PyTorch's load_state_dict) and look at or reuse what the experiment trained. Returns the
// console lines naming the files.
std::string save_models(const moons::Config& config, const moons::Results& results,
                        const std::string& dir) {
  std::filesystem::create_directories(dir);
  struct Saved {
    const char* name;
    double weight_decay, drop_prob;
  };
  std::string written;
  for (const Saved& model : {Saved{"weight_decay", config.weight_decay, 0},
                             Saved{"dropout", 0, config.drop_prob}, Saved{"none", 0, 0}}) {
    const moons::ModelRun& run = results.run(0, model.weight_decay, model.drop_prob);
    // The trained values go into a fresh module of the same shape (its random initial values
    // are overwritten), in parameters() order.
    const auto mlp = moons::make_mlp(config.shape, model.drop_prob);
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

experiments::Report run(moons::Config config, const std::string& save_dir,
                        const experiments::Context& context) {
  config.seed = context.seed;
  config.quick = context.quick;
  datasets::Dataset file_data;
  if (!config.data_file.empty()) file_data = datasets::load_csv(config.data_file);
  const moons::Results results =
      moons::compute(config, config.data_file.empty() ? nullptr : &file_data, context.threads);
  const moons::Summary summary = moons::summarise(config, results);
  const std::vector<experiments::Claim> claims = moons::moons_claims(summary);
  moons::write_tables(results, summary, context.out);
  const moons::Figures figures = moons::draw_figures(summary, context.out);
  const std::string saved = save_dir.empty() ? "" : save_models(config, results, save_dir);
  return {moons::to_json(summary, claims), moons::section(summary, claims, figures),
          moons::console_lines(summary) + saved};
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  return experiments::run_experiment(
      argc, argv,
      {"moons",
       "The post's two-moons experiment (its Table 1): replayed with its two bugs, corrected, "
       "over seeds, swept over regularisation strength, against the Bayes accuracy and a "
       "logistic regression.",
       [&](experiments::Cli& cli) { declare(cli, options); },
       [&] { moons::make_quick(options.config); },
       [&](const experiments::Cli& cli) { resolve(cli, options); },
       [&](const experiments::Context& context) {
         return run(options.config, options.save_models, context);
       }});
}
