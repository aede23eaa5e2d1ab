// 1. Per-sample SGD with a fresh input-dropout mask each step, constant learning rate, against
// the minimiser w* of the marginalised loss (design A, the theorem's convention).
//
// The step is a random affine map (affine_recursion.hpp), so everything has a closed form:
//  * the mean of w_k converges to w* (the stationary mean is exactly w*, for any lr);
//  * the last iterate does not converge: its stationary covariance M solves
//    M = E[(I − lr·G)·M·(I − lr·G)ᵀ] + lr²·S (S = E[ζζᵀ], the gradient noise at w*), i.e.
//    lr·(H·M + M·H) = lr²·(S + E[G·M·G]): M = lr·M₁ + O(lr²) with H·M₁ + M₁·H = S, so the RMS
//    error √tr(M) is ∝ √lr for small lr;
//  * the Polyak–Ruppert average w̄_K has K·E||w̄_K − w*||² → tr Σ∞ (long-run covariance), an
//    error ∝ 1/√K, plus a transient bias from the start w_0 = 0 that decays like 1/K.
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/regression.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/common/to_vector.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/results.hpp"
#include "experiments/dynamics/sgd_runs.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

namespace {

// ||E[w̄_K] − w*||² from w_0 = 0: E[e_k] = C^k·e_0 with C = I − lr·H, e_0 = −w*, so
// E[ē_K] = (1/K)·Σ_{k=1..K} C^k·e_0 = V·diag(c(1 − c^K)/((1 − c)·K))·Vᵀ·e_0, c = 1 − lr·λ over
// the eigenpairs (λ, V) of the symmetric H.
std::vector<double> transient_bias_sq(const AffineRecursion& recursion, Scalar lr,
                                      const Array& w_star, const std::vector<std::size_t>& K) {
  const auto [eigenvalues, eigenvectors] = linalg::eigh(recursion.mean_G());
  const Array start_error_in_basis = linalg::transpose_dot(eigenvectors, -w_star);
  std::vector<double> bias_sq;
  for (const std::size_t steps : K) {
    const double k = static_cast<double>(steps);
    double squared = 0;  // V is orthogonal: the norm is the same in the eigenbasis
    for (std::size_t i = 0; i < eigenvalues.size(); ++i) {
      const double c = 1 - lr * eigenvalues(i);
      const double mean_factor = c * (1 - std::pow(c, k)) / ((1 - c) * k);
      squared += std::pow(mean_factor * start_error_in_basis(i), 2);
    }
    bias_sq.push_back(squared);
  }
  return bias_sq;
}

// The fraction of the averaged iterate's expected squared error allowed to be start-up bias in
// the slope fit. With MSE = v/K + b/K² and b/K = f·v, the local log-log slope of the RMS is
// −½·(1 + 2f)/(1 + f): at f = 5% within 0.025 of −½, and closer further on (f falls like 1/K).
constexpr double kFitBiasFraction = 0.05;

// Per-run slopes of log||·|| against log K over the fit range, as mean ± SE across the runs
// (independent, so the SE is honest). In the 1/√K regime ē_K ≈ N(0, Σ∞/K), so
// E[log||ē_K||] = −½·log K + const and the expected slope is exactly −½; for the last iterate,
// stationary, it is 0.
experiments::RunningMoments per_run_slopes(const std::vector<SgdRun>& runs,
                                           const std::vector<std::size_t>& fit_indices,
                                           const std::vector<std::size_t>& K, bool averaged) {
  experiments::RunningMoments slopes;
  for (const SgdRun& run : runs) {
    std::vector<double> x, y;
    for (const std::size_t c : fit_indices) {
      x.push_back(static_cast<double>(K[c]));
      y.push_back(std::sqrt(averaged ? run.averaged_sq_error[c] : run.last_sq_error[c]));
    }
    slopes.add(experiments::fit_loglog(x, y).slope);
  }
  return slopes;
}

// Root-mean-square over the runs of a squared error, with the delta-method SE
// se(√m) = se(m)/(2√m).
void add_rms(const experiments::RunningMoments& squares, std::vector<double>& rms,
             std::vector<double>& se) {
  rms.push_back(std::sqrt(squares.mean()));
  se.push_back(squares.mean_se() / (2 * rms.back()));
}

// One learning rate's RMS curves at every checkpoint (into `sgd`), and the log-log fits over
// the checkpoints whose start-up bias is at most kFitBiasFraction of the variance (into `r`).
void error_curves(SgdResult& sgd, SgdAtLr& r, const std::vector<SgdRun>& runs,
                  const std::vector<double>& bias_sq) {
  for (Curves* curves : {&sgd.last_error, &sgd.last_error_se, &sgd.averaged_error,
                         &sgd.averaged_error_se, &sgd.averaged_error_predicted}) {
    curves->emplace_back();
  }
  std::vector<double> fit_K, fit_averaged, fit_last;
  std::vector<std::size_t> fit_indices;
  for (std::size_t c = 0; c < sgd.K.size(); ++c) {
    experiments::RunningMoments last, averaged;
    for (const SgdRun& run : runs) {
      last.add(run.last_sq_error[c]);
      averaged.add(run.averaged_sq_error[c]);
    }
    add_rms(last, sgd.last_error.back(), sgd.last_error_se.back());
    add_rms(averaged, sgd.averaged_error.back(), sgd.averaged_error_se.back());
    const double variance_part = r.exact_long_run_trace / static_cast<double>(sgd.K[c]);
    sgd.averaged_error_predicted.back().push_back(std::sqrt(variance_part));
    if (bias_sq[c] <= kFitBiasFraction * variance_part) {
      fit_indices.push_back(c);
      fit_K.push_back(static_cast<double>(sgd.K[c]));
      fit_averaged.push_back(sgd.averaged_error.back().back());
      fit_last.push_back(sgd.last_error.back().back());
    }
  }
  if (fit_K.size() < 3) {
    throw std::runtime_error("dropout SGD at lr = " + std::to_string(r.lr) +
                             ": fewer than 3 checkpoints past the start-up bias; raise "
                             "--sgd-steps");
  }
  r.fit_K_min = fit_K.front();
  r.fit_K_max = fit_K.back();
  const experiments::LineFit averaged_fit = experiments::fit_loglog(fit_K, fit_averaged);
  r.fit_points = averaged_fit.points;
  r.averaged_slope = averaged_fit.slope;
  r.last_slope = experiments::fit_loglog(fit_K, fit_last).slope;
  const auto averaged_slopes = per_run_slopes(runs, fit_indices, sgd.K, true);
  const auto last_slopes = per_run_slopes(runs, fit_indices, sgd.K, false);
  r.averaged_slope_runs_mean = averaged_slopes.mean();
  r.averaged_slope_runs_se = averaged_slopes.mean_se();
  r.last_slope_runs_mean = last_slopes.mean();
  r.last_slope_runs_se = last_slopes.mean_se();
}

// Everything measured at one learning rate, against the closed forms.
void at_lr(SgdResult& sgd, const AffineRecursion& recursion, double lr, const Array& w_star,
           const std::vector<SgdRun>& runs) {
  SgdAtLr r;
  r.lr = lr;
  r.mean_rate = mean_rate(recursion, lr);
  r.second_moment_rate = second_moment_rate(recursion, lr);
  const Array M = stationary_covariance(recursion, lr);
  r.exact_stationary_msq = trace(M);
  r.exact_long_run_trace = trace(long_run_covariance(recursion, lr, M));
  const std::vector<double> bias_sq = transient_bias_sq(recursion, lr, w_star, sgd.K);
  error_curves(sgd, r, runs, bias_sq);
  // The stall level: the mean of ||w_k − w*||² over the late window, from batch means.
  const experiments::RunningMoments stationary = batch_sq_moments(runs, r.exact_stationary_msq);
  r.stationary_msq = stationary.mean();
  r.stationary_msq_se = stationary.mean_se();
  r.stationary_z = (r.stationary_msq - r.exact_stationary_msq) / r.stationary_msq_se;
  r.stationary_rms = std::sqrt(r.stationary_msq);
  r.exact_stationary_rms = std::sqrt(r.exact_stationary_msq);
  // The constant tr Σ∞ from the batch means of the late window: far steadier than the R values
  // of K·||w̄_K − w*||², whose distribution is skewed (a weighted χ² with D terms).
  const LongRunEstimate estimate = batch_means_long_run_trace(runs, sgd.batch_length);
  r.long_run_trace = estimate.trace;
  r.long_run_trace_se = estimate.se;
  r.long_run_z = (estimate.trace - r.exact_long_run_trace) / estimate.se;
  // K·||w̄_K − w*||² at K_max, across runs, against tr Σ∞ + K·bias².
  experiments::RunningMoments scaled_final;
  const double K_max = static_cast<double>(sgd.K.back());
  for (const SgdRun& run : runs) scaled_final.add(K_max * run.averaged_sq_error.back());
  r.final_scaled_msq = scaled_final.mean();
  r.final_scaled_msq_se = scaled_final.mean_se();
  r.final_scaled_msq_predicted = r.exact_long_run_trace + K_max * bias_sq.back();
  r.final_scaled_z = (r.final_scaled_msq - r.final_scaled_msq_predicted) / r.final_scaled_msq_se;
  sgd.averaged_bias_sq.push_back(bias_sq);
  sgd.slope.push_back(r.averaged_slope);
  sgd.by_lr.push_back(r);
}

}  // namespace

