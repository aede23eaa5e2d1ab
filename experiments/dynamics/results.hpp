// The typed results of the dynamics experiment: what each part computes (section_*.cpp), what
// the claims are decided from (claims.cpp) and what the report formats (report.cpp, the CSV
// tables of tables.cpp). Each struct is its part of summary.json, member for key:
// NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE writes its to_json, so a name in the code is the name a
// reader of summary.json sees. Two members are tables only, left out of summary.json (they are
// its CSVs): the Clara mean path and the Wager curve.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/dataset.hpp"
#include "experiments/common/json.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/dynamics/settings.hpp"

namespace dynamics {

using Curves = std::vector<std::vector<double>>;  // one curve per learning rate (or per α)

// The fast loop against the project's nn/optim stack over the first steps, same draws.
struct NnCheck {
  std::size_t steps = 0;
  double lr = 0, max_abs_difference = 0;
};

// Where the last iterate stalls at learning rate lr: the late window's mean ||w − target||² ± SE,
// and the exact tr M.
struct StallLevel {
  double lr, msq, msq_se, exact_msq;
};
// The stall between two learning rates: the RMS ratio √(msq₁/msq₂), its SE by the delta method,
// the exact ratio, and √(lr₁/lr₂), which the ratio approaches for small lr.
struct RmsRatio {
  double measured = 0, se = 0, exact = 0, sqrt_lr_ratio = 0, z_vs_exact = 0;
};
RmsRatio rms_ratio(const StallLevel& large, const StallLevel& small);

// 1. Per-sample dropout SGD at one learning rate, against w* (section_sgd.cpp).
struct SgdAtLr {
  double lr = 0, mean_rate = 0, second_moment_rate = 0;
  double fit_K_min = 0, fit_K_max = 0;  // the checkpoints past the start-up bias
  std::size_t fit_points = 0;
  // log-log slopes of the RMS curves over the fit range, and the runs' own slopes (mean ± SE)
  double averaged_slope = 0, last_slope = 0;
  double averaged_slope_runs_mean = 0, averaged_slope_runs_se = 0;
  double last_slope_runs_mean = 0, last_slope_runs_se = 0;
  // ||w_k − w*||² over the late window against tr M
  double stationary_msq = 0, stationary_msq_se = 0, exact_stationary_msq = 0, stationary_z = 0;
  double stationary_rms = 0, exact_stationary_rms = 0;
  // tr Σ∞ from batch means against the exact long-run covariance
  double long_run_trace = 0, long_run_trace_se = 0, exact_long_run_trace = 0, long_run_z = 0;
  // K_max·||w̄ − w*||² across runs against tr Σ∞ + K_max·bias²
  double final_scaled_msq = 0, final_scaled_msq_se = 0, final_scaled_msq_predicted = 0;
  double final_scaled_z = 0;
};
struct SgdResult {
  double retain_prob = 0;
  std::vector<double> w_star;
  double fixed_point_vs_w_star = 0;
  std::vector<double> lr;  // the larger first
  std::vector<std::size_t> K;
  std::size_t runs = 0, batches_per_run = 0, batch_length = 0;
  // At each checkpoint K: RMS over the runs of ||w_K − w*|| and ||w̄_K − w*||, their SEs, the
  // closed form √(tr Σ∞/K), and the averaged iterate's squared start-up bias.
  Curves last_error, last_error_se, averaged_error, averaged_error_se, averaged_error_predicted;
  Curves averaged_bias_sq;
  std::vector<double> slope;  // the averaged iterate's, per learning rate
  std::vector<SgdAtLr> by_lr;
  RmsRatio rms_ratio;
  NnCheck nn_check;
};

// 1b. At and above the stability bound of the second moments (section_stability.cpp).
inline constexpr double kDivergedError = 1e6;  // ||w − w*|| above this counts as diverged
struct BlowUpAtLr {
  double lr = 0, lr_over_bound = 0, second_moment_rate = 0, mean_rate = 0;
  std::size_t diverged_runs = 0;
  // log10 ||w − w*|| at the end, of the runs that did not diverge (NaN, null in JSON: none)
  double median_final_log10_error_of_the_others = std::numeric_limits<double>::quiet_NaN();
};
struct StabilityResult {
  std::string sampling =
      "a row drawn uniformly with replacement at every step (the post: fixed order)";
  double second_moment_lr_bound = 0;            // the largest lr whose second moments converge
  double mean_lr_bound = 0;                     // 2/λ_max(H): where the mean stops converging
  double plain_sgd_second_moment_lr_bound = 0;  // the same bound without dropout
  double lr_large_over_bound = 0;
  std::size_t steps = 0, runs = 0;
  double diverged_error = kDivergedError;
  std::vector<BlowUpAtLr> by_lr;
};

// 1b. Rows in the post's fixed order: the averaged iterate's bias at two learning rates.
struct FixedOrderResult {
  std::string order = "rows 0, 1, ..., N-1 in turn, as the post's DataLoader without shuffling";
  std::vector<double> lr;
  std::size_t steps = 0, runs = 0;
  std::vector<double> averaged_bias_norm, averaged_bias_norm_se, bias_z;
  double bias_ratio = 0, bias_ratio_se = 0, lr_ratio = 0;
};

// 1b. Weight-decay SGD without dropout stalls too, at two learning rates.
struct WeightDecayStallResult {
  std::string design = "design A standardised, MSE, no dropout";
  double weight_decay = 0;
  std::vector<double> lr;
  std::size_t steps = 0, runs = 0;
  std::vector<double> stationary_rms, exact_stationary_rms, stationary_msq_se, stationary_z;
  double rms_ratio = 0, rms_ratio_se = 0, exact_rms_ratio = 0, sqrt_lr_ratio = 0;
};

// 2. Clara et al.'s full-batch dropout GD (section_clara.cpp); per step size α, and the
// simplified scheme without the mask in the residual.
// The mean over the chains against the exact mean path E[β_k] − β̃ = C^k·(β_0 − β̃), C = I − α·H,
// at every step k = 0 … steps of the first α (clara_mean_path.csv; not in summary.json).
struct ClaraMeanPath {
  std::vector<double> chain_mean_error_norm;  // ||mean over chains of β_k − β̃||
  std::vector<double> exact_mean_error_norm;  // ||C^k·(β_0 − β̃)||
  // The floor the chains' mean cannot beat: its own standard error, √(tr M_k / chains) ≤
  // √(tr M / chains) once stationary.
  double chain_mean_se_floor = 0;
};
struct ClaraSimplified {
  std::vector<double> ols;
  double fixed_point_vs_ols = 0, exact_stationary_trace = 0, second_moment_rate = 0;
  std::size_t steps = 0, chains = 0;
  double alpha = 0;
};
struct ClaraResult {
  double retain_prob = 0;
  std::vector<double> beta_tilde;
  double beta_tilde_vs_srivastava_minimiser = 0, lambda_max = 0;
  std::vector<double> alpha;  // factor/λ_max, then halved
  std::size_t chains = 0;
  std::vector<std::size_t> steps;
  std::vector<double> mean_rate, second_moment_rate;
  // Per α, per coordinate: the stationary variance, exact and of the chains, and their mean.
  Curves exact_variance, chain_variance, chain_variance_se, chain_variance_z;
  Curves chain_mean, chain_mean_se, chain_mean_z;
  std::vector<double> exact_total_variance;
  double mean_path_final_error = 0, simplified_max_error_to_ols = 0;
  ClaraSimplified simplified;
  ClaraMeanPath mean_path;  // a table, not in summary.json (mean_path_final_error is its end)
};

// 3. Weight decay 2q/(1−q) against inverted dropout q (section_equivalence.cpp).
struct MethodEstimate {
  std::vector<double> averaged, se, z;  // the tail average against the ridge solution
  double long_run_trace = 0, long_run_trace_se = 0, exact_long_run_trace = 0;
  double stationary_msq = 0, stationary_msq_se = 0, exact_stationary_msq = 0;
  double second_moment_rate = 0;
};
struct EquivalencePair {
  double drop_prob = 0, weight_decay = 0, ridge_penalty = 0;
  std::vector<double> ridge;
  MethodEstimate dropout, weight_decay_sgd;
  // Dropout's extra gradient noise: its long-run covariance over weight decay's.
  double noise_ratio() const { return dropout.long_run_trace / weight_decay_sgd.long_run_trace; }
  double exact_noise_ratio() const {
    return dropout.exact_long_run_trace / weight_decay_sgd.exact_long_run_trace;
  }
};
struct EquivalenceResult {
  double wd_for_q_half = 0, q_for_wd_0_2 = 0;
  double max_difference = 0, max_abs_z = 0, fixed_points_vs_ridge = 0, column_norm_sq_vs_N = 0;
  double lr = 0;
  std::size_t steps = 0, runs = 0, batch_length = 0;
  double post_pair_ridge_distance = 0;
  std::vector<EquivalencePair> pairs;  // q = 0.5, then the post's weight decay 0.2
  NnCheck nn_check;
};

// 4. The logistic dropout penalty, exact and quadratic, on design C (section_wager.cpp).
struct WagerCell {
  double delta = 0, s = 0, exact = 0, quadratic = 0, ratio = 0;  // ratio: quadratic ÷ exact
};
struct WagerSmallS {
  double delta = 0;
  std::vector<double> s, relative_error, doubling_ratio;
  double slope = 0;  // log-log, of the relative error against s
};
struct WagerResult {
  std::vector<WagerCell> table;      // summary.json's "wager": δ major, s minor
  std::vector<WagerSmallS> small_s;  // "wager_small_s", one per δ
  std::vector<double> beta0;         // "wager_beta0"
  // The figure's curve (wager_curve.csv; not in summary.json): per scale s of its grid, one
  // cell per δ of the table, in the table's order.
  std::vector<std::vector<WagerCell>> curve;
};

// Everything but the config and the claims, under summary.json's keys.
struct Results {
  SgdResult sgd;
  StabilityResult sgd_stability;
  FixedOrderResult sgd_fixed_order;
  WeightDecayStallResult weight_decay_stall;
  ClaraResult clara;
  EquivalenceResult equivalence;
  WagerResult wager;  // its keys wager, wager_small_s and wager_beta0 at the top level
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NnCheck, steps, lr, max_abs_difference)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RmsRatio, measured, se, exact, sqrt_lr_ratio, z_vs_exact)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SgdAtLr, lr, mean_rate, second_moment_rate, fit_K_min, fit_K_max,
                                   fit_points, averaged_slope, last_slope, averaged_slope_runs_mean,
                                   averaged_slope_runs_se, last_slope_runs_mean, last_slope_runs_se,
                                   stationary_msq, stationary_msq_se, exact_stationary_msq,
                                   stationary_z, stationary_rms, exact_stationary_rms,
                                   long_run_trace, long_run_trace_se, exact_long_run_trace,
                                   long_run_z, final_scaled_msq, final_scaled_msq_se,
                                   final_scaled_msq_predicted, final_scaled_z)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SgdResult, retain_prob, w_star, fixed_point_vs_w_star, lr, K,
                                   runs, batches_per_run, batch_length, last_error, last_error_se,
                                   averaged_error, averaged_error_se, averaged_error_predicted,
                                   averaged_bias_sq, slope, by_lr, rms_ratio, nn_check)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BlowUpAtLr, lr, lr_over_bound, second_moment_rate, mean_rate,
                                   diverged_runs, median_final_log10_error_of_the_others)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StabilityResult, sampling, second_moment_lr_bound, mean_lr_bound,
                                   plain_sgd_second_moment_lr_bound, lr_large_over_bound, steps,
                                   runs, diverged_error, by_lr)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FixedOrderResult, order, lr, steps, runs, averaged_bias_norm,
                                   averaged_bias_norm_se, bias_z, bias_ratio, bias_ratio_se,
                                   lr_ratio)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WeightDecayStallResult, design, weight_decay, lr, steps, runs,
                                   stationary_rms, exact_stationary_rms, stationary_msq_se,
                                   stationary_z, rms_ratio, rms_ratio_se, exact_rms_ratio,
                                   sqrt_lr_ratio)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ClaraSimplified, ols, fixed_point_vs_ols, exact_stationary_trace,
                                   second_moment_rate, steps, chains, alpha)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ClaraResult, retain_prob, beta_tilde,
                                   beta_tilde_vs_srivastava_minimiser, lambda_max, alpha, chains,
                                   steps, mean_rate, second_moment_rate, exact_variance,
                                   chain_variance, chain_variance_se, chain_variance_z, chain_mean,
                                   chain_mean_se, chain_mean_z, exact_total_variance,
                                   mean_path_final_error, simplified_max_error_to_ols, simplified)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MethodEstimate, averaged, se, z, long_run_trace,
                                   long_run_trace_se, exact_long_run_trace, stationary_msq,
                                   stationary_msq_se, exact_stationary_msq, second_moment_rate)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EquivalencePair, drop_prob, weight_decay, ridge_penalty, ridge,
                                   dropout, weight_decay_sgd)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EquivalenceResult, wd_for_q_half, q_for_wd_0_2, max_difference,
                                   max_abs_z, fixed_points_vs_ridge, column_norm_sq_vs_N, lr, steps,
                                   runs, batch_length, post_pair_ridge_distance, pairs, nn_check)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WagerCell, delta, s, exact, quadratic, ratio)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WagerSmallS, delta, s, relative_error, doubling_ratio, slope)
