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

#include <xtensor-blas/xlinalg.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/json.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/dynamics/results.hpp"
#include "experiments/dynamics/sgd_runs.hpp"
#include "experiments/theorem/marginalised.hpp"

namespace dynamics {

namespace {

// ||E[w̄_K] − w*||² from w_0 = 0: E[e_k] = C^k·e_0 with C = I − lr·H, e_0 = −w*, so
// E[ē_K] = (1/K)·Σ_{k=1..K} C^k·e_0 = V·diag(c(1 − c^K)/((1 − c)·K))·Vᵀ·e_0, c = 1 − lr·λ over
// the eigenpairs (λ, V) of the symmetric H.
std::vector<double> transient_bias_sq(const AffineRecursion& recursion, Scalar lr,
                                      const Array& w_star, const std::vector<std::size_t>& K) {
  const auto [eigenvalues, eigenvectors] = xt::linalg::eigh(recursion.mean_G());
  const Array start_error_in_basis = xt::linalg::dot(xt::transpose(eigenvectors), Array(-w_star));
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
MeanSe per_run_slopes(const std::vector<SgdRun>& runs, const std::vector<std::size_t>& fit_indices,
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
  return {slopes.mean(), slopes.mean_se()};
}

// Root-mean-square over the runs of a squared error, with the delta-method SE
// se(√m) = se(m)/(2√m).
void add_rms(const experiments::RunningMoments& squares, std::vector<double>& rms,
             std::vector<double>& se) {
  rms.push_back(std::sqrt(squares.mean()));
  se.push_back(squares.mean_se() / (2 * rms.back()));
}

// The RMS curves at every checkpoint, and the log-log fits over the checkpoints whose start-up
// bias is at most kFitBiasFraction of the variance.
void error_curves(SgdAtLr& r, const std::vector<SgdRun>& runs, const std::vector<std::size_t>& K,
                  double trace_long_run) {
  std::vector<std::size_t> fit_indices;
  std::vector<double> fit_K, fit_averaged, fit_last;
  for (std::size_t c = 0; c < K.size(); ++c) {
    experiments::RunningMoments last, averaged;
    for (const SgdRun& run : runs) {
      last.add(run.last_sq_error[c]);
      averaged.add(run.averaged_sq_error[c]);
    }
    add_rms(last, r.last_error, r.last_error_se);
    add_rms(averaged, r.averaged_error, r.averaged_error_se);
    const double variance_part = trace_long_run / static_cast<double>(K[c]);
    r.averaged_error_predicted.push_back(std::sqrt(variance_part));
    if (r.averaged_bias_sq[c] <= kFitBiasFraction * variance_part) {
      fit_indices.push_back(c);
      fit_K.push_back(static_cast<double>(K[c]));
      fit_averaged.push_back(r.averaged_error.back());
      fit_last.push_back(r.last_error.back());
    }
  }
  if (fit_K.size() < 3) {
    throw std::runtime_error("dropout SGD at lr = " + std::to_string(r.lr) +
                             ": fewer than 3 checkpoints past the start-up bias; raise "
                             "--sgd-steps");
  }
  r.fit_K_min = fit_K.front();
  r.fit_K_max = fit_K.back();
  r.averaged_fit = experiments::fit_loglog(fit_K, fit_averaged);
  r.last_fit = experiments::fit_loglog(fit_K, fit_last);
  r.averaged_slope_runs = per_run_slopes(runs, fit_indices, K, true);
  r.last_slope_runs = per_run_slopes(runs, fit_indices, K, false);
}

SgdAtLr at_lr(const AffineRecursion& recursion, double lr, const Array& w_star,
              const std::vector<std::size_t>& K, const std::vector<SgdRun>& runs,
              std::size_t batch_length) {
  SgdAtLr r;
  r.lr = lr;
  r.mean_rate = mean_rate(recursion, lr);
  r.second_moment_rate = second_moment_rate(recursion, lr);
  const Array M = stationary_covariance(recursion, lr);
  const Array long_run = long_run_covariance(recursion, lr, M);
  const double trace_M = xt::sum(xt::diagonal(M))();
  const double trace_long_run = xt::sum(xt::diagonal(long_run))();
  r.averaged_bias_sq = transient_bias_sq(recursion, lr, w_star, K);
  error_curves(r, runs, K, trace_long_run);
  // The stall level: the mean of ||w_k − w*||² over the late window, from batch means.
  experiments::RunningMoments stationary(trace_M);
  for (const SgdRun& run : runs) {
    for (const double b : run.batch_sq_error) stationary.add(b);
  }
  r.stationary_msq = {{stationary.mean(), stationary.mean_se()}, trace_M};
  // The constant tr Σ∞ from the batch means of the late window: far steadier than the R values
  // of K·||w̄_K − w*||², whose distribution is skewed (a weighted χ² with D terms).
  const LongRunEstimate estimate = batch_means_long_run_trace(runs, batch_length);
  r.long_run_trace = {{estimate.trace, estimate.se}, trace_long_run};
  // K·||w̄_K − w*||² at K_max, across runs, against tr Σ∞ + K·bias².
  experiments::RunningMoments scaled_final;
  const double K_max = static_cast<double>(K.back());
  for (const SgdRun& run : runs) scaled_final.add(K_max * run.averaged_sq_error.back());
  r.final_scaled_msq = {{scaled_final.mean(), scaled_final.mean_se()},
                        trace_long_run + K_max * r.averaged_bias_sq.back()};
  return r;
}

// sgd_errors.csv: K, then for each learning rate the last iterate's RMS and SE, the average's
// RMS and SE, the closed form √(tr Σ∞/K) and the stall level √tr M.
void write_errors_csv(const SgdResult& sgd, const experiments::Output& out) {
  std::vector<std::vector<double>> rows;
  for (std::size_t c = 0; c < sgd.K.size(); ++c) {
    rows.push_back({static_cast<double>(sgd.K[c])});
    for (const SgdAtLr& r : sgd.by_lr) {
      rows.back().insert(
          rows.back().end(),
          {r.last_error[c], r.last_error_se[c], r.averaged_error[c], r.averaged_error_se[c],
           r.averaged_error_predicted[c], std::sqrt(r.stationary_msq.exact)});
    }
  }
  std::vector<std::string> header{"K"};
  for (const char* lr : {"lr_large", "lr_small"}) {
    for (const char* column : {"last_rms_", "last_se_", "averaged_rms_", "averaged_se_",
                               "averaged_predicted_", "stationary_rms_"}) {
      header.push_back(std::string(column) + lr);
    }
  }
  out.write_csv("sgd_errors.csv", header, rows);
}

}  // namespace

StallRatio stall_ratio(const VersusExact& large, const VersusExact& small, double lr_large,
                       double lr_small) {
  const double msq_large = large.measured.mean, msq_small = small.measured.mean;
  StallRatio ratio;
  ratio.measured = std::sqrt(msq_large / msq_small);
  ratio.se = 0.5 * ratio.measured *
             std::hypot(large.measured.se / msq_large, small.measured.se / msq_small);
  ratio.exact = std::sqrt(large.exact / small.exact);
  ratio.sqrt_lr_ratio = std::sqrt(lr_large / lr_small);
  return ratio;
}

SgdResult measure_sgd(const Settings& s, const experiments::Output& out) {
  const datasets::Dataset design = datasets::design_A();
  const SgdSetup setup = srivastava_sgd(design.X, design.y, s.sgd_retain_prob);
  const Array w_star = dropout_ridge::srivastava_minimiser(design.X, design.y, s.sgd_retain_prob);
  const AffineRecursion recursion = sgd_recursion(setup);
  const std::vector<double> lrs{s.lr_large, s.lr_small};
  SgdResult sgd;
  sgd.retain_prob = s.sgd_retain_prob;
  sgd.w_star = experiments::to_vector(w_star);
  sgd.fixed_point_vs_w_star = xt::amax(xt::abs(recursion.fixed_point() - w_star))();
  sgd.K = log_grid(1'000, s.sgd_steps, 4);
  sgd.runs = s.sgd_runs;
  sgd.batches_per_run = s.batches_per_run;
  // Batch means over the last 90% of each run; the first 10% (≥ 10⁵ steps by default) is far
  // longer than the 1/(lr·λ_min(H)) ≈ 160 steps it takes to forget the start.
  sgd.batch_length = s.sgd_steps * 9 / 10 / s.batches_per_run;

  std::vector<SgdRun> runs(lrs.size() * s.sgd_runs);
  experiments::parallel_for(
      runs.size(),
      [&](std::size_t task) {
        const std::size_t lr_index = task / s.sgd_runs, run = task % s.sgd_runs;
        runs[task] =
            run_sgd(setup, lrs[lr_index], w_star, sgd.K, s.batches_per_run, sgd.batch_length,
                    experiments::derive_seed(s.seed, kStageSgd + 100 * lr_index + run));
      },
      tasks(s, "dynamics: dropout SGD runs"));
  for (std::size_t li = 0; li < lrs.size(); ++li) {
    const std::vector<SgdRun> mine(runs.begin() + li * s.sgd_runs,
                                   runs.begin() + (li + 1) * s.sgd_runs);
    sgd.by_lr.push_back(at_lr(recursion, lrs[li], w_star, sgd.K, mine, sgd.batch_length));
  }
  sgd.rms_ratio =
      stall_ratio(sgd.by_lr[0].stationary_msq, sgd.by_lr[1].stationary_msq, s.lr_large, s.lr_small);

  const std::uint64_t check_seed = experiments::derive_seed(s.seed, kStageSgdCheck);
  const Array through_nn = nn_sgd_iterates(setup, s.lr_large, s.nn_check_steps, check_seed);
  const Array fast = fast_sgd_iterates(setup, s.lr_large, s.nn_check_steps, check_seed);
  sgd.nn_check = {s.nn_check_steps, xt::amax(xt::abs(through_nn - fast))()};
  write_errors_csv(sgd, out);
  return sgd;
}

}  // namespace dynamics
