// summary.json from the typed results (results.hpp): one to_json per result struct.
#include <xtensor/xjson.hpp>

#include "experiments/common/json.hpp"
#include "experiments/illustrations/results.hpp"

namespace illustrations {

// Structs whose members are named as their keys; arrays as (nested) lists, by xtensor/xjson.hpp.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RuleGeometry, pairwise_distances, log10_pairwise_distances,
                                   largest_log10_distance, outlier_distance_from_others,
                                   outlier_is_farthest, max_abs_distance_change,
                                   final_distance_ratio, min_distance_ratio, max_distance_ratio)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TranslationCheck, shift, std_before, std_after, mean_before,
                                   mean_after, max_relative_std_change, max_relative_mean_error,
                                   max_variation_ratio_error)
EXPERIMENTS_TO_JSON(Regression, X, y, base_weights, perturbation)

namespace {

using nlohmann::json;

// The members named as their keys by EXPERIMENTS_JSON_MEMBERS, the others beside them.
json to_json(const MatrixReplay& r) {
  json replay = {
      {"dropout_second_factor_identity_error", r.second_factor_identity_error},
      {"figure2_as_drawn_vs_figure1_max_abs_difference", r.figure2_as_drawn_vs_figure1},
      {"figure2_as_meant_vs_as_drawn_max_abs_difference", r.figure2_as_meant_vs_as_drawn}};
  EXPERIMENTS_JSON_MEMBERS(replay, r, l2, dropout, l2_added, dropout_factor, dropout_second_factor);
  return replay;
}

json to_json(const VariationResults& v) {
  json result = {{"exact", v.exact.variation},
                 {"offsets_exact", v.exact.offsets},
                 {"replay_vs_exact_relative_difference", v.replay_vs_exact_difference},
                 {"departure_tolerance", kDepartureTolerance},
                 {"rows", v.data.shape()[0]},
                 // column_std and column_mean of the data: the translation check's "before"
                 {"original_column_std", v.translation.std_before},
                 {"original_column_mean", v.translation.mean_before}};
  EXPERIMENTS_JSON_MEMBERS(result, v, offsets_max_relative_difference, exact_ratio_per_step,
                           exact_ratio_min, exact_ratio_max, predicted_ratio,
                           exact_decades_per_step, first_departure_step, first_data_departure_step,
                           replay_argmin_step, replay_min, replay_after_departure_min,
                           replay_after_departure_max);
  if (v.first_departure_step > 0) {
    EXPERIMENTS_JSON_MEMBERS(result, v, offset_at_departure, offset_spacing_at_departure,
                             column_sum_at_departure, column_sum_spacing_at_departure,
                             data_drift_at_departure, spread_drift_at_departure,
                             last_agreeing_step_spread_drift);
  }
  return result;
}

json to_json(const WeightsResults& w) {
  const WeightDecayDescent& run = w.descent;
  json l2 = {{"final_weights", run.trajectory.back()},
             {"ratio_to_ols", w.ridge_ratio_to_ols},
             {"ols_norm", w.trajectory_norms.front()},
             {"final_norm", w.trajectory_norms.back()}};
  EXPERIMENTS_JSON_MEMBERS(l2, run, weight_decay, learning_rate, shrink_factor, ols, ridge, steps,
                           final_error, max_update_deviation);
  EXPERIMENTS_JSON_MEMBERS(l2, w, column_cosine, norm_never_increases, data_unchanged);
  json dropout = {{"ridge_with_penalties", w.dropout.ridge},
                  {"ratio_to_ols", w.deployed_ratio_to_ols}};
  EXPERIMENTS_JSON_MEMBERS(dropout, w.dropout, retain_prob, penalties, deployed, max_difference);
  EXPERIMENTS_JSON_MEMBERS(dropout, w, gamma_squared, deployed_norm);
  return {{"regression", w.regression}, {"l2", l2}, {"dropout", dropout}};
}

}  // namespace

json to_json(const Results& r) {
  json replay = to_json(r.matrices);
  replay["variation"] = r.variation.replay.variation;
  replay["variation_added"] = r.variation.replay.added;
  replay["variation_spread_drift"] = r.variation.replay.spread_drift;
  replay["variation_data_drift"] = r.variation.replay.data_drift;
  return {{"config",
           {{"seed", r.seed},
            {"quick", r.quick},
            {"points_per_cluster", r.settings.points_per_cluster},
            {"steps", kPostSteps},
            {"weight_decay", r.settings.weight_decay},
            {"retain_prob", r.settings.retain_prob},
            {"descent_tolerance", kDescentTolerance}}},
          {"replay", replay},
          {"geometry", {{"l2", r.matrices.l2_geometry}, {"dropout", r.matrices.dropout_geometry}}},
          {"variation", to_json(r.variation)},
          {"translation", r.variation.translation},
          {"weights", to_json(r.weights)}};
}

}  // namespace illustrations
