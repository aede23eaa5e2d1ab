#include "experiments/moons/summary.hpp"

#include <cmath>
#include <utility>

#include "experiments/common/statistics.hpp"

namespace moons {

SeedStats over_seeds(std::vector<double> per_seed) {
  SeedStats stats;
  const experiments::MeanSe mean_se = experiments::mean_se(per_seed);
  stats.mean = mean_se.mean;
  stats.sd = experiments::sample_sd(per_seed);
  stats.se = mean_se.se;
  stats.per_seed = std::move(per_seed);
  return stats;
}

std::vector<int> denominators_giving(double accuracy, int digits, int largest) {
  const double half_unit = 0.5 * std::pow(10.0, -digits);
  std::vector<int> found;
  for (int n = 1; n <= largest; ++n) {
    const double k = std::round(accuracy * n);
    if (std::abs(k / n - accuracy) <= half_unit) found.push_back(n);
  }
  return found;
}

namespace {

Accuracy accuracy_over_seeds(std::vector<double> per_seed, std::size_t n_test) {
  Accuracy accuracy;
  static_cast<SeedStats&>(accuracy) = over_seeds(std::move(per_seed));
  // The binomial standard error of one accuracy a measured on n test points: √(a(1 − a)/n).
  accuracy.se_binomial =
      std::sqrt(accuracy.mean * (1 - accuracy.mean) / static_cast<double>(n_test));
  return accuracy;
}

// Paired difference a − b over seeds (same data, split and initialisation per seed).
Difference paired_difference(const SeedStats& a, const SeedStats& b) {
  Difference difference;
  static_cast<SeedStats&>(difference) =
      over_seeds(experiments::paired_differences(a.per_seed, b.per_seed));
  const experiments::MeanSe paired{difference.mean, difference.se};
  if (paired.se > 0) difference.z = paired.z();
  return difference;
}

double label_one_share(const datasets::Dataset& data) {
  return xt::sum(data.y)() / static_cast<double>(data.size());
}

CorrectedModel corrected_model(const Config& config, const Results& results, double wd,
                               double drop) {
  std::vector<double> test, train, loss, final_epoch, norm, spread, gap;
  CorrectedModel model;
  model.weight_decay = wd;
  model.drop_prob = drop;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const ModelRun& run = results.run(s, wd, drop);
    const Evaluation& eval = run.eval.test_sigmoid;
    spread.push_back(run.eval.logit_max - run.eval.logit_min);
    test.push_back(eval.accuracy);
    train.push_back(run.train_accuracy);
    gap.push_back(run.train_accuracy - eval.accuracy);
    loss.push_back(run.train_loss);
    final_epoch.push_back(run.epoch_loss.back());
    norm.push_back(run.parameter_norm);
    model.constant_predictor_seeds += eval.constant();
    // A constant predictor's label against the training split's majority label.
    const bool predicts_one = eval.predicted_ones == eval.n;
    model.constant_on_train_majority_seeds +=
        eval.constant() && predicts_one == (label_one_share(results.data[s].train) > 0.5);
    model.below_half_seeds += eval.accuracy < 0.5;
  }
  model.test = accuracy_over_seeds(test, results.data[0].test.size());
  model.train_accuracy = over_seeds(train);
  model.train_loss_eval_mode = over_seeds(loss);
  model.final_epoch_loss = over_seeds(final_epoch);
  model.parameter_norm = over_seeds(norm);
  model.test_logit_spread = over_seeds(spread);
  model.generalisation_gap = over_seeds(gap);
  return model;
}

// The two models' evaluations on seed s when the post's code has the bugs `bugs`: the wrong
// optimizer decides which models are evaluated (trained ones, or the replay's), the threshold
// which rule turns their logits into labels.
std::pair<Evaluation, Evaluation> bug_case_evaluations(const Config& config, const Results& results,
                                                       std::size_t s, Bugs bugs) {
  const ModelRun& weight_decay_run = results.run(s, config.weight_decay, 0);
  const ModelEvaluation& wd =
      bugs.wrong_optimizer ? weight_decay_run.replay->weight_decay_model : weight_decay_run.eval;
  const ModelEvaluation& dropout = bugs.wrong_optimizer ? weight_decay_run.replay->dropout_model
                                                        : results.run(s, 0, config.drop_prob).eval;
  if (bugs.logit_threshold) return {wd.test_post, dropout.test_post};
  return {wd.test_sigmoid, dropout.test_sigmoid};
}

BugCase bug_case(const Config& config, const Results& results, Bugs bugs) {
  BugCase c;
  c.bugs = bugs;
  std::vector<double> wd_acc, dropout_acc;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const auto [wd, dropout] = bug_case_evaluations(config, results, s, bugs);
    wd_acc.push_back(wd.accuracy);
    dropout_acc.push_back(dropout.accuracy);
    c.weight_decay_predicted_ones.push_back(static_cast<double>(wd.predicted_ones));
    c.dropout_predicted_ones.push_back(static_cast<double>(dropout.predicted_ones));
    c.weight_decay_constant_seeds += wd.constant();
    c.dropout_constant_seeds += dropout.constant();
    c.both_constant_same_class_seeds +=
        wd.constant() && dropout.constant() && wd.predicted_ones == dropout.predicted_ones;
    c.equal_accuracy_seeds += wd.accuracy == dropout.accuracy;
  }
  const std::size_t n_test = results.data[0].test.size();
  c.weight_decay = accuracy_over_seeds(wd_acc, n_test);
  c.dropout = accuracy_over_seeds(dropout_acc, n_test);
  return c;
}