inline void to_json(nlohmann::json& json_object, const Results& r) {
  EXPERIMENTS_JSON_MEMBERS(json_object, r, sgd, sgd_stability, sgd_fixed_order, weight_decay_stall,
                           clara, equivalence);
  // Part 4's keys, at the top level where summary.json has always had them.
  json_object["wager"] = r.wager.table;
  json_object["wager_small_s"] = r.wager.small_s;
  json_object["wager_beta0"] = r.wager.beta0;
}

// Runs task(config, run) for every config and run, in parallel on the settings' threads with a
// progress line, and returns the results grouped by config (they never depend on the threads).
template <class T>
std::vector<std::vector<T>> run_grid(const Settings& settings, const char* label,
                                     std::size_t configs, std::size_t runs,
                                     const std::function<T(std::size_t, std::size_t)>& task) {
  std::vector<T> flat(configs * runs);
  experiments::ParallelOptions options;
  options.threads = settings.threads;
  options.label = label;
  experiments::parallel_for(
      flat.size(), [&](std::size_t t) { flat[t] = task(t / runs, t % runs); }, options);
  std::vector<std::vector<T>> grouped;
  for (auto group = flat.begin(); group != flat.end(); group += runs) {
    grouped.emplace_back(group, group + runs);
  }
  return grouped;
}

// The parts (their CSV tables are written from the results by write_tables, report.hpp).
SgdResult measure_sgd(const Settings& settings);
StabilityResult measure_stability(const Settings& settings);
FixedOrderResult measure_fixed_order(const Settings& settings);
WeightDecayStallResult measure_weight_decay_stall(const Settings& settings);
ClaraResult measure_clara(const Settings& settings);
EquivalenceResult measure_equivalence(const Settings& settings);
WagerResult measure_wager();

// Design A with standardised columns (ddof 0) and centred target (the weight-decay rows).
datasets::Dataset standardised_design_A();
// On it, with MSE, PyTorch's weight decay wd matches inverted input dropout q when
// wd = 2q/(1−q), i.e. q = wd/(2 + wd) (section_equivalence.cpp).
double weight_decay_for(double drop_prob);
double drop_prob_for(double weight_decay);

}  // namespace dynamics
