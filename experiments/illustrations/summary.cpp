// summary.json from the typed results (results.hpp): one to_json per result struct.
#include <xtensor/xjson.hpp>

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

namespace {

using nlohmann::json;

json to_json(const MatrixReplay& r) {
  return {{"l2", r.l2},
          {"dropout", r.dropout},
          {"l2_added", r.l2_added},
          {"dropout_factor", r.dropout_factor},
          {"dropout_second_factor", r.dropout_second_factor},
          {"dropout_second_factor_identity_error", r.second_factor_identity_error},
          {"figure2_as_drawn_vs_figure1_max_abs_difference", r.figure2_as_drawn_vs_figure1},
          {"figure2_as_meant_vs_as_drawn_max_abs_difference", r.figure2_as_meant_vs_as_drawn}};
}

json to_json(const VariationResults& v) {
  json result = {{"exact", v.exact.variation},
                 {"offsets_exact", v.exact.offsets},
                 {"offsets_max_relative_difference", v.offsets_max_relative_difference},
                 {"exact_ratio_per_step", v.exact_ratio_per_step},
                 {"exact_ratio_min", v.exact_ratio_min},
                 {"exact_ratio_max", v.exact_ratio_max},
                 {"predicted_ratio", v.predicted_ratio},
                 {"exact_decades_per_step", v.exact_decades_per_step},
                 {"replay_vs_exact_relative_difference", v.replay_vs_exact_difference},
                 {"departure_tolerance", kDepartureTolerance},
                 {"first_departure_step", v.first_departure_step},
                 {"first_data_departure_step", v.first_data_departure_step},
                 {"replay_argmin_step", v.replay_argmin_step},
                 {"replay_min", v.replay_min},
                 {"replay_after_departure_min", v.replay_after_departure_min},
                 {"replay_after_departure_max", v.replay_after_departure_max},
                 {"rows", v.data.shape()[0]},
                 // column_std and column_mean of the data: the translation check's "before"
                 {"original_column_std", v.translation.std_before},
                 {"original_column_mean", v.translation.mean_before}};
  if (v.first_departure_step > 0) {
    result.update({{"offset_at_departure", v.offset_at_departure},
                   {"offset_spacing_at_departure", v.offset_spacing_at_departure},
                   {"column_sum_at_departure", v.column_sum_at_departure},
                   {"column_sum_spacing_at_departure", v.column_sum_spacing_at_departure},
                   {"data_drift_at_departure", v.data_drift_at_departure},
                   {"spread_drift_at_departure", v.spread_drift_at_departure},
                   {"last_agreeing_step_spread_drift", v.last_agreeing_step_spread_drift}});
  }
  return result;
}

json to_json(const WeightsResults& w) {
  const WeightDecayDescent& run = w.descent;
  const json l2 = {{"weight_decay", run.weight_decay},
                   {"learning_rate", run.learning_rate},
                   {"shrink_factor", run.shrink_factor},
                   {"ols", run.ols},
                   {"ridge", run.ridge},
                   {"final_weights", run.trajectory.back()},
                   {"steps", run.steps},
                   {"final_error", run.final_error},
                   {"max_update_deviation", run.max_update_deviation},
                   {"ratio_to_ols", w.ridge_ratio_to_ols},
                   {"column_cosine", w.column_cosine},
                   {"ols_norm", w.trajectory_norms.front()},
                   {"final_norm", w.trajectory_norms.back()},
                   {"norm_never_increases", w.norm_never_increases},
                   {"data_unchanged", w.data_unchanged}};
  const json dropout = {
      {"retain_prob", w.dropout.retain_prob},    {"gamma_squared", w.gamma_squared},
      {"penalties", w.dropout.penalties},        {"deployed", w.dropout.deployed},
      {"ridge_with_penalties", w.dropout.ridge}, {"max_difference", w.dropout.max_difference},
      {"deployed_norm", w.deployed_norm},        {"ratio_to_ols", w.deployed_ratio_to_ols}};
  const Regression& problem = w.regression;
  return {{"regression",
           {{"X", problem.X},
            {"y", problem.y},
            {"base_weights", problem.base_weights},
            {"perturbation", problem.perturbation}}},
          {"l2", l2},
          {"dropout", dropout}};
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