SecondLoop second_loop(const Config& config, const Results& results) {
  const ReplayRun& replay = *results.run(0, config.weight_decay, 0).replay;
  SecondLoop loop;
  loop.weight_decay_logit_min = replay.weight_decay_model.logit_min;
  loop.weight_decay_logit_max = replay.weight_decay_model.logit_max;
  loop.dropout_logit_min = replay.dropout_model.logit_min;
  loop.dropout_logit_max = replay.dropout_model.logit_max;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const double top = results.run(s, config.weight_decay, 0).replay->dropout_model.logit_max;
    loop.dropout_logit_max_per_seed.push_back(top);
    loop.dropout_all_logits_below_half_seeds += top < 0.5;
  }
  loop.dropout_max_abs_change_from_init = replay.dropout_change_from_init;
  loop.weight_decay_model_max_abs_change = replay.weight_decay_change;
  loop.weight_decay_distance_to_fixed_point = replay.weight_decay_distance_to_fixed_point;
  loop.last_training_label = replay.last_training_label;
  loop.steps = config.epochs * results.data[0].train.size();
  loop.decay_factor =
      std::pow(1 - config.lr * config.weight_decay, static_cast<double>(loop.steps));
  return loop;
}

Replay replay_summary(const Config& config, const Results& results) {
  Replay replay;
  replay.bugs = {config.bug_wrong_optimizer, config.bug_logit_threshold};
  // The headline: seed 0, one run, as in the post.
  const auto [wd, dropout] = bug_case_evaluations(config, results, 0, replay.bugs);
  const datasets::Dataset& test = results.data[0].test;
  const std::size_t n_test = test.size();
  const double ones = xt::sum(test.y)();
  replay.n_test = n_test;
  replay.acc_weight_decay = wd.accuracy;
  replay.acc_dropout = dropout.accuracy;
  replay.label_0_share = (n_test - ones) / n_test;
  replay.label_1_share = ones / n_test;
  replay.label_0_count = n_test - static_cast<std::size_t>(ones);
  replay.label_1_count = static_cast<std::size_t>(ones);
  replay.predicted_ones_weight_decay = wd.predicted_ones;
  replay.predicted_ones_dropout = dropout.predicted_ones;
  replay.weight_decay_constant = wd.constant();
  replay.dropout_constant = dropout.constant();
  replay.second_loop = second_loop(config, results);
  // What the second loop did to the dropout model, or, without the bug, what training did.
  replay.dropout_max_abs_change_from_init =
      replay.bugs.wrong_optimizer ? replay.second_loop.dropout_max_abs_change_from_init
                                  : results.run(0, 0, config.drop_prob).change_from_init;
  replay.over_seeds = bug_case(config, results, replay.bugs);
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const datasets::Dataset& train = results.data[s].train;
    replay.test_label_1_share_per_seed.push_back(label_one_share(results.data[s].test));
    replay.last_training_label_per_seed.push_back(train.y(train.size() - 1));
  }
  for (const bool wrong_optimizer : {false, true}) {
    for (const bool logit_threshold : {false, true}) {
      replay.by_bug.push_back(bug_case(config, results, {wrong_optimizer, logit_threshold}));
    }
  }
  replay.post_correct_of_330 = static_cast<int>(std::lround(kPostAccuracy * kPostTestSize));
  return replay;
}