RmsRatio rms_ratio(const StallLevel& large, const StallLevel& small) {
  RmsRatio ratio;
  ratio.measured = std::sqrt(large.msq / small.msq);
  ratio.se = 0.5 * ratio.measured * std::hypot(large.msq_se / large.msq, small.msq_se / small.msq);
  ratio.exact = std::sqrt(large.exact_msq / small.exact_msq);
  ratio.sqrt_lr_ratio = std::sqrt(large.lr / small.lr);
  ratio.z_vs_exact = (ratio.measured - ratio.exact) / ratio.se;
  return ratio;
}

SgdResult measure_sgd(const Settings& s) {
  const datasets::Dataset design = datasets::design_A();
  const SgdSetup setup = srivastava_sgd(design.X, design.y, s.sgd_retain_prob);
  const Array w_star = dropout_ridge::srivastava_minimiser(design.X, design.y, s.sgd_retain_prob);
  const AffineRecursion recursion = sgd_recursion(setup);
  SgdResult sgd;
  sgd.retain_prob = s.sgd_retain_prob;
  sgd.w_star = experiments::to_vector(w_star);
  sgd.fixed_point_vs_w_star = xt::amax(xt::abs(recursion.fixed_point() - w_star))();
  sgd.lr = {s.lr_large, s.lr_small};
  sgd.K = log_grid(1'000, s.sgd_steps, 4);
  sgd.runs = s.sgd_runs;
  sgd.batches_per_run = s.batches_per_run;
  // Batch means over the last 90% of each run; the first 10% (≥ 10⁵ steps by default) is far
  // longer than the 1/(lr·λ_min(H)) ≈ 160 steps it takes to forget the start.
  sgd.batch_length = s.sgd_steps * 9 / 10 / s.batches_per_run;

  const auto runs = run_grid<SgdRun>(
      s, "dynamics: dropout SGD runs", sgd.lr.size(), s.sgd_runs,
      [&](std::size_t li, std::size_t run) {
        return run_sgd(setup, sgd.lr[li], w_star, sgd.K, s.batches_per_run, sgd.batch_length,
                       experiments::derive_seed(s.seed, kStageSgd + 100 * li + run));
      });
  for (std::size_t li = 0; li < sgd.lr.size(); ++li) {
    at_lr(sgd, recursion, sgd.lr[li], w_star, runs[li]);
  }
  auto level = [](const SgdAtLr& r) {
    return StallLevel{r.lr, r.stationary_msq, r.stationary_msq_se, r.exact_stationary_msq};
  };
  sgd.rms_ratio = rms_ratio(level(sgd.by_lr[0]), level(sgd.by_lr[1]));

  sgd.nn_check = {s.nn_check_steps, s.lr_large,
                  nn_vs_fast_difference(setup, s.lr_large, s.nn_check_steps,
                                        experiments::derive_seed(s.seed, kStageSgdCheck))};
  return sgd;
}

}  // namespace dynamics
