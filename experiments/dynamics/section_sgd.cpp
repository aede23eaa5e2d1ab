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
#include <xtensor/xview.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/parallel.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/series.hpp"
#include "experiments/dynamics/sgd_runs.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"

namespace dynamics {

using nlohmann::json;

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
    slopes.add(loglog_slope(x, y).slope);
  }
  return slopes;
}

}  // namespace

json sgd_section(const Settings& s, const experiments::Output& out) {
  const datasets::Dataset design = datasets::design_A();
  const SgdSetup setup = srivastava_sgd(design.X, design.y, s.sgd_retain_prob);
  const Array w_star = dropout_ridge::srivastava_minimiser(design.X, design.y, s.sgd_retain_prob);
  const AffineRecursion recursion = sgd_recursion(setup);
  const std::vector<double> lrs{s.lr_large, s.lr_small};
  const std::vector<std::size_t> K = log_grid(1'000, s.sgd_steps, 4);
  // Batch means over the last 90% of each run; the first 10% (≥ 10⁵ steps by default) is far
  // longer than the 1/(lr·λ_min(H)) ≈ 160 steps it takes to forget the start.
  const std::size_t batch_length = s.sgd_steps * 9 / 10 / s.batches_per_run;

  std::vector<SgdRun> runs(lrs.size() * s.sgd_runs);
  run_tasks(
      runs.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t lr_index = task / s.sgd_runs, run = task % s.sgd_runs;
        runs[task] = run_sgd(setup, lrs[lr_index], w_star, K, s.batches_per_run, batch_length,
                             experiments::derive_seed(s.seed, kStageSgd + 100 * lr_index + run));
      },
      "dynamics: dropout SGD runs");

  json result;
  result["retain_prob"] = s.sgd_retain_prob;
  result["w_star"] = to_vector(w_star);
  result["fixed_point_vs_w_star"] = xt::amax(xt::abs(recursion.fixed_point() - w_star))();
  result["lr"] = lrs;
  result["K"] = K;
  result["runs"] = s.sgd_runs;
  result["batches_per_run"] = s.batches_per_run;
  result["batch_length"] = batch_length;
  json last_error = json::array(), last_error_se = json::array(), averaged_error = json::array(),
       averaged_error_se = json::array(), predicted = json::array(), bias = json::array(),
       slopes = json::array(), per_lr = json::array();
  std::vector<std::vector<double>> csv_rows(K.size());
  for (std::size_t c = 0; c < K.size(); ++c) csv_rows[c].push_back(static_cast<double>(K[c]));
  for (std::size_t li = 0; li < lrs.size(); ++li) {
    const double lr = lrs[li];
    const Array M = stationary_covariance(recursion, lr);
    const Array long_run = long_run_covariance(recursion, lr, M);
    const double trace_M = xt::sum(xt::diagonal(M))();
    const double trace_long_run = xt::sum(xt::diagonal(long_run))();
    const std::vector<double> bias_sq = transient_bias_sq(recursion, lr, w_star, K);
    std::vector<double> last_rms, last_se, avg_rms, avg_se, predicted_rms, fit_K, fit_avg, fit_last;
    std::vector<std::size_t> fit_indices;
    for (std::size_t c = 0; c < K.size(); ++c) {
      // Root-mean-square over the runs, with the delta-method SE: se(√m) = se(m)/(2√m).
      experiments::RunningMoments last, averaged;
      for (std::size_t r = 0; r < s.sgd_runs; ++r) {
        last.add(runs[li * s.sgd_runs + r].last_sq_error[c]);
        averaged.add(runs[li * s.sgd_runs + r].averaged_sq_error[c]);
      }
      last_rms.push_back(std::sqrt(last.mean()));
      last_se.push_back(last.mean_se() / (2 * last_rms.back()));
      avg_rms.push_back(std::sqrt(averaged.mean()));
      avg_se.push_back(averaged.mean_se() / (2 * avg_rms.back()));
      const double variance_part = trace_long_run / static_cast<double>(K[c]);
      predicted_rms.push_back(std::sqrt(variance_part));
      if (bias_sq[c] <= kFitBiasFraction * variance_part) {
        fit_indices.push_back(c);
        fit_K.push_back(static_cast<double>(K[c]));
        fit_avg.push_back(avg_rms.back());
        fit_last.push_back(last_rms.back());
      }
      csv_rows[c].insert(csv_rows[c].end(),
                         {last_rms.back(), last_se.back(), avg_rms.back(), avg_se.back(),
                          predicted_rms.back(), std::sqrt(trace_M)});
    }
    if (fit_K.size() < 3) {
      throw std::runtime_error("dropout SGD at lr = " + std::to_string(lr) +
                               ": fewer than 3 checkpoints past the start-up bias; raise "
                               "--sgd-steps");
    }
    const std::vector<SgdRun> mine(runs.begin() + li * s.sgd_runs,
                                   runs.begin() + (li + 1) * s.sgd_runs);
    const SlopeFit averaged_fit = loglog_slope(fit_K, fit_avg);
    const SlopeFit last_fit = loglog_slope(fit_K, fit_last);
    const experiments::RunningMoments averaged_slopes = per_run_slopes(mine, fit_indices, K, true);
    const experiments::RunningMoments last_slopes = per_run_slopes(mine, fit_indices, K, false);
    // The stall level: the mean of ||w_k − w*||² over the late window, from batch means.
    experiments::RunningMoments stationary(trace_M);
    for (std::size_t r = 0; r < s.sgd_runs; ++r) {
      for (const double b : runs[li * s.sgd_runs + r].batch_sq_error) stationary.add(b);
    }
    // K·||w̄_K − w*||² at K_max, across runs, against tr Σ∞ + K·bias².
    experiments::RunningMoments scaled_final;
    const double K_max = static_cast<double>(K.back());
    for (std::size_t r = 0; r < s.sgd_runs; ++r) {
      scaled_final.add(K_max * runs[li * s.sgd_runs + r].averaged_sq_error.back());
    }
    const double scaled_prediction = trace_long_run + K_max * bias_sq.back();
    // The same constant from the batch means of the late window: far steadier than the R
    // values of K·||w̄_K − w*||², whose distribution is skewed (a weighted χ² with D terms).
    const LongRunEstimate long_run_estimate = batch_means_long_run_trace(mine, batch_length);
    last_error.push_back(last_rms);
    last_error_se.push_back(last_se);
    averaged_error.push_back(avg_rms);
    averaged_error_se.push_back(avg_se);
    predicted.push_back(predicted_rms);
    bias.push_back(bias_sq);
    slopes.push_back(averaged_fit.slope);
    per_lr.push_back(
        {{"lr", lr},
         {"mean_rate", mean_rate(recursion, lr)},
         {"second_moment_rate", second_moment_rate(recursion, lr)},
         {"fit_K_min", fit_K.front()},
         {"fit_K_max", fit_K.back()},
         {"fit_points", averaged_fit.points},
         {"averaged_slope", averaged_fit.slope},
         {"last_slope", last_fit.slope},
         {"averaged_slope_runs_mean", averaged_slopes.mean()},
         {"averaged_slope_runs_se", averaged_slopes.mean_se()},
         {"last_slope_runs_mean", last_slopes.mean()},
         {"last_slope_runs_se", last_slopes.mean_se()},
         {"exact_stationary_msq", trace_M},
         {"stationary_msq", stationary.mean()},
         {"stationary_msq_se", stationary.mean_se()},
         {"stationary_z", (stationary.mean() - trace_M) / stationary.mean_se()},
         {"stationary_rms", std::sqrt(stationary.mean())},
         {"exact_stationary_rms", std::sqrt(trace_M)},
         {"exact_long_run_trace", trace_long_run},
         {"long_run_trace", long_run_estimate.trace},
         {"long_run_trace_se", long_run_estimate.se},
         {"long_run_z", (long_run_estimate.trace - trace_long_run) / long_run_estimate.se},
         {"final_scaled_msq", scaled_final.mean()},
         {"final_scaled_msq_se", scaled_final.mean_se()},
         {"final_scaled_msq_predicted", scaled_prediction},
         {"final_scaled_z", (scaled_final.mean() - scaled_prediction) / scaled_final.mean_se()}});
  }
  result["last_error"] = last_error;
  result["last_error_se"] = last_error_se;
  result["averaged_error"] = averaged_error;
  result["averaged_error_se"] = averaged_error_se;
  result["averaged_error_predicted"] = predicted;
  result["averaged_bias_sq"] = bias;
  result["slope"] = slopes;
  result["by_lr"] = per_lr;

  // The stall level against √lr: RMS ratio between the two rates, SE by the delta method.
  const json& large = per_lr[0];
  const json& small = per_lr[1];
  const double msq_large = large["stationary_msq"], msq_small = small["stationary_msq"];
  const double ratio = std::sqrt(msq_large / msq_small);
  const double ratio_se = 0.5 * ratio *
                          std::hypot(large["stationary_msq_se"].get<double>() / msq_large,
                                     small["stationary_msq_se"].get<double>() / msq_small);
  const double exact_ratio = std::sqrt(large["exact_stationary_msq"].get<double>() /
                                       small["exact_stationary_msq"].get<double>());
  result["rms_ratio"] = {{"measured", ratio},
                         {"se", ratio_se},
                         {"exact", exact_ratio},
                         {"sqrt_lr_ratio", std::sqrt(s.lr_large / s.lr_small)},
                         {"z_vs_exact", (ratio - exact_ratio) / ratio_se}};

  // The fast loop against the project's nn/optim stack, same draws.
  const std::uint64_t check_seed = experiments::derive_seed(s.seed, kStageSgdCheck);
  const Array through_nn = nn_sgd_iterates(setup, s.lr_large, s.nn_check_steps, check_seed);
  const Array fast = fast_sgd_iterates(setup, s.lr_large, s.nn_check_steps, check_seed);
  result["nn_check"] = {{"steps", s.nn_check_steps},
                        {"lr", s.lr_large},
                        {"max_abs_difference", xt::amax(xt::abs(through_nn - fast))()}};

  out.write_csv("sgd_errors.csv",
                {"K", "last_rms_lr_large", "last_se_lr_large", "averaged_rms_lr_large",
                 "averaged_se_lr_large", "averaged_predicted_lr_large", "stationary_rms_lr_large",
                 "last_rms_lr_small", "last_se_lr_small", "averaged_rms_lr_small",
                 "averaged_se_lr_small", "averaged_predicted_lr_small", "stationary_rms_lr_small"},
                csv_rows);
  return result;
}

}  // namespace dynamics
