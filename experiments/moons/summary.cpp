#include "experiments/moons/summary.hpp"

#include <cmath>
#include <sstream>

#include "experiments/moons/bayes.hpp"
#include "experiments/moons/claims.hpp"
#include "experiments/moons/mlp.hpp"

namespace moons {

using nlohmann::json;

json seed_statistics(const std::vector<double>& per_seed) {
  const double k = static_cast<double>(per_seed.size());
  double mean = 0;
  for (const double x : per_seed) mean += x / k;
  double squares = 0;
  for (const double x : per_seed) squares += (x - mean) * (x - mean);
  const double std_dev = per_seed.size() > 1 ? std::sqrt(squares / (k - 1)) : 0.0;
  return {{"mean", mean},
          {"std", std_dev},
          {"se_mean", std_dev / std::sqrt(k)},
          {"per_seed", per_seed}};
}

namespace {

// The binomial standard error of one accuracy a measured on n test points: √(a(1 − a)/n).
double binomial_se(double accuracy, std::size_t n_test) {
  return std::sqrt(accuracy * (1 - accuracy) / static_cast<double>(n_test));
}

double label_one_share(const datasets::Dataset& data) {
  return xt::sum(data.y)() / static_cast<double>(data.size());
}

// Accuracy statistics over seeds for one model: per-seed accuracies, their mean ± std, and the
// binomial SE of one split at the mean accuracy.
json accuracy_block(const std::vector<double>& per_seed, std::size_t n_test) {
  json block = seed_statistics(per_seed);
  block["se_binomial"] = binomial_se(block["mean"].get<double>(), n_test);
  return block;
}

json corrected_model(const Config& config, const Results& results, double wd, double drop) {
  std::vector<double> test, train, loss, final_epoch, norm, spread;
  std::size_t constant = 0, majority = 0, below_half = 0;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const ModelRun& run = results.run(s, wd, drop);
    spread.push_back(run.eval.logit_max - run.eval.logit_min);
    test.push_back(run.eval.test_sigmoid.accuracy);
    train.push_back(run.train_accuracy);
    loss.push_back(run.train_loss);
    final_epoch.push_back(run.epoch_loss.back());
    norm.push_back(run.parameter_norm);
    constant += run.eval.test_sigmoid.constant();
    // A constant predictor's label against the training split's majority label.
    const bool predicts_one = run.eval.test_sigmoid.predicted_ones == run.eval.test_sigmoid.n;
    majority += run.eval.test_sigmoid.constant() &&
                predicts_one == (label_one_share(results.data[s].train) > 0.5);
    below_half += run.eval.test_sigmoid.accuracy < 0.5;
  }
  json block = accuracy_block(test, results.data[0].test.size());
  block["constant_on_train_majority_seeds"] = majority;
  block["below_half_seeds"] = below_half;
  block["weight_decay"] = wd;
  block["drop_prob"] = drop;
  block["train_accuracy"] = seed_statistics(train);
  block["train_loss_eval_mode"] = seed_statistics(loss);
  block["final_epoch_loss"] = seed_statistics(final_epoch);
  block["parameter_norm"] = seed_statistics(norm);
  block["test_logit_spread"] = seed_statistics(spread);  // max − min logit over the test points
  block["constant_predictor_seeds"] = constant;
  std::vector<double> gap;
  for (std::size_t s = 0; s < config.seeds; ++s) gap.push_back(train[s] - test[s]);
  block["generalisation_gap"] = seed_statistics(gap);
  return block;
}

// Paired difference a − b over seeds (same data, split and initialisation per seed).
json paired_difference(const json& a, const json& b) {
  const auto x = a["per_seed"].get<std::vector<double>>();
  const auto y = b["per_seed"].get<std::vector<double>>();
  std::vector<double> d;
  for (std::size_t s = 0; s < x.size(); ++s) d.push_back(x[s] - y[s]);
  json block = seed_statistics(d);
  const double se = block["se_mean"].get<double>();
  block["z"] = se > 0 ? json(block["mean"].get<double>() / se) : json(nullptr);
  return block;
}

struct BugCase {
  bool wrong_optimizer;
  bool logit_threshold;
};

// The two models' evaluations on seed s when the post's code has the bugs `bugs`: the wrong
// optimizer decides which models are evaluated (trained ones, or the replay's), the threshold
// which rule turns their logits into labels.
std::pair<Evaluation, Evaluation> bug_case_evaluations(const Config& config, const Results& results,
                                                       std::size_t s, BugCase bugs) {
  const ModelRun& weight_decay_run = results.run(s, config.weight_decay, 0);
  const ModelEvaluation& wd =
      bugs.wrong_optimizer ? weight_decay_run.replay->weight_decay_model : weight_decay_run.eval;
  const ModelEvaluation& dropout = bugs.wrong_optimizer ? weight_decay_run.replay->dropout_model
                                                        : results.run(s, 0, config.drop_prob).eval;
  if (bugs.logit_threshold) return {wd.test_post, dropout.test_post};
  return {wd.test_sigmoid, dropout.test_sigmoid};
}

json bug_case(const Config& config, const Results& results, BugCase bugs) {
  std::vector<double> wd_acc, dropout_acc, wd_ones, dropout_ones, share_one;
  std::size_t wd_constant = 0, dropout_constant = 0, both_constant_same = 0, equal = 0;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const auto [wd, dropout] = bug_case_evaluations(config, results, s, bugs);
    wd_acc.push_back(wd.accuracy);
    dropout_acc.push_back(dropout.accuracy);
    wd_ones.push_back(static_cast<double>(wd.predicted_ones));
    dropout_ones.push_back(static_cast<double>(dropout.predicted_ones));
    wd_constant += wd.constant();
    dropout_constant += dropout.constant();
    both_constant_same +=
        wd.constant() && dropout.constant() && wd.predicted_ones == dropout.predicted_ones;
    equal += wd.accuracy == dropout.accuracy;
  }
  const std::size_t n_test = results.data[0].test.size();
  return {{"wrong_optimizer", bugs.wrong_optimizer},
          {"logit_threshold", bugs.logit_threshold},
          {"weight_decay", accuracy_block(wd_acc, n_test)},
          {"dropout", accuracy_block(dropout_acc, n_test)},
          {"weight_decay_predicted_ones", wd_ones},
          {"dropout_predicted_ones", dropout_ones},
          {"weight_decay_constant_seeds", wd_constant},
          {"dropout_constant_seeds", dropout_constant},
          {"both_constant_same_class_seeds", both_constant_same},
          {"equal_accuracy_seeds", equal}};
}

