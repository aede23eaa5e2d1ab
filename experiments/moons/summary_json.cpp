// summary.json, from the typed summary: every number the report quotes, for readers outside
// the program (and the tests). No timings, so the same seed gives the same bytes.
#include "experiments/moons/summary_json.hpp"

namespace moons {

using nlohmann::json;

namespace {

json to_json(const SeedStats& stats) {
  return {
      {"mean", stats.mean}, {"std", stats.sd}, {"se_mean", stats.se}, {"per_seed", stats.per_seed}};
}

json to_json(const Accuracy& accuracy) {
  json block = to_json(static_cast<const SeedStats&>(accuracy));
  block["se_binomial"] = accuracy.se_binomial;
  return block;
}

json to_json(const Difference& difference) {
  json block = to_json(static_cast<const SeedStats&>(difference));
  block["z"] = difference.z ? json(*difference.z) : json(nullptr);
  return block;
}

json to_json(const CorrectedModel& model) {
  json block = to_json(model.test);
  block["weight_decay"] = model.weight_decay;
  block["drop_prob"] = model.drop_prob;
  block["train_accuracy"] = to_json(model.train_accuracy);
  block["train_loss_eval_mode"] = to_json(model.train_loss_eval_mode);
  block["final_epoch_loss"] = to_json(model.final_epoch_loss);
  block["parameter_norm"] = to_json(model.parameter_norm);
  block["test_logit_spread"] = to_json(model.test_logit_spread);
  block["generalisation_gap"] = to_json(model.generalisation_gap);
  block["constant_predictor_seeds"] = model.constant_predictor_seeds;
  block["constant_on_train_majority_seeds"] = model.constant_on_train_majority_seeds;
  block["below_half_seeds"] = model.below_half_seeds;
  return block;
}

json to_json(const Corrected& c) {
  return {{"weight_decay", to_json(c.weight_decay)},
          {"dropout", to_json(c.dropout)},
          {"none", to_json(c.none)},
          {"differences",
           {{"dropout_minus_weight_decay", to_json(c.dropout_minus_weight_decay)},
            {"dropout_minus_none", to_json(c.dropout_minus_none)},
            {"weight_decay_minus_none", to_json(c.weight_decay_minus_none)}}}};
}

json to_json(const BugCase& c) {
  return {{"wrong_optimizer", c.bugs.wrong_optimizer},
          {"logit_threshold", c.bugs.logit_threshold},
          {"weight_decay", to_json(c.weight_decay)},
          {"dropout", to_json(c.dropout)},
          {"weight_decay_predicted_ones", c.weight_decay_predicted_ones},
          {"dropout_predicted_ones", c.dropout_predicted_ones},
          {"weight_decay_constant_seeds", c.weight_decay_constant_seeds},
          {"dropout_constant_seeds", c.dropout_constant_seeds},
          {"both_constant_same_class_seeds", c.both_constant_same_class_seeds},
          {"equal_accuracy_seeds", c.equal_accuracy_seeds}};
}

json to_json(const SecondLoop& loop) {
  const auto& distance = loop.weight_decay_distance_to_fixed_point;
  return {{"weight_decay_logit_range", {loop.weight_decay_logit_min, loop.weight_decay_logit_max}},
          {"dropout_logit_range", {loop.dropout_logit_min, loop.dropout_logit_max}},
          {"dropout_logit_max_per_seed", loop.dropout_logit_max_per_seed},
          {"dropout_all_logits_below_half_seeds", loop.dropout_all_logits_below_half_seeds},
          {"dropout_max_abs_change_from_init", loop.dropout_max_abs_change_from_init},
          {"weight_decay_model_max_abs_change", loop.weight_decay_model_max_abs_change},
          {"weight_decay_distance_to_fixed_point", distance ? json(*distance) : json(nullptr)},
          {"last_training_label", loop.last_training_label},
          {"steps", loop.steps},
          {"decay_factor", loop.decay_factor}};
}

json to_json(const Replay& r) {
  json replay = {
      {"bugs",
       {{"wrong_optimizer", r.bugs.wrong_optimizer}, {"logit_threshold", r.bugs.logit_threshold}}},
      {"n_test", r.n_test},
      {"acc_weight_decay", r.acc_weight_decay},
      {"acc_dropout", r.acc_dropout},
      {"test_class_share", {{"label_0", r.label_0_share}, {"label_1", r.label_1_share}}},
      {"test_class_count", {{"label_0", r.label_0_count}, {"label_1", r.label_1_count}}},
      {"predicted_ones_weight_decay", r.predicted_ones_weight_decay},
      {"predicted_ones_dropout", r.predicted_ones_dropout},
      {"weight_decay_constant", r.weight_decay_constant},
      {"dropout_constant", r.dropout_constant},
      {"dropout_max_abs_change_from_init", r.dropout_max_abs_change_from_init},
      {"second_loop", to_json(r.second_loop)},
      {"over_seeds", to_json(r.over_seeds)},
      {"test_label_1_share_per_seed", r.test_label_1_share_per_seed},
      {"last_training_label_per_seed", r.last_training_label_per_seed},
      // The post's Table 1, as printed (quoted, not measured), and the fraction it equals.
      {"post_table",
       {{"MLP", kPostAccuracy},
        {"MLP (Dropout)", kPostAccuracy},
        {"correct_of_330", r.post_correct_of_330},
        {"fraction", static_cast<double>(r.post_correct_of_330) / kPostTestSize}}}};
  replay["by_bug"] = json::array();
  for (const BugCase& c : r.by_bug) replay["by_bug"].push_back(to_json(c));
  return replay;
}

json to_json(const SweepPoint& point) {
  return {{"value", point.value},
          {"mean", point.test_accuracy.mean},
          {"std", point.test_accuracy.sd},
          {"per_seed", point.test_accuracy.per_seed},
          {"train_accuracy_mean", point.train_accuracy_mean},
          {"train_loss_eval_mode_mean", point.train_loss_eval_mode_mean},
          {"train_loss_eval_mode_per_seed", point.train_loss_eval_mode_per_seed},
          {"constant_predictor_seeds", point.constant_predictor_seeds}};
}

json to_json(const Sweep& sweep) {
  json block = {
      {"seeds", sweep.seeds}, {"weight_decay", json::array()}, {"drop_prob", json::array()}};
  for (const SweepPoint& p : sweep.weight_decay) block["weight_decay"].push_back(to_json(p));
  for (const SweepPoint& p : sweep.drop_prob) block["drop_prob"].push_back(to_json(p));
  return block;
}

json to_json(const BayesSummary& b) {
  json bayes = {{"accuracy", b.integral.accuracy},
                {"accuracy_half_step", b.half_step.accuracy},
                {"half_step_difference", b.half_step.accuracy - b.integral.accuracy},
                {"total_mass", b.integral.total_mass},
                {"total_mass_half_step", b.half_step.total_mass},
                {"grid", {b.integral.grid_x, b.integral.grid_y}},
                {"grid_half_step", {b.half_step.grid_x, b.half_step.grid_y}}};
  if (b.test_accuracy) bayes["test_accuracy"] = to_json(*b.test_accuracy);
  return bayes;
}

json to_json(const LogisticSummary& l) {
  json logistic = to_json(l.test);
  logistic["train_accuracy"] = to_json(l.train_accuracy);
  logistic["steps_per_seed"] = l.steps_per_seed;
  logistic["all_converged"] = l.all_converged;
  return logistic;
}

// What the run was asked to do, and what the code fixes without a flag.
json training_config(const Config& config) {
  return {{"architecture",
           {{"inputs", config.shape.inputs},
            {"hidden", config.shape.hidden},
            {"hidden_text", hidden_to_string(config.shape.hidden)},
            {"activation", "ReLU"},
            {"dropout_placement", "after each hidden ReLU"},
            {"init", "PyTorch default: U(-1/sqrt(fan_in), 1/sqrt(fan_in))"}}},
          {"epochs", config.epochs},
          {"batch_size", 1},
          {"shuffle", false},
          {"loss", "BCEWithLogitsLoss(mean)"},
          {"optimizer", "SGD(momentum 0, dampening 0, nesterov false)"},
          {"lr", config.lr},
          {"weight_decay", config.weight_decay},
          {"drop_prob", config.drop_prob},
          {"seeds", config.seeds},
          {"sweep_seeds", config.sweep_seeds},
          {"weight_decay_grid", config.weight_decay_grid},
          {"drop_prob_grid", config.drop_prob_grid},
          {"stop_on_non_finite", config.stop_on_non_finite},
          {"replay_bugs",
           {{"wrong_optimizer", config.bug_wrong_optimizer},
            {"logit_threshold", config.bug_logit_threshold}}},
          {"logistic",
           {{"method", "full-batch gradient descent"},
            {"lr", config.logistic.lr},
            {"max_steps", config.logistic.max_steps},
            {"gradient_tolerance", config.logistic.tolerance}}},
          {"precision", "float64 (the post ran PyTorch's default float32)"}};
}

json config_json(const Summary& s) {
  const Config& config = s.config;
  json block = training_config(config);
  block.update(
      {{"seed", config.seed},
       {"quick", config.quick},
       {"data", s.from_file() ? json(config.data_file) : json("make_moons")},
       {"n_samples", s.from_file() ? json(nullptr) : json(config.n_samples)},
       {"noise", config.noise},
       {"test_size", config.test_size},
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
        {{"n_samples", 1000},
         {"test_size", 0.33},
         {"n_test", kPostTestSize},
         {"test_sizes_up_to_3000_giving_0.487879", s.inferred_test_sizes},
         {"because",
          "only multiples of 330 among test-set sizes up to 3000 give 0.487879 to six digits; "
          "1000 points with test_size 0.33 is the simplest split with 330 test points"}}}});
  return block;
}

}  // namespace

json to_json(const Summary& s, const std::vector<experiments::Claim>& claims) {
  return {{"config", config_json(s)},
          {"replay", to_json(s.replay)},
          {"corrected", to_json(s.corrected)},
          {"sweep", to_json(s.sweep)},
          {"bayes_accuracy", s.bayes.integral.accuracy},
          {"bayes", to_json(s.bayes)},
          {"logistic_accuracy", s.logistic.test.mean},
          {"logistic", to_json(s.logistic)},
          {"claims", experiments::to_json(claims)}};
}

}  // namespace moons
