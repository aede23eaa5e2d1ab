// What the experiment reports, as typed values: the raw Results of compute() summarised over
// seeds (the replay under each combination of the post's bugs, the corrected models, the
// sweeps and the baselines). The claims, the report and summary.json (summary_json.cpp) are
// all made from these structs; nothing reads a number back out of JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/moons/experiment.hpp"

namespace moons {

// The post's Table 1 (both rows print the same number) and the test split it implies: the
// post prints neither its data size nor its split, so these are inferred (claims.hpp).
constexpr double kPostAccuracy = 0.487879;
constexpr int kPostTestSize = 330;      // ceil(0.33 · 1000)
constexpr int kLargestTestSize = 3000;  // how far the inference searches
constexpr int kPostAccuracyDigits = 6;  // as the post prints it

// One number over seeds: per seed, mean, sample standard deviation (n − 1), and the
// standard error of the mean, sd/√n.
struct SeedStats {
  std::vector<double> per_seed;
  double mean = 0, sd = 0, se = 0;
};
SeedStats over_seeds(std::vector<double> per_seed);

// Test accuracies over seeds, with the binomial SE √(a(1 − a)/n) of one split at the mean a.
struct Accuracy : SeedStats {
  double se_binomial = 0;
};

// A paired difference a − b over seeds; z = mean/se, none when se = 0.
struct Difference : SeedStats {
  std::optional<double> z;
};

// A corrected model (one regulariser) over the comparison's seeds.
struct CorrectedModel {
  double weight_decay = 0, drop_prob = 0;
  Accuracy test;
  SeedStats train_accuracy, train_loss_eval_mode, final_epoch_loss, parameter_norm;
  SeedStats test_logit_spread;   // max − min logit over the test points
  SeedStats generalisation_gap;  // training − test accuracy
  std::size_t constant_predictor_seeds = 0;
  std::size_t constant_on_train_majority_seeds = 0;  // constant, on the training majority label
  std::size_t below_half_seeds = 0;
};

struct Corrected {
  CorrectedModel weight_decay, dropout, none;
  Difference dropout_minus_weight_decay, dropout_minus_none, weight_decay_minus_none;
};

struct Bugs {
  bool wrong_optimizer = true;
  bool logit_threshold = true;
};

// The two models as the post's code evaluates them when it has the bugs `bugs`, over seeds.
struct BugCase {
  Bugs bugs;
  Accuracy weight_decay, dropout;
  std::vector<double> weight_decay_predicted_ones, dropout_predicted_ones;
  std::size_t weight_decay_constant_seeds = 0, dropout_constant_seeds = 0;
  std::size_t both_constant_same_class_seeds = 0, equal_accuracy_seeds = 0;
};

// What the post's second loop did on seed 0 (and, where named, on every seed).
struct SecondLoop {
  double weight_decay_logit_min = 0, weight_decay_logit_max = 0;  // over the test points
  double dropout_logit_min = 0, dropout_logit_max = 0;
  std::vector<double> dropout_logit_max_per_seed;
  std::size_t dropout_all_logits_below_half_seeds = 0;
  double dropout_max_abs_change_from_init = 0;
  double weight_decay_model_max_abs_change = 0;
  std::optional<double> weight_decay_distance_to_fixed_point;  // none for weight decay 0
  double last_training_label = 0;
  std::size_t steps = 0;
  double decay_factor = 0;  // (1 − lr·wd)^steps
};

// The headline replay: seed 0 with the bugs the flags chose, as in the post.
struct Replay {
  Bugs bugs;
  std::size_t n_test = 0;
  double acc_weight_decay = 0, acc_dropout = 0;
  std::size_t label_0_count = 0, label_1_count = 0;  // in seed 0's test split
  double label_0_share = 0, label_1_share = 0;
  std::size_t predicted_ones_weight_decay = 0, predicted_ones_dropout = 0;
  bool weight_decay_constant = false, dropout_constant = false;
  double dropout_max_abs_change_from_init = 0;
  SecondLoop second_loop;
  BugCase over_seeds;  // the headline's bugs, every seed
  std::vector<double> test_label_1_share_per_seed, last_training_label_per_seed;
  std::vector<BugCase>
      by_bug;  // (optimizer, threshold): (no, no), (no, yes), (yes, no), (yes, yes)
  int post_correct_of_330 = 0;  // round(0.487879 · 330)

  const BugCase& with(bool wrong_optimizer, bool logit_threshold) const {
    return by_bug.at(2 * wrong_optimizer + logit_threshold);
  }
  bool both_constant() const { return weight_decay_constant && dropout_constant; }
};

// One point of a strength sweep, over the sweep's seeds.
struct SweepPoint {
  double value = 0;  // the weight decay or the drop probability
  SeedStats test_accuracy;
  double train_accuracy_mean = 0, train_loss_eval_mode_mean = 0;
  std::vector<double> train_loss_eval_mode_per_seed;
  std::size_t constant_predictor_seeds = 0;
};

struct Sweep {
  std::size_t seeds = 0;
  std::vector<SweepPoint> weight_decay;  // 0 first, then the grid; empty without a sweep
  std::vector<SweepPoint> drop_prob;
};

struct BayesSummary {
  BayesIntegral integral, half_step;
  std::optional<Accuracy> test_accuracy;  // the Bayes rule on each test split (noise > 0)
};

struct LogisticSummary {
  Accuracy test;
  SeedStats train_accuracy;
  std::vector<double> steps_per_seed;
  bool all_converged = true;
};

struct Summary {
  Config config;
  std::size_t n_train = 0, n_test = 0;  // seed 0's split
  std::size_t total_training_steps = 0;
  std::vector<int> inferred_test_sizes;  // the test-set sizes ≤ 3000 that give 0.487879
  Replay replay;
  Corrected corrected;
  Sweep sweep;
  BayesSummary bayes;
  LogisticSummary logistic;

  bool from_file() const { return !config.data_file.empty(); }
};

// The test-set sizes n ≤ largest for which some k/n rounds to `accuracy` at `digits` digits.
std::vector<int> denominators_giving(double accuracy, int digits, int largest);

Summary summarise(const Config& config, const Results& results);

// summary.json (summary_json.cpp): the typed summary and the claims, for readers outside.
nlohmann::json to_json(const Summary& summary, const std::vector<experiments::Claim>& claims);

}  // namespace moons