json replay_block(const Config& config, const Results& results) {
  json replay;
  const BugCase headline{config.bug_wrong_optimizer, config.bug_logit_threshold};
  replay["bugs"] = {{"wrong_optimizer", headline.wrong_optimizer},
                    {"logit_threshold", headline.logit_threshold}};
  // The headline: seed 0, one run, as in the post.
  const auto [wd, dropout] = bug_case_evaluations(config, results, 0, headline);
  const datasets::Dataset& test = results.data[0].test;
  const std::size_t n_test = test.size();
  const double ones = xt::sum(test.y)();
  replay["n_test"] = n_test;
  replay["acc_weight_decay"] = wd.accuracy;
  replay["acc_dropout"] = dropout.accuracy;
  replay["test_class_share"] = {{"label_0", (n_test - ones) / n_test}, {"label_1", ones / n_test}};
  replay["test_class_count"] = {{"label_0", n_test - static_cast<std::size_t>(ones)},
                                {"label_1", static_cast<std::size_t>(ones)}};
  replay["predicted_ones_weight_decay"] = wd.predicted_ones;
  replay["predicted_ones_dropout"] = dropout.predicted_ones;
  replay["weight_decay_constant"] = wd.constant();
  replay["dropout_constant"] = dropout.constant();
  // What the second loop did to each model (seed 0), whichever bugs the headline has.
  const ModelRun& first = results.run(0, config.weight_decay, 0);
  const ReplayRun& second_loop = *first.replay;
  replay["dropout_max_abs_change_from_init"] =
      headline.wrong_optimizer ? second_loop.dropout_change_from_init
                               : results.run(0, 0, config.drop_prob).change_from_init;
  std::vector<double> init_logit_max;
  std::size_t init_below_post_threshold = 0;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const double top = results.run(s, config.weight_decay, 0).replay->dropout_model.logit_max;
    init_logit_max.push_back(top);
    init_below_post_threshold += top < 0.5;
  }
  replay["second_loop"] = {
      {"weight_decay_logit_range",
       {second_loop.weight_decay_model.logit_min, second_loop.weight_decay_model.logit_max}},
      {"dropout_logit_range",
       {second_loop.dropout_model.logit_min, second_loop.dropout_model.logit_max}},
      {"dropout_logit_max_per_seed", init_logit_max},
      {"dropout_all_logits_below_half_seeds", init_below_post_threshold},
      {"dropout_max_abs_change_from_init", second_loop.dropout_change_from_init},
      {"weight_decay_model_max_abs_change", second_loop.weight_decay_change},
      {"weight_decay_distance_to_fixed_point",
       second_loop.weight_decay_distance_to_fixed_point
           ? json(*second_loop.weight_decay_distance_to_fixed_point)
           : json(nullptr)},
      {"last_training_label", second_loop.last_training_label},
      {"steps", config.epochs * results.data[0].train.size()},
      {"decay_factor",
       std::pow(1 - config.lr * config.weight_decay,
                static_cast<double>(config.epochs * results.data[0].train.size()))}};
  replay["over_seeds"] = bug_case(config, results, headline);
  std::vector<double> share_one, last_label;
  for (std::size_t s = 0; s < config.seeds; ++s) {
    share_one.push_back(label_one_share(results.data[s].test));
    last_label.push_back(results.data[s].train.y(results.data[s].train.size() - 1));
  }
  replay["test_label_1_share_per_seed"] = share_one;
  replay["last_training_label_per_seed"] = last_label;
  replay["by_bug"] = json::array();
  for (const bool wrong_optimizer : {false, true}) {
    for (const bool logit_threshold : {false, true}) {
      replay["by_bug"].push_back(bug_case(config, results, {wrong_optimizer, logit_threshold}));
    }
  }
  // The post's Table 1, as printed (quoted, not measured), and the fraction it equals.
  constexpr double kPostAccuracy = 0.487879;  // both rows of the post's Table 1
  constexpr int kPostTestSize = 330;          // ceil(0.33 · 1000)
  const int post_correct = static_cast<int>(std::lround(kPostAccuracy * kPostTestSize));
  replay["post_table"] = {{"MLP", kPostAccuracy},
                          {"MLP (Dropout)", kPostAccuracy},
                          {"correct_of_330", post_correct},
                          {"fraction", static_cast<double>(post_correct) / kPostTestSize}};
  return replay;
}

