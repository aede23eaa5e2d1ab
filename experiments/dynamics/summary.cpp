// summary.json of the dynamics experiment: one to_json per typed result (results.hpp). The keys
// are the ones readers outside (and the run test) use; the report reads the typed results.
#include <cmath>

#include "experiments/dynamics/results.hpp"

namespace dynamics {

using nlohmann::json;

namespace {

// The member `field` of every item, as one JSON array (one entry per learning rate, per α…).
template <class T, class Field>
json each(const std::vector<T>& items, Field T::*field) {
  json array = json::array();
  for (const T& item : items) array.push_back(item.*field);
  return array;
}

json to_json(const SgdAtLr& r) {
  return {{"lr", r.lr},
          {"mean_rate", r.mean_rate},
          {"second_moment_rate", r.second_moment_rate},
          {"fit_K_min", r.fit_K_min},
          {"fit_K_max", r.fit_K_max},
          {"fit_points", r.averaged_fit.points},
          {"averaged_slope", r.averaged_fit.slope},
          {"last_slope", r.last_fit.slope},
          {"averaged_slope_runs_mean", r.averaged_slope_runs.mean},
          {"averaged_slope_runs_se", r.averaged_slope_runs.se},
          {"last_slope_runs_mean", r.last_slope_runs.mean},
          {"last_slope_runs_se", r.last_slope_runs.se},
          {"exact_stationary_msq", r.stationary_msq.exact},
          {"stationary_msq", r.stationary_msq.measured.mean},
          {"stationary_msq_se", r.stationary_msq.measured.se},
          {"stationary_z", r.stationary_msq.z()},
          {"stationary_rms", std::sqrt(r.stationary_msq.measured.mean)},
          {"exact_stationary_rms", std::sqrt(r.stationary_msq.exact)},
          {"exact_long_run_trace", r.long_run_trace.exact},
          {"long_run_trace", r.long_run_trace.measured.mean},
          {"long_run_trace_se", r.long_run_trace.measured.se},
          {"long_run_z", r.long_run_trace.z()},
          {"final_scaled_msq", r.final_scaled_msq.measured.mean},
          {"final_scaled_msq_se", r.final_scaled_msq.measured.se},
          {"final_scaled_msq_predicted", r.final_scaled_msq.exact},
          {"final_scaled_z", r.final_scaled_msq.z()}};
}

json to_json(const BlowUpAtLr& r) {
  return {{"lr", r.lr},
          {"lr_over_bound", r.lr_over_bound},
          {"second_moment_rate", r.second_moment_rate},
          {"mean_rate", r.mean_rate},
          {"diverged_runs", r.diverged_runs},
          {"median_final_log10_error_of_the_others",
           r.median_final_log10_error ? json(*r.median_final_log10_error) : json(nullptr)}};
}

json to_json(const MethodEstimate& e) {
  return {{"averaged", e.averaged},
          {"se", e.se},
          {"z", e.z},
          {"long_run_trace", e.long_run_trace.measured.mean},
          {"long_run_trace_se", e.long_run_trace.measured.se},
          {"exact_long_run_trace", e.long_run_trace.exact},
          {"stationary_msq", e.stationary_msq.measured.mean},
          {"stationary_msq_se", e.stationary_msq.measured.se},
          {"exact_stationary_msq", e.stationary_msq.exact},
          {"second_moment_rate", e.second_moment_rate}};
}

json to_json(const EquivalencePair& p) {
  return {{"drop_prob", p.drop_prob},         {"weight_decay", p.weight_decay},
          {"ridge_penalty", p.ridge_penalty}, {"ridge", p.ridge},
          {"dropout", to_json(p.dropout)},    {"weight_decay_sgd", to_json(p.weight_decay_sgd)}};
}

json to_json(const ClaraSimplified& r) {
  return {{"ols", r.ols},
          {"fixed_point_vs_ols", r.fixed_point_vs_ols},
          {"exact_stationary_trace", r.exact_stationary_trace},
          {"second_moment_rate", r.second_moment_rate},
          {"steps", r.steps},
          {"chains", r.chains},
          {"alpha", r.alpha}};
}

template <class T>
json array_of(const std::vector<T>& items) {
  json array = json::array();
  for (const T& item : items) array.push_back(to_json(item));
  return array;
}

}  // namespace

json to_json(const SgdResult& sgd) {
  return {{"retain_prob", sgd.retain_prob},
          {"w_star", sgd.w_star},
          {"fixed_point_vs_w_star", sgd.fixed_point_vs_w_star},
          {"lr", each(sgd.by_lr, &SgdAtLr::lr)},
          {"K", sgd.K},
          {"runs", sgd.runs},
          {"batches_per_run", sgd.batches_per_run},
          {"batch_length", sgd.batch_length},
          {"last_error", each(sgd.by_lr, &SgdAtLr::last_error)},
          {"last_error_se", each(sgd.by_lr, &SgdAtLr::last_error_se)},
          {"averaged_error", each(sgd.by_lr, &SgdAtLr::averaged_error)},
          {"averaged_error_se", each(sgd.by_lr, &SgdAtLr::averaged_error_se)},
          {"averaged_error_predicted", each(sgd.by_lr, &SgdAtLr::averaged_error_predicted)},
          {"averaged_bias_sq", each(sgd.by_lr, &SgdAtLr::averaged_bias_sq)},
          {"slope", {sgd.by_lr[0].averaged_fit.slope, sgd.by_lr[1].averaged_fit.slope}},
          {"by_lr", array_of(sgd.by_lr)},
          {"rms_ratio",
           {{"measured", sgd.rms_ratio.measured},
            {"se", sgd.rms_ratio.se},
            {"exact", sgd.rms_ratio.exact},
            {"sqrt_lr_ratio", sgd.rms_ratio.sqrt_lr_ratio},
            {"z_vs_exact", sgd.rms_ratio.z()}}},
          {"nn_check",
           {{"steps", sgd.nn_check.steps},
            {"lr", sgd.by_lr[0].lr},
            {"max_abs_difference", sgd.nn_check.max_abs_difference}}}};
}

json to_json(const StabilityResult& r) {
  return {
      {"sampling", "a row drawn uniformly with replacement at every step (the post: fixed order)"},
      {"second_moment_lr_bound", r.lr_bound},
      {"mean_lr_bound", r.mean_lr_bound},
      {"plain_sgd_second_moment_lr_bound", r.plain_lr_bound},
      {"lr_large_over_bound", r.lr_large_over_bound},
      {"steps", r.steps},
      {"runs", r.runs},
      {"diverged_error", kDivergedError},
      {"by_lr", array_of(r.by_lr)}};
}

json to_json(const FixedOrderResult& r) {
  return {{"order", "rows 0, 1, ..., N-1 in turn, as the post's DataLoader without shuffling"},
          {"lr", r.lr},
          {"steps", r.steps},
          {"runs", r.runs},
          {"averaged_bias_norm", r.bias_norm},
          {"averaged_bias_norm_se", r.bias_norm_se},
          {"bias_z", {r.bias_norm[0] / r.bias_norm_se[0], r.bias_norm[1] / r.bias_norm_se[1]}},
          {"bias_ratio", r.bias_ratio},
          {"bias_ratio_se", r.bias_ratio_se},
          {"lr_ratio", r.lr_ratio}};
}

json to_json(const WeightDecayStallResult& r) {
  json rms = json::array(), exact_rms = json::array(), se = json::array(), z = json::array();
  for (const VersusExact& msq : r.stationary_msq) {
    rms.push_back(std::sqrt(msq.measured.mean));
    exact_rms.push_back(std::sqrt(msq.exact));
    se.push_back(msq.measured.se);
    z.push_back(msq.z());
  }
  return {{"design", "design A standardised, MSE, no dropout"},
          {"weight_decay", r.weight_decay},
          {"lr", r.lr},
          {"steps", r.steps},
          {"runs", r.runs},
          {"stationary_rms", rms},
          {"exact_stationary_rms", exact_rms},
          {"stationary_msq_se", se},
          {"stationary_z", z},
          {"rms_ratio", r.rms_ratio.measured},
          {"rms_ratio_se", r.rms_ratio.se},
          {"exact_rms_ratio", r.rms_ratio.exact},
          {"sqrt_lr_ratio", r.rms_ratio.sqrt_lr_ratio}};
}

json to_json(const ClaraResult& clara) {
  return {{"retain_prob", clara.retain_prob},
          {"beta_tilde", clara.beta_tilde},
          {"beta_tilde_vs_srivastava_minimiser", clara.beta_tilde_vs_srivastava_minimiser},
          {"lambda_max", clara.lambda_max},
          {"alpha", each(clara.by_alpha, &ClaraAtAlpha::alpha)},
          {"chains", clara.chains},
          {"steps", each(clara.by_alpha, &ClaraAtAlpha::steps)},
          {"mean_rate", each(clara.by_alpha, &ClaraAtAlpha::mean_rate)},
          {"second_moment_rate", each(clara.by_alpha, &ClaraAtAlpha::second_moment_rate)},
          {"exact_variance", each(clara.by_alpha, &ClaraAtAlpha::exact_variance)},
          {"chain_variance", each(clara.by_alpha, &ClaraAtAlpha::chain_variance)},
          {"chain_variance_se", each(clara.by_alpha, &ClaraAtAlpha::chain_variance_se)},
          {"chain_variance_z", each(clara.by_alpha, &ClaraAtAlpha::chain_variance_z)},
          {"chain_mean", each(clara.by_alpha, &ClaraAtAlpha::chain_mean)},
          {"chain_mean_se", each(clara.by_alpha, &ClaraAtAlpha::chain_mean_se)},
          {"chain_mean_z", each(clara.by_alpha, &ClaraAtAlpha::chain_mean_z)},
          {"exact_total_variance", each(clara.by_alpha, &ClaraAtAlpha::exact_total_variance)},
          {"mean_path_final_error", clara.mean_path_final_error},
          {"simplified_max_error_to_ols", clara.simplified.max_error_to_ols},
          {"simplified", to_json(clara.simplified)}};
}

json to_json(const EquivalenceResult& eq) {
  return {{"wd_for_q_half", eq.wd_for_q_half},
          {"q_for_wd_0_2", eq.q_for_wd_0_2},
          {"max_difference", eq.max_difference},
          {"max_abs_z", eq.max_abs_z},
          {"fixed_points_vs_ridge", eq.fixed_points_vs_ridge},
          {"column_norm_sq_vs_N", eq.column_norm_sq_vs_N},
          {"lr", eq.lr},
          {"steps", eq.steps},
          {"runs", eq.runs},
          {"batch_length", eq.batch_length},
          {"post_pair_ridge_distance", eq.post_pair_ridge_distance},
          {"pairs", array_of(eq.pairs)},
          {"nn_check",
           {{"steps", eq.nn_check.steps}, {"max_abs_difference", eq.nn_check.max_abs_difference}}}};
}

json config_json(const Settings& s) {
  // No thread count: the summary must not depend on it.
  return {{"seed", s.seed},
          {"quick", s.quick},
          {"sgd_retain_prob", s.sgd_retain_prob},
          {"lr", {s.lr_large, s.lr_small}},
          {"sgd_steps", s.sgd_steps},
          {"sgd_runs", s.sgd_runs},
          {"nn_check_steps", s.nn_check_steps},
          {"clara_retain_prob", s.clara_retain_prob},
          {"clara_alpha_factor", s.clara_alpha_factor},
          {"clara_alphas", s.clara_alphas},
          {"clara_chains", s.clara_chains},
          {"equivalence_lr", s.equivalence_lr},
          {"equivalence_steps", s.equivalence_steps},
          {"equivalence_runs", s.equivalence_runs},
          {"batches_per_run", s.batches_per_run}};
}

json results_json(const Results& r) {
  json table = json::array(), small_s = json::array();
  for (const WagerCell& c : r.wager.table) {
    table.push_back({{"delta", c.delta},
                     {"s", c.s},
                     {"exact", c.exact},
                     {"quadratic", c.quadratic},
                     {"ratio", c.ratio()}});
  }
  for (const WagerSmallS& row : r.wager.small_s) {
    small_s.push_back({{"delta", row.delta},
                       {"s", row.s},
                       {"relative_error", row.relative_error},
                       {"doubling_ratio", row.doubling_ratio},
                       {"slope", row.slope}});
  }
  return {{"sgd", to_json(r.sgd)},
          {"sgd_stability", to_json(r.stability)},
          {"sgd_fixed_order", to_json(r.fixed_order)},
          {"weight_decay_stall", to_json(r.weight_decay_stall)},
          {"clara", to_json(r.clara)},
          {"equivalence", to_json(r.equivalence)},
          {"wager", table},
          {"wager_small_s", small_s},
          {"wager_beta0", r.wager.beta0}};
}

}  // namespace dynamics
