#include "experiments/weight_decay/summary.hpp"

#include <cmath>

#include "experiments/common/seeds.hpp"
#include "experiments/weight_decay/ridge.hpp"

namespace weight_decay {

namespace {
// NaN (no collapse on the grid, say) as JSON null rather than nlohmann's silent null.
nlohmann::json number_or_null(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}
nlohmann::json mean_se_json(const experiments::MeanSe& m) {
  return {{"mean", number_or_null(m.mean)}, {"se", number_or_null(m.se)}};
}
}  // namespace

nlohmann::json to_json(const LinearSettings& s) {
  return {{"rows", s.rows},
          {"true_weights", s.true_weights},
          {"noise", s.noise},
          {"lambda", s.lambda},
          {"scales", s.scales},
          {"adam_lr", s.adam_lr},
          {"steps", s.steps},
          {"tail", s.tail},
          {"sgd_lr", s.sgd_lr},
          {"equality_steps", s.equality_steps},
          {"loss", "(1/n)||X theta - y||^2 + (lambda/2)||theta||^2, full batch, theta0 = 0"}};
}

nlohmann::json to_json(const MoonsSettings& s) {
  return {{"samples", s.samples},
          {"noise", s.noise},
          {"test_size", s.test_size},
          {"hidden", s.hidden},
          {"epochs", s.epochs},
          {"seeds", s.seeds},
          {"sgd_lr", s.sgd_lr},
          {"adam_lr", s.adam_lr},
          {"sgd_weight_decays", s.sgd_weight_decays},
          {"adam_l2_weight_decays", s.adam_l2_weight_decays},
          {"adamw_weight_decays", s.adamw_weight_decays},
          {"drop_probs", s.drop_probs},
          {"common_lambda", s.common_lambda},
          {"equality_epochs", s.equality_epochs},
          {"equality_lambda", s.equality_lambda},
          {"batch_size", 1},
          {"order", "training rows in split order every epoch (the post's TensorDataset loop)"}};
}

nlohmann::json to_json(const EqualityResult& r) {
  return {{"model", r.model},
          {"optimizer", r.optimizer},
          {"steps", r.steps},
          {"lambda", r.lambda},
          {"max_abs_difference", r.max_abs_difference},
          {"max_abs_parameter", r.max_abs_parameter}};
}

nlohmann::json to_json(const ScaleResult& r) {
  return {{"scale", r.scale},
          {"ols", r.ols},
          {"ridge", r.ridge},
          {"adam_l2", r.adam_l2},
          {"adamw", r.adamw},
          {"adam_l2_tail_range", r.adam_l2_range},
          {"adamw_tail_range", r.adamw_range},
          {"adam_l2_to_ridge", r.adam_l2_to_ridge},
          {"adamw_to_ridge", r.adamw_to_ridge},
          {"adamw_box_residual", r.adamw_box_residual},
          {"shrink_feature0",
           {{"ridge", r.shrink(r.ridge)},
            {"adam_l2", r.shrink(r.adam_l2)},
            {"adamw", r.shrink(r.adamw)}}}};
}

nlohmann::json to_json(const LinearResults& r) {
  nlohmann::json equalities = nlohmann::json::array(), scales = nlohmann::json::array();
  for (const EqualityResult& e : r.equalities) equalities.push_back(to_json(e));
  for (const ScaleResult& s : r.scales) scales.push_back(to_json(s));
  return {{"lambda", r.lambda}, {"equalities", equalities}, {"scales", scales}};
}

nlohmann::json to_json(const SeedRun& run) {
  return {{"test_accuracy", run.test_accuracy},
          {"train_accuracy", run.train_accuracy},
          {"weight_norm", run.weight_norm},
          {"predicted_ones", run.predicted_ones},
          {"n_test", run.n_test},
          {"constant", run.constant}};
}

nlohmann::json to_json(const SweepPoint& p) {
  nlohmann::json runs = nlohmann::json::array();
  for (const SeedRun& run : p.runs) runs.push_back(to_json(run));
  return {{"method", method_key(p.method)},
          {"strength", p.strength},
          {"test_accuracy", mean_se_json(p.test_accuracy)},
          {"weight_norm", mean_se_json(p.weight_norm)},
          {"constant_seeds", p.constant_seeds},
          {"collapsed", p.collapsed()},
          {"runs", runs}};
}

nlohmann::json to_json(const MoonsResults& r) {
  nlohmann::json points = nlohmann::json::array(), equalities = nlohmann::json::array();
  nlohmann::json collapse = nlohmann::json::object();
  for (const SweepPoint& p : r.points) points.push_back(to_json(p));
  for (const EqualityResult& e : r.equalities) equalities.push_back(to_json(e));
  for (const Method m : kMethods) collapse[method_key(m)] = number_or_null(collapse_strength(r, m));
  return {{"points", points}, {"equalities", equalities}, {"collapse_strength", collapse}};
}

void write_linear_csv(const LinearSettings& settings, const LinearResults& results,
                      const experiments::Output& out, std::uint64_t seed) {
  std::vector<std::vector<double>> rows, shrink;
  for (const ScaleResult& s : results.scales) {
    for (std::size_t j = 0; j < s.ols.size(); ++j) {
      rows.push_back(
          {s.scale, static_cast<double>(j), s.ols[j], s.ridge[j], s.adam_l2[j], s.adamw[j]});
    }
    shrink.push_back({s.scale, s.shrink(s.ridge), s.shrink(s.adam_l2), s.shrink(s.adamw)});
  }
  out.write_csv("linear_fixed_points.csv",
                {"scale", "coordinate", "ols", "ridge", "adam_l2", "adamw"}, rows);
  out.write_csv("shrinkage.csv", {"scale", "ridge", "adam_l2", "adamw"}, shrink);
  // Ridge's factor between the measured scales: a closed form, cheap on a fine grid.
  std::vector<std::vector<double>> curve;
  const std::uint64_t design_seed = experiments::derive_seed(seed, 1);
  for (int k = 0; k <= 40; ++k) {
    const double scale = std::pow(10.0, -1.0 + k / 20.0);
    const datasets::Dataset design = linear_design(settings, scale, design_seed);
    const double ols = ridge_solution(design.X, design.y, 0.0)[0];
    curve.push_back({scale, ridge_solution(design.X, design.y, settings.lambda)[0] / ols});
  }
  out.write_csv("ridge_curve.csv", {"scale", "ridge"}, curve);
}

void write_moons_csv(const MoonsResults& results, const experiments::Output& out) {
  std::vector<std::vector<double>> per_seed;
  for (const Method m : kMethods) {
    std::vector<std::vector<double>> rows;
    for (const SweepPoint& p : results.points) {
      if (p.method != m) continue;
      rows.push_back({p.strength, p.test_accuracy.mean, p.test_accuracy.se, p.weight_norm.mean,
                      p.weight_norm.se, static_cast<double>(p.constant_seeds)});
      for (std::size_t k = 0; k < p.runs.size(); ++k) {
        const SeedRun& run = p.runs[k];
        per_seed.push_back({static_cast<double>(static_cast<int>(m)), p.strength,
                            static_cast<double>(k), run.test_accuracy, run.train_accuracy,
                            run.weight_norm, static_cast<double>(run.predicted_ones)});
      }
    }
    out.write_csv("moons_" + method_key(m) + ".csv",
                  {"strength", "test_accuracy_mean", "test_accuracy_se", "weight_norm_mean",
                   "weight_norm_se", "constant_seeds"},
                  rows);
  }
  out.write_csv("moons_per_seed.csv",
                {"method", "strength", "seed_index", "test_accuracy", "train_accuracy",
                 "weight_norm", "predicted_ones"},
                per_seed);
}

}  // namespace weight_decay