SweepPoint sweep_point(const Config& config, const Results& results, double wd, double drop,
                       double value) {
  SweepPoint point;
  point.value = value;
  std::vector<double> test, train;
  for (std::size_t s = 0; s < config.sweep_seeds; ++s) {
    const ModelRun& run = results.run(s, wd, drop);
    test.push_back(run.eval.test_sigmoid.accuracy);
    train.push_back(run.train_accuracy);
    point.train_loss_eval_mode_per_seed.push_back(run.train_loss);
    point.constant_predictor_seeds += run.eval.test_sigmoid.constant();
  }
  point.test_accuracy = over_seeds(test);
  point.train_accuracy_mean = experiments::mean(train);
  point.train_loss_eval_mode_mean = experiments::mean(point.train_loss_eval_mode_per_seed);
  return point;
}

Sweep sweep_summary(const Config& config, const Results& results) {
  Sweep sweep;
  sweep.seeds = config.sweep_seeds;
  if (config.sweep_seeds == 0) return sweep;
  sweep.weight_decay.push_back(sweep_point(config, results, 0, 0, 0));
  for (const double wd : config.weight_decay_grid) {
    sweep.weight_decay.push_back(sweep_point(config, results, wd, 0, wd));
  }
  for (const double drop : config.drop_prob_grid) {
    sweep.drop_prob.push_back(sweep_point(config, results, 0, drop, drop));
  }
  return sweep;
}

LogisticSummary logistic_summary(const Results& results, std::size_t n_test) {
  LogisticSummary logistic;
  std::vector<double> test, train;
  for (const LogisticFit& fit : results.logistic) {
    test.push_back(fit.test_accuracy);
    train.push_back(fit.train_accuracy);
    logistic.steps_per_seed.push_back(static_cast<double>(fit.steps));
    logistic.all_converged = logistic.all_converged && fit.converged;
  }
  logistic.test = accuracy_over_seeds(test, n_test);
  logistic.train_accuracy = over_seeds(train);
  return logistic;
}

}  // namespace

Summary summarise(const Config& config, const Results& results) {
  Summary summary;
  summary.config = config;
  summary.n_train = results.data[0].train.size();
  summary.n_test = results.data[0].test.size();
  summary.total_training_steps = results.total_steps;
  summary.inferred_test_sizes =
      denominators_giving(kPostAccuracy, kPostAccuracyDigits, kLargestTestSize);
  summary.replay = replay_summary(config, results);
  Corrected& c = summary.corrected;
  c.weight_decay = corrected_model(config, results, config.weight_decay, 0);
  c.dropout = corrected_model(config, results, 0, config.drop_prob);
  c.none = corrected_model(config, results, 0, 0);
  c.dropout_minus_weight_decay = paired_difference(c.dropout.test, c.weight_decay.test);
  c.dropout_minus_none = paired_difference(c.dropout.test, c.none.test);
  c.weight_decay_minus_none = paired_difference(c.weight_decay.test, c.none.test);
  summary.sweep = sweep_summary(config, results);
  summary.bayes.integral = results.bayes;
  summary.bayes.half_step = results.bayes_half_step;
  if (!results.bayes_test_accuracy.empty()) {
    summary.bayes.test_accuracy = accuracy_over_seeds(results.bayes_test_accuracy, summary.n_test);
  }
  summary.logistic = logistic_summary(results, summary.n_test);
  return summary;
}

}  // namespace moons
