// experiments/moons: the post's moons experiment (its Table 1), replayed with its two bugs,
// corrected, repeated over seeds, swept over regularisation strength, and put on a scale by
// the Bayes accuracy and a logistic regression. See README.md.
#include <string>

#include "experiments/common/runner.hpp"
#include "experiments/moons/run.hpp"

namespace {

// The command line's view of the settings: the flags that are resolved into moons::Config.
struct Options {
  moons::Config config;
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
  cli.add_option("--hidden", "hidden layer widths, comma-separated", c.shape.hidden,
                 moons::hidden_to_string(c.shape.hidden), moons::parse_hidden);
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

}  // namespace

// The executable's main() (experiments/common/program.cpp) calls this one, compiled into the
// experiment's library with the rest of its code (CMakeLists.txt).
namespace moons {

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
         return moons::run(options.config, options.save_models, context);
       }});
}

}  // namespace moons
