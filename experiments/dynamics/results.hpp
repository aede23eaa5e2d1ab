// The typed results of the dynamics experiment: what each part computes (section_*.cpp), what
// the claims are decided from (claims.cpp), what the report formats (report.cpp) and what
// summary.json holds (summary.cpp, one to_json per struct).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/dataset.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/settings.hpp"

namespace dynamics {

using experiments::LineFit;
using experiments::MeanSe;

// A Monte Carlo estimate (mean ± SE) against its exact value.
struct VersusExact {
  MeanSe measured;
  double exact = 0;
  double z() const { return measured.z(exact); }
};

// The last iterate's stall between two learning rates: the RMS ratio √(msq₁/msq₂), its SE by the
// delta method, the exact ratio, and √(lr₁/lr₂), which the ratio approaches for small lr.
struct StallRatio {
  double measured = 0, se = 0, exact = 0, sqrt_lr_ratio = 0;
  double z() const { return (measured - exact) / se; }
};
StallRatio stall_ratio(const VersusExact& large, const VersusExact& small, double lr_large,
                       double lr_small);

// The fast loop against the project's nn/optim stack over the first steps, same draws.
struct NnCheck {
  std::size_t steps = 0;
  double max_abs_difference = 0;
};

// 1. Per-sample dropout SGD at one learning rate, against w* (section_sgd.cpp).
struct SgdAtLr {
  double lr = 0, mean_rate = 0, second_moment_rate = 0;
  // At each checkpoint K: RMS over the runs of ||w_K − w*|| and ||w̄_K − w*|| with their SEs,
  // the closed form √(tr Σ∞/K), and the averaged iterate's squared start-up bias.
  std::vector<double> last_error, last_error_se, averaged_error, averaged_error_se;
  std::vector<double> averaged_error_predicted, averaged_bias_sq;
  double fit_K_min = 0, fit_K_max = 0;          // the checkpoints past the start-up bias
  LineFit averaged_fit, last_fit;               // log-log, through the RMS curves
  MeanSe averaged_slope_runs, last_slope_runs;  // the runs' own slopes
  VersusExact stationary_msq;                   // ||w_k − w*||² in the late window vs tr M
  VersusExact long_run_trace;                   // tr Σ∞ from batch means
  VersusExact final_scaled_msq;  // K_max·||w̄ − w*||² vs tr Σ∞ + K_max·bias²
};
struct SgdResult {
  double retain_prob = 0;
  std::vector<double> w_star;
  double fixed_point_vs_w_star = 0;
  std::vector<std::size_t> K;
  std::size_t runs = 0, batches_per_run = 0, batch_length = 0;
  std::vector<SgdAtLr> by_lr;  // the larger learning rate first
  StallRatio rms_ratio;
  NnCheck nn_check;  // at the larger learning rate
};

// 1b. At and above the stability bound of the second moments (section_stability.cpp).
inline constexpr double kDivergedError = 1e6;  // ||w − w*|| above this counts as diverged
struct BlowUpAtLr {
  double lr = 0, lr_over_bound = 0, second_moment_rate = 0, mean_rate = 0;
  std::size_t diverged_runs = 0;
  std::optional<double> median_final_log10_error;  // of the runs that did not diverge
};
struct StabilityResult {
  double lr_bound = 0;        // the largest lr whose second moments converge
  double mean_lr_bound = 0;   // 2/λ_max(H): where the mean stops converging
  double plain_lr_bound = 0;  // the bound of plain SGD (no dropout) on the same rows
  double lr_large_over_bound = 0;
  std::size_t steps = 0, runs = 0;
  std::vector<BlowUpAtLr> by_lr;
};

// 1b. Rows in the post's fixed order: the averaged iterate's bias at two learning rates.
struct FixedOrderResult {
  std::vector<double> lr;
  std::size_t steps = 0, runs = 0;
  std::vector<double> bias_norm, bias_norm_se;
  double bias_ratio = 0, bias_ratio_se = 0, lr_ratio = 0;
};

// 1b. Weight-decay SGD without dropout stalls too, at two learning rates.
struct WeightDecayStallResult {
  double weight_decay = 0;
  std::vector<double> lr;
  std::size_t steps = 0, runs = 0;
  std::vector<VersusExact> stationary_msq;
  StallRatio rms_ratio;
};

// 2. Clara et al.'s full-batch dropout GD at one step size α (section_clara.cpp).
struct ClaraAtAlpha {
  double alpha = 0, mean_rate = 0, second_moment_rate = 0;
  std::size_t steps = 0;
  std::vector<double> exact_variance, chain_variance, chain_variance_se, chain_variance_z;
  std::vector<double> chain_mean, chain_mean_se, chain_mean_z;
  double exact_total_variance = 0;
};
struct ClaraSimplified {  // the scheme without the mask in the residual
  std::vector<double> ols;
  double fixed_point_vs_ols = 0, exact_stationary_trace = 0, second_moment_rate = 0, alpha = 0;
  std::size_t steps = 0, chains = 0;
  double max_error_to_ols = 0;
};
struct ClaraResult {
  double retain_prob = 0, lambda_max = 0;
  std::vector<double> beta_tilde;
  double beta_tilde_vs_srivastava_minimiser = 0;
  std::size_t chains = 0;
  std::vector<ClaraAtAlpha> by_alpha;  // α = factor/λ_max, then halved
  double mean_path_final_error = 0;
  ClaraSimplified simplified;
};

// 3. Weight decay 2q/(1−q) against inverted dropout q (section_equivalence.cpp).
struct MethodEstimate {
  std::vector<double> averaged, se, z;  // the tail average against the ridge solution
  VersusExact long_run_trace, stationary_msq;
  double second_moment_rate = 0;
};
struct EquivalencePair {
  double drop_prob = 0, weight_decay = 0, ridge_penalty = 0;
  std::vector<double> ridge;
  MethodEstimate dropout, weight_decay_sgd;
  // Dropout's extra gradient noise: its long-run covariance over weight decay's.
  double noise_ratio() const {
    return dropout.long_run_trace.measured.mean / weight_decay_sgd.long_run_trace.measured.mean;
  }
  double exact_noise_ratio() const {
    return dropout.long_run_trace.exact / weight_decay_sgd.long_run_trace.exact;
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
  double delta = 0, s = 0, exact = 0, quadratic = 0;
  double ratio() const { return quadratic / exact; }
};
struct WagerSmallS {
  double delta = 0;
  std::vector<double> s, relative_error, doubling_ratio;
  double slope = 0;  // log-log, of the relative error against s
};
struct WagerResult {
  std::vector<double> beta0;
  std::vector<WagerCell> table;  // δ major, s minor
  std::vector<WagerSmallS> small_s;
};

struct Results {
  SgdResult sgd;
  StabilityResult stability;
  FixedOrderResult fixed_order;
  WeightDecayStallResult weight_decay_stall;
  ClaraResult clara;
  EquivalenceResult equivalence;
  WagerResult wager;
};

// How the parts run their independent tasks: on the settings' threads, with a progress line.
inline experiments::ParallelOptions tasks(const Settings& settings, const char* label) {
  experiments::ParallelOptions options;
  options.threads = settings.threads;
  options.label = label;
  return options;
}

// The parts; each writes its CSV tables into `out`.
SgdResult measure_sgd(const Settings& settings, const experiments::Output& out);
StabilityResult measure_stability(const Settings& settings);
FixedOrderResult measure_fixed_order(const Settings& settings);
WeightDecayStallResult measure_weight_decay_stall(const Settings& settings);
ClaraResult measure_clara(const Settings& settings, const experiments::Output& out);
EquivalenceResult measure_equivalence(const Settings& settings, const experiments::Output& out);
WagerResult measure_wager(const experiments::Output& out);

// Design A with standardised columns (ddof 0) and centred target (the weight-decay rows).
datasets::Dataset standardised_design_A();
// On it, with MSE, PyTorch's weight decay wd matches inverted input dropout q when
// wd = 2q/(1−q), i.e. q = wd/(2 + wd) (section_equivalence.cpp).
double weight_decay_for(double drop_prob);
double drop_prob_for(double weight_decay);

// summary.json (summary.cpp).
nlohmann::json to_json(const SgdResult& sgd);
nlohmann::json to_json(const StabilityResult& stability);
nlohmann::json to_json(const FixedOrderResult& fixed_order);
nlohmann::json to_json(const WeightDecayStallResult& stall);
nlohmann::json to_json(const ClaraResult& clara);
nlohmann::json to_json(const EquivalenceResult& equivalence);
nlohmann::json config_json(const Settings& settings);
// Every part under its key: "sgd", "sgd_stability", …, "wager", "wager_small_s", "wager_beta0".
nlohmann::json results_json(const Results& results);

}  // namespace dynamics
