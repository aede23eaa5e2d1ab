#include "experiments/weight_decay/summary.hpp"

namespace weight_decay {

using experiments::number_or_null;
using nlohmann::json;

namespace {
json mean_se_json(const experiments::MeanSe& m) {
  return {{"mean", number_or_null(m.mean)}, {"se", number_or_null(m.se)}};
}
}  // namespace

json settings_json(const Settings& settings) {
  json j = {{"linear", settings.linear}, {"moons", settings.moons}};
  j["linear"]["loss"] = "(1/n)||X theta - y||^2 + (lambda/2)||theta||^2, full batch, theta0 = 0";
  j["moons"]["hidden"] = settings.moons.shape.hidden;
  j["moons"]["batch_size"] = 1;
  j["moons"]["order"] = "training rows in split order every epoch (the post's TensorDataset loop)";
  return j;
}

// Each scale with feature 0's shrinkage factors θ₀/θ₀ᴼᴸˢ beside its weights.
void to_json(json& j, const LinearResults& r) {
  j = {{"lambda", r.lambda}, {"equalities", r.equalities}, {"scales", r.scales}};
  for (std::size_t k = 0; k < r.scales.size(); ++k) {
    const ScaleResult& s = r.scales[k];
    j["scales"][k]["shrink_feature0"] = {{"ridge", s.shrink(s.ridge)},
                                         {"adam_l2", s.shrink(s.adam_l2)},
                                         {"adamw", s.shrink(s.adamw)}};
  }
}

void to_json(json& j, const SweepPoint& p) {
  j = {{"method", method_key(p.method)},
       {"strength", p.strength},
       {"test_accuracy", mean_se_json(p.test_accuracy)},
       {"weight_norm", mean_se_json(p.weight_norm)},
       {"constant_seeds", p.constant_seeds},
       {"collapsed", p.collapsed()},
       {"runs", p.runs}};
}

void to_json(json& j, const MoonsResults& r) {
  json collapse = json::object();
  for (const Method m : kMethods) collapse[method_key(m)] = number_or_null(collapse_strength(r, m));
  j = {{"points", r.points}, {"equalities", r.equalities}, {"collapse_strength", collapse}};
}

void write_linear_csv(const LinearResults& results, const experiments::Output& out) {
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
  std::vector<std::vector<double>> curve;
  for (const RidgeCurvePoint& point : results.ridge_curve) {
    curve.push_back({point.scale, point.ridge_factor});
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
