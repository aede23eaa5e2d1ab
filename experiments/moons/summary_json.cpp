// summary.json, from the typed summary: every number the report quotes, for readers outside
// the program (and the tests). No timings, so the same seed gives the same bytes.
#include "experiments/common/json.hpp"
#include "experiments/moons/summary.hpp"

namespace moons {

using nlohmann::json;

// Blocks of the summary, found by nlohmann through argument-dependent lookup (so in namespace
// moons itself). Keys named as the members are listed with EXPERIMENTS_JSON_MEMBERS.
void to_json(json& j, const SeedStats& stats) {
  j = {
      {"mean", stats.mean}, {"std", stats.sd}, {"se_mean", stats.se}, {"per_seed", stats.per_seed}};
}

void to_json(json& j, const Accuracy& accuracy) {
  to_json(j, static_cast<const SeedStats&>(accuracy));
  j["se_binomial"] = accuracy.se_binomial;
}

void to_json(json& j, const Difference& difference) {
  to_json(j, static_cast<const SeedStats&>(difference));
  j["z"] = difference.z ? json(*difference.z) : json(nullptr);
}

// The test accuracy's keys at the top of the block, the other numbers beside them.
void to_json(json& j, const CorrectedModel& m) {
  to_json(j, m.test);
  EXPERIMENTS_JSON_MEMBERS(j, m, weight_decay, drop_prob, train_accuracy, train_loss_eval_mode,
                           final_epoch_loss, parameter_norm, test_logit_spread, generalisation_gap,
                           constant_predictor_seeds, constant_on_train_majority_seeds,
                           below_half_seeds);
}

void to_json(json& j, const Corrected& c) {
  EXPERIMENTS_JSON_MEMBERS(j, c, weight_decay, dropout, none);
  EXPERIMENTS_JSON_MEMBERS(j["differences"], c, dropout_minus_weight_decay, dropout_minus_none,
                           weight_decay_minus_none);
}

EXPERIMENTS_TO_JSON(Bugs, wrong_optimizer, logit_threshold)

void to_json(json& j, const BugCase& c) {
  j = c.bugs;
  EXPERIMENTS_JSON_MEMBERS(j, c, weight_decay, dropout, weight_decay_predicted_ones,
                           dropout_predicted_ones, weight_decay_constant_seeds,
                           dropout_constant_seeds, both_constant_same_class_seeds,
                           equal_accuracy_seeds);
}

void to_json(json& j, const SecondLoop& loop) {
  const auto& distance = loop.weight_decay_distance_to_fixed_point;
  j = {{"weight_decay_logit_range", {loop.weight_decay_logit_min, loop.weight_decay_logit_max}},
       {"dropout_logit_range", {loop.dropout_logit_min, loop.dropout_logit_max}},
       {"weight_decay_distance_to_fixed_point", distance ? json(*distance) : json(nullptr)}};
  EXPERIMENTS_JSON_MEMBERS(j, loop, dropout_logit_max_per_seed, dropout_all_logits_below_half_seeds,
                           dropout_max_abs_change_from_init, weight_decay_model_max_abs_change,
                           last_training_label, steps, decay_factor);
}

void to_json(json& j, const Replay& r) {
  EXPERIMENTS_JSON_MEMBERS(j, r, bugs, n_test, acc_weight_decay, acc_dropout,
                           predicted_ones_weight_decay, predicted_ones_dropout,
                           weight_decay_constant, dropout_constant,
                           dropout_max_abs_change_from_init, second_loop, over_seeds,
                           test_label_1_share_per_seed, last_training_label_per_seed, by_bug);
  j["test_class_share"] = {{"label_0", r.label_0_share}, {"label_1", r.label_1_share}};
  j["test_class_count"] = {{"label_0", r.label_0_count}, {"label_1", r.label_1_count}};
  // The post's Table 1, as printed (quoted, not measured), and the fraction it equals.
  j["post_table"] = {{"MLP", kPostAccuracy},
                     {"MLP (Dropout)", kPostAccuracy},
                     {"correct_of_330", r.post_correct_of_330},
                     {"fraction", static_cast<double>(r.post_correct_of_330) / kPostTestSize}};
}

// The test accuracy's mean, std and per-seed values at the top of the block (no standard error).
void to_json(json& j, const SweepPoint& point) {
  j = {{"mean", point.test_accuracy.mean},
       {"std", point.test_accuracy.sd},
       {"per_seed", point.test_accuracy.per_seed}};
  EXPERIMENTS_JSON_MEMBERS(j, point, value, train_accuracy_mean, train_loss_eval_mode_mean,
                           train_loss_eval_mode_per_seed, constant_predictor_seeds);
}

EXPERIMENTS_TO_JSON(Sweep, seeds, weight_decay, drop_prob)

void to_json(json& j, const BayesSummary& b) {
  j = {{"accuracy", b.integral.accuracy},
       {"accuracy_half_step", b.half_step.accuracy},
       {"half_step_difference", b.half_step.accuracy - b.integral.accuracy},
       {"total_mass", b.integral.total_mass},
       {"total_mass_half_step", b.half_step.total_mass},
       {"grid", {b.integral.grid_x, b.integral.grid_y}},
       {"grid_half_step", {b.half_step.grid_x, b.half_step.grid_y}}};
  if (b.test_accuracy) j["test_accuracy"] = *b.test_accuracy;
}

void to_json(json& j, const LogisticSummary& l) {
  to_json(j, l.test);
  EXPERIMENTS_JSON_MEMBERS(j, l, train_accuracy, steps_per_seed, all_converged);
}

namespace {

// What the run was asked to do, and what the code fixes without a flag.
json config_json(const Summary& s) {
  const Config& c = s.config;
  json block = {
      {"architecture",
       {{"inputs", c.shape.inputs},
        {"hidden", c.shape.hidden},
        {"hidden_text", hidden_to_string(c.shape.hidden)},
        {"activation", "ReLU"},
        {"dropout_placement", "after each hidden ReLU"},
        {"init", "PyTorch default: U(-1/sqrt(fan_in), 1/sqrt(fan_in))"}}},
      {"batch_size", 1},
      {"shuffle", false},
      {"loss", "BCEWithLogitsLoss(mean)"},
      {"optimizer", "SGD(momentum 0, dampening 0, nesterov false)"},
      {"replay_bugs",
       {{"wrong_optimizer", c.bug_wrong_optimizer}, {"logit_threshold", c.bug_logit_threshold}}},
      {"logistic",
       {{"method", "full-batch gradient descent"},
        {"lr", c.logistic.lr},
        {"max_steps", c.logistic.max_steps},
        {"gradient_tolerance", c.logistic.tolerance}}},
      {"precision", "float64 (the post ran PyTorch's default float32)"},
      {"data", s.from_file() ? json(c.data_file) : json("make_moons")},
      {"n_samples", s.from_file() ? json(nullptr) : json(c.n_samples)},
      {"n_train", s.n_train},
      {"n_test", s.n_test},
      {"bayes",
       {{"step", s.bayes.integral.step},
        {"t_nodes", s.bayes.integral.t_nodes},
        {"step_half", s.bayes.half_step.step},
        {"t_nodes_half", s.bayes.half_step.t_nodes},
        {"margin_sigmas", 6},
        {"quadrature", "midpoint rule in x, Gauss-Legendre in t"}}},
      {"total_training_steps", s.total_training_steps},
      // The post prints neither its data size nor its split: inferred from its 0.487879.
      {"inferred",
       {{"n_samples", experiments::kPostMoonsSamples},
        {"test_size", experiments::kPostMoonsTestSize},
        {"n_test", kPostTestSize},
        {"test_sizes_up_to_3000_giving_0.487879", s.inferred_test_sizes},
        {"because",
         "only multiples of 330 among test-set sizes up to 3000 give 0.487879 to six digits; "
         "1000 points with test_size 0.33 is the simplest split with 330 test points"}}}};
  EXPERIMENTS_JSON_MEMBERS(block, c, seed, quick, noise, test_size, epochs, lr, weight_decay,
                           drop_prob, seeds, sweep_seeds, weight_decay_grid, drop_prob_grid,
                           stop_on_non_finite);
  return block;
}

}  // namespace

json to_json(const Summary& s, const std::vector<experiments::Claim>& claims) {
  return {{"config", config_json(s)},
          {"replay", s.replay},
          {"corrected", s.corrected},
          {"sweep", s.sweep},
          {"bayes_accuracy", s.bayes.integral.accuracy},
          {"bayes", s.bayes},
          {"logistic_accuracy", s.logistic.test.mean},
          {"logistic", s.logistic},
          {"claims", experiments::to_json(claims)}};
}

}  // namespace moons