json sweep_entry(const Config& config, const Results& results, double wd, double drop,
                 double value) {
  std::vector<double> test, train, loss;
  std::size_t constant = 0;
  for (std::size_t s = 0; s < config.sweep_seeds; ++s) {
    const ModelRun& run = results.run(s, wd, drop);
    test.push_back(run.eval.test_sigmoid.accuracy);
    train.push_back(run.train_accuracy);
    loss.push_back(run.train_loss);
    constant += run.eval.test_sigmoid.constant();
  }
  const json stats = seed_statistics(test);
  return {{"value", value},
          {"mean", stats["mean"]},
          {"std", stats["std"]},
          {"per_seed", test},
          {"train_accuracy_mean", seed_statistics(train)["mean"]},
          {"train_loss_eval_mode_mean", seed_statistics(loss)["mean"]},
          {"train_loss_eval_mode_per_seed", loss},
          {"constant_predictor_seeds", constant}};
}

}  // namespace

json summarise(const Config& config, const Results& results) {
  json summary;
  const std::size_t n_test = results.data[0].test.size();
  summary["config"] = {
      {"seed", config.seed},
      {"quick", config.quick},
      {"data", config.data_file.empty() ? json("make_moons") : json(config.data_file)},
      {"n_samples", config.data_file.empty() ? json(config.n_samples) : json(nullptr)},
      {"noise", config.noise},
      {"test_size", config.test_size},
      {"n_train", results.data[0].train.size()},
      {"n_test", n_test},
      {"architecture",
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
      {"bayes",
       {{"step", results.bayes.step},
        {"t_nodes", results.bayes.t_nodes},
        {"step_half", results.bayes_half_step.step},
        {"t_nodes_half", results.bayes_half_step.t_nodes},
        {"margin_sigmas", 6},
        {"quadrature", "midpoint rule in x, Gauss-Legendre in t"}}},
      {"total_training_steps", results.total_steps},
      // The post prints neither its data size nor its split: these are inferred from its
      // 0.487879 (claims.hpp, denominators_giving).
      {"inferred",
       {{"n_samples", 1000},
        {"test_size", 0.33},
        {"n_test", 330},
        {"test_sizes_up_to_3000_giving_0.487879", denominators_giving(0.487879, 6, 3000)},
        {"because",
         "only multiples of 330 among test-set sizes up to 3000 give 0.487879 to six digits; "
         "1000 points with test_size 0.33 is the simplest split with 330 test points"}}},
      {"precision", "float64 (the post ran PyTorch's default float32)"}};

  summary["replay"] = replay_block(config, results);

  json corrected;
  corrected["weight_decay"] = corrected_model(config, results, config.weight_decay, 0);
  corrected["dropout"] = corrected_model(config, results, 0, config.drop_prob);
  corrected["none"] = corrected_model(config, results, 0, 0);
  corrected["differences"] = {
      {"dropout_minus_weight_decay",
       paired_difference(corrected["dropout"], corrected["weight_decay"])},
      {"dropout_minus_none", paired_difference(corrected["dropout"], corrected["none"])},
      {"weight_decay_minus_none", paired_difference(corrected["weight_decay"], corrected["none"])}};
  summary["corrected"] = corrected;

  json sweep;
  sweep["seeds"] = config.sweep_seeds;
  sweep["weight_decay"] = json::array();
  sweep["drop_prob"] = json::array();
  if (config.sweep_seeds > 0) {
    sweep["weight_decay"].push_back(sweep_entry(config, results, 0, 0, 0));
    for (const double wd : config.weight_decay_grid) {
      sweep["weight_decay"].push_back(sweep_entry(config, results, wd, 0, wd));
    }
    for (const double drop : config.drop_prob_grid) {
      sweep["drop_prob"].push_back(sweep_entry(config, results, 0, drop, drop));
    }
  }
  summary["sweep"] = sweep;

  summary["bayes_accuracy"] = results.bayes.accuracy;
  json bayes = {
      {"accuracy", results.bayes.accuracy},
      {"accuracy_half_step", results.bayes_half_step.accuracy},
      {"half_step_difference", results.bayes_half_step.accuracy - results.bayes.accuracy},
      {"total_mass", results.bayes.total_mass},
      {"total_mass_half_step", results.bayes_half_step.total_mass},
      {"grid", {results.bayes.grid_x, results.bayes.grid_y}},
      {"grid_half_step", {results.bayes_half_step.grid_x, results.bayes_half_step.grid_y}}};
  if (!results.bayes_test_accuracy.empty()) {
    bayes["test_accuracy"] = accuracy_block(results.bayes_test_accuracy, n_test);
  }
  summary["bayes"] = bayes;

  std::vector<double> logistic_acc, logistic_train, logistic_steps;
  bool all_converged = true;
  for (const LogisticFit& fit : results.logistic) {
    logistic_acc.push_back(fit.test_accuracy);
    logistic_train.push_back(fit.train_accuracy);
    logistic_steps.push_back(static_cast<double>(fit.steps));
    all_converged = all_converged && fit.converged;
  }
  json logistic = accuracy_block(logistic_acc, n_test);
  logistic["train_accuracy"] = seed_statistics(logistic_train);
  logistic["steps_per_seed"] = logistic_steps;
  logistic["all_converged"] = all_converged;
  summary["logistic_accuracy"] = logistic["mean"];
  summary["logistic"] = logistic;
  return summary;
}

namespace {

// Rows of a gnuplot grid file: "x y v1 v2 …", a blank line after each scan line (x fastest).
std::string grid_file(const Grid& grid, const std::vector<std::string>& names,
                      const std::vector<const Array*>& columns) {
  std::ostringstream os;
  os << "# x y";
  for (const std::string& name : names) os << " " << name;
  os << "\n";
  for (std::size_t j = 0; j < grid.ny; ++j) {
    for (std::size_t i = 0; i < grid.nx; ++i) {
      const std::size_t k = j * grid.nx + i;
      os << experiments::rounded(grid.points(k, 0), 8) << " "
         << experiments::rounded(grid.points(k, 1), 8);
      for (const Array* column : columns) {
        os << " " << (column->size() ? experiments::rounded((*column)(k), 8) : "0.5");
      }
      os << "\n";
    }
    os << "\n";
  }
  return os.str();
}

}  // namespace

void write_tables(const Config& config, const Results& results, const json& summary,
                  const experiments::Output& out) {
  // Per seed: the corrected accuracies and the baselines.
  {
    std::vector<std::vector<double>> rows;
    for (std::size_t s = 0; s < config.seeds; ++s) {
      rows.push_back(
          {static_cast<double>(s),
           results.run(s, config.weight_decay, 0).eval.test_sigmoid.accuracy,
           results.run(s, 0, config.drop_prob).eval.test_sigmoid.accuracy,
           results.run(s, 0, 0).eval.test_sigmoid.accuracy, results.logistic[s].test_accuracy,
           results.bayes_test_accuracy.empty() ? std::nan("") : results.bayes_test_accuracy[s],
           label_one_share(results.data[s].test)});
    }
    out.write_csv("corrected_per_seed.csv",
                  {"seed_index", "acc_weight_decay", "acc_dropout", "acc_none", "acc_logistic",
                   "acc_bayes_rule", "test_label_1_share"},
                  rows);
  }
  // The replay under each combination of the two bugs (means over seeds).
  {
    std::vector<std::vector<double>> rows;
    for (const json& c : summary["replay"]["by_bug"]) {
      rows.push_back({c["wrong_optimizer"].get<bool>() ? 1.0 : 0.0,
                      c["logit_threshold"].get<bool>() ? 1.0 : 0.0, c["weight_decay"]["mean"],
                      c["dropout"]["mean"], c["weight_decay_constant_seeds"].get<double>(),
                      c["dropout_constant_seeds"].get<double>()});
    }
    out.write_csv("replay_by_bug.csv",
                  {"bug_wrong_optimizer", "bug_logit_threshold", "acc_weight_decay_mean",
                   "acc_dropout_mean", "weight_decay_constant_seeds", "dropout_constant_seeds"},
                  rows);
  }
  // The sweeps.
  for (const char* kind : {"weight_decay", "drop_prob"}) {
    std::vector<std::vector<double>> rows;
    for (const json& e : summary["sweep"][kind]) {
      rows.push_back({e["value"], e["mean"], e["std"], e["train_accuracy_mean"],
                      e["train_loss_eval_mode_mean"]});
    }
    out.write_csv(std::string("sweep_") + kind + ".csv",
                  {"value", "test_accuracy_mean", "test_accuracy_std", "train_accuracy_mean",
                   "train_loss_eval_mode_mean"},
                  rows);
  }
  // Loss per epoch, mean over seeds.
  {
    std::vector<std::vector<double>> rows;
    for (std::size_t e = 0; e < config.epochs; ++e) {
      double wd = 0, drop = 0, none = 0, second = 0;
      for (std::size_t s = 0; s < config.seeds; ++s) {
        const ModelRun& wd_run = results.run(s, config.weight_decay, 0);
        wd += wd_run.epoch_loss[e] / config.seeds;
        drop += results.run(s, 0, config.drop_prob).epoch_loss[e] / config.seeds;
        none += results.run(s, 0, 0).epoch_loss[e] / config.seeds;
        second += wd_run.replay->dropout_epoch_loss[e] / config.seeds;
      }
      rows.push_back({static_cast<double>(e + 1), wd, drop, none, second});
    }
    out.write_csv("loss_curves.csv",
                  {"epoch", "weight_decay", "dropout", "none", "replay_second_loop_dropout"}, rows);
  }
  // Seed 0's test points and the decision grid.
  {
    const datasets::Dataset& test = results.data[0].test;
    std::ostringstream points;  // space-separated, as gnuplot reads it beside the grid file
    points << "# x0 x1 label\n";
    for (std::size_t i = 0; i < test.size(); ++i) {
      points << experiments::exact(test.X(i, 0)) << " " << experiments::exact(test.X(i, 1)) << " "
             << test.y(i) << "\n";
    }
    out.write_text("test_points_seed0.dat", points.str());
    const ModelRun& wd = results.run(0, config.weight_decay, 0);
    const ModelRun& drop = results.run(0, 0, config.drop_prob);
    const ModelRun& none = results.run(0, 0, 0);
    const LogisticFit& fit = results.logistic[0];
    const Grid& grid = *results.grid;
    Array logistic = xt::zeros<double>({grid.points.shape()[0]});
    for (std::size_t k = 0; k < logistic.size(); ++k) {
      const double z =
          fit.weight(0, 0) * grid.points(k, 0) + fit.weight(0, 1) * grid.points(k, 1) + fit.bias(0);
      logistic(k) = 1 / (1 + std::exp(-z));
    }
    out.write_text(
        "decision_grid.dat",
        grid_file(
            grid,
            {"weight_decay", "dropout", "none", "logistic", "replay_weight_decay", "replay_dropout",
             "bayes"},
            {&wd.eval.grid_probability, &drop.eval.grid_probability, &none.eval.grid_probability,
             &logistic, &wd.replay->weight_decay_model.grid_probability,
             &wd.replay->dropout_model.grid_probability, &results.bayes_grid_probability}));
  }
}

}  // namespace moons
