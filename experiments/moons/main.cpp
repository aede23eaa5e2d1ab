// experiments/moons: the post's moons experiment (its Table 1), replayed with its two bugs,
// corrected, repeated over seeds, swept over regularisation strength, and put on a scale by
// the Bayes accuracy and a logistic regression. See README.md.
#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/csv.hpp"
#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"
#include "experiments/moons/claims.hpp"
#include "experiments/moons/experiment.hpp"
#include "experiments/moons/mlp.hpp"
#include "experiments/moons/report.hpp"
#include "experiments/moons/summary.hpp"

namespace {

using experiments::rounded;

// Whether the user gave `name` on the command line (as "--name V" or "--name=V"): --quick
// changes the defaults of the options the user did not set.
bool given(int argc, const char* const* argv, const std::string& name) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == name || arg.rfind(name + "=", 0) == 0) return true;
  }
  return false;
}

// The strength sweeps of the full run: weight decay on a log grid up to 1 (with 0, the
// unregularised model, added by the experiment), drop probability 0 to 0.9. The post's
// settings, 0.2 and 0.5, are on the grids. The grids are as coarse as still shows where each
// regulariser starts to hurt, so that the default run stays near a minute on two cores.
const std::vector<double> kWeightDecayGrid = {1e-3, 1e-2, 0.03, 0.1, 0.2, 1.0};
const std::vector<double> kDropProbGrid = {0.0, 0.1, 0.3, 0.5, 0.7, 0.9};
// --quick: a point either side of the post's settings.
const std::vector<double> kQuickWeightDecayGrid = {0.01, 0.2, 1.0};
const std::vector<double> kQuickDropProbGrid = {0.0, 0.5, 0.9};

void print_replay(const nlohmann::json& summary) {
  const auto& r = summary["replay"];
  const auto& c = summary["corrected"];
  std::cout << "moons: replay (seed 0; bugs: wrong optimizer " << r["bugs"]["wrong_optimizer"]
            << ", logit threshold " << r["bugs"]["logit_threshold"] << ")\n"
            << "  test split: " << r["test_class_count"]["label_0"] << " of " << r["n_test"]
            << " points have label 0 (share " << rounded(r["test_class_share"]["label_0"], 6)
            << "), " << r["test_class_count"]["label_1"] << " label 1 (share "
            << rounded(r["test_class_share"]["label_1"], 6) << ")\n"
            << "  weight-decay model: accuracy " << rounded(r["acc_weight_decay"], 6)
            << ", predicts label 1 on " << r["predicted_ones_weight_decay"] << " of " << r["n_test"]
            << " points\n"
            << "  dropout model:      accuracy " << rounded(r["acc_dropout"], 6)
            << ", predicts label 1 on " << r["predicted_ones_dropout"] << " of " << r["n_test"]
            << " points\n"
            << "  the post's 0.487879 = " << r["post_table"]["correct_of_330"]
            << "/330 if its test split had 330 points (inferred: only multiples of 330 give it)"
            << (r["weight_decay_constant"].get<bool>() && r["dropout_constant"].get<bool>()
                    ? "; both replayed models are constant predictors, as the post's would be"
                    : "; the replayed models are not both constant predictors here")
            << "\n"
            << "moons: corrected, over " << summary["config"]["seeds"] << " seeds: weight decay "
            << rounded(c["weight_decay"]["mean"]) << " ± " << rounded(c["weight_decay"]["std"], 2)
            << ", dropout " << rounded(c["dropout"]["mean"]) << " ± "
            << rounded(c["dropout"]["std"], 2) << ", none " << rounded(c["none"]["mean"]) << " ± "
            << rounded(c["none"]["std"], 2) << "; logistic "
            << rounded(summary["logistic_accuracy"]) << ", Bayes "
            << rounded(summary["bayes_accuracy"]) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  experiments::CommonOptions common;
  moons::Config config;
  std::string hidden = moons::hidden_to_string(config.shape.hidden);
  bool replay = false, bug_wrong_optimizer = false, bug_logit_threshold = false;
  bool allow_non_finite = false;
  std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  experiments::Cli cli(
      "moons",
      "The post's two-moons experiment (its Table 1): replayed with its two bugs, corrected, "
      "over seeds, swept over regularisation strength, against the Bayes accuracy and a "
      "logistic regression.");
  cli.add_common(common);
  cli.add_option("--noise", "make_moons noise (the post does not state it)", config.noise);
  cli.add_option("--n-samples", "make_moons sample count", config.n_samples);
  cli.add_option("--test-size", "test share of the split (n_test = ceil(test_size*n))",
                 config.test_size);
  cli.add_option("--data", "train on this CSV (x0,x1,label or x0,x1,is_test,label) instead",
                 config.data_file);
  cli.add_option("--hidden", "hidden layer widths, comma-separated", hidden);
  cli.add_option("--epochs", "passes over the training set, batch size 1, in order (--quick: 10)",
                 config.epochs);
  cli.add_option("--lr", "SGD learning rate (--quick: 0.02 unless given)", config.lr);
  cli.add_option("--weight-decay", "SGD weight_decay of the L2 model", config.weight_decay);
  cli.add_option("--drop-prob", "nn.Dropout drop probability of the dropout model",
                 config.drop_prob);
  cli.add_option("--seeds", "seeds of the comparison (>= 2; --quick: 3)", config.seeds);
  cli.add_option("--sweep-seeds", "seeds per sweep point, 0 skips the sweep (--quick: 2)",
                 config.sweep_seeds);
  cli.add_option("--threads", "worker threads (results do not depend on it)", threads);
  cli.add_flag("--replay", "the replay has both of the post's bugs (the default)", replay);
  cli.add_flag("--bug-wrong-optimizer",
               "the replay's second loop steps the first model's optimizer (alone unless "
               "--bug-logit-threshold is given too)",
               bug_wrong_optimizer);
  cli.add_flag("--bug-logit-threshold",
               "the replay predicts logit >= 0.5 (alone unless --bug-wrong-optimizer too)",
               bug_logit_threshold);
  cli.add_flag("--allow-non-finite", "train on after a non-finite loss (default: stop, exit 1)",
               allow_non_finite);
  cli.parse(argc, argv);

  config.seed = common.seed;
  config.quick = common.quick;
  if (common.quick) {
    // Fewer, cheaper runs. lr·epochs is kept at the full run's 0.001·200 (the same distance
    // travelled by plain SGD), so the quick models end up where the full ones do, roughly.
    if (!given(argc, argv, "--epochs")) config.epochs = 10;
    if (!given(argc, argv, "--lr")) config.lr = 0.02;
    if (!given(argc, argv, "--seeds")) config.seeds = 3;
    if (!given(argc, argv, "--sweep-seeds")) config.sweep_seeds = 2;
    config.weight_decay_grid = kQuickWeightDecayGrid;
    config.drop_prob_grid = kQuickDropProbGrid;
  } else {
    config.weight_decay_grid = kWeightDecayGrid;
    config.drop_prob_grid = kDropProbGrid;
  }
  if (replay || (!bug_wrong_optimizer && !bug_logit_threshold)) {
    config.bug_wrong_optimizer = config.bug_logit_threshold = true;
  } else {
    config.bug_wrong_optimizer = bug_wrong_optimizer;
    config.bug_logit_threshold = bug_logit_threshold;
  }
  config.stop_on_non_finite = !allow_non_finite;
  config.threads = threads;
  try {
    config.shape.hidden = moons::parse_hidden(hidden);
  } catch (const std::invalid_argument& error) {
    cli.usage_error(std::string("--hidden: ") + error.what());
  }
  if (!(config.noise >= 0)) cli.usage_error("--noise must be >= 0");
  if (!(config.lr > 0)) cli.usage_error("--lr must be > 0");
  if (!(config.weight_decay >= 0)) cli.usage_error("--weight-decay must be >= 0");
  if (!(config.drop_prob >= 0 && config.drop_prob < 1)) {
    cli.usage_error("--drop-prob must be in [0, 1)");
  }
  if (!(config.test_size > 0 && config.test_size < 1)) {
    cli.usage_error("--test-size must be in (0, 1)");
  }
  if (config.epochs == 0) cli.usage_error("--epochs must be >= 1");
  if (config.seeds < 2) cli.usage_error("--seeds must be >= 2 (a standard deviation needs two)");
  if (config.sweep_seeds == 1) cli.usage_error("--sweep-seeds must be 0 or >= 2");
  if (config.threads == 0) cli.usage_error("--threads must be >= 1");
  if (config.n_samples < 4) cli.usage_error("--n-samples must be >= 4");

  try {
    const experiments::Output out(common.out_dir);
    datasets::Dataset file_data;
    if (!config.data_file.empty()) file_data = datasets::load_csv(config.data_file);
    const moons::Results results =
        moons::run_experiment(config, config.data_file.empty() ? nullptr : &file_data);
    nlohmann::json summary = moons::summarise(config, results);
    const std::vector<experiments::Claim> claims = moons::moons_claims(summary);
    summary["claims"] = experiments::to_json(claims);
    moons::write_tables(config, results, summary, out);
    out.write_text("section.md", moons::write_report(summary, claims, out));
    out.write_json("summary.json", summary);
    print_replay(summary);
    std::cout << "moons: wrote " << out.path("summary.json") << " and " << out.path("section.md")
              << "\n";
  } catch (const std::exception& error) {
    std::cerr << "moons: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
