// 1b. Where dropout SGD stops converging, the post's fixed row order, and the stall of plain
// weight-decay SGD.
//
//  * The second moments of the affine recursion (affine_recursion.hpp) converge iff the
//    spectral radius of T(lr) = E[B⊗B], B = I − lr·G, is below one. The largest such lr (the
//    "stability bound") is found by bisection; runs at the bound and above it measure what
//    happens there (the error's mean square grows, and far enough above it runs blow up).
//  * The main runs sample a row uniformly with replacement at every step; the post iterates a
//    DataLoader without shuffling, rows in a fixed order. With a fixed order the averaged
//    iterate is biased by O(lr) (the cycle's steps do not average to the expected step), which
//    a pair of learning rates a factor 4 apart measures.
//  * Weight-decay SGD without dropout is also a random affine map (the row is random): its last
//    iterate stalls at an RMS ∝ √lr too, measured at two learning rates against the exact one.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>

#include "autograd/random.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/affine_recursion.hpp"
#include "experiments/dynamics/parallel.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/series.hpp"
#include "experiments/dynamics/sgd_runs.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"

namespace dynamics {

using nlohmann::json;

namespace {

// An error above this (weights of order 1 at the minimiser) counts as divergence.
constexpr double kDivergedError = 1e6;

// The largest lr with second_moment_rate < 1, to relative precision 1e-10.
double second_moment_bound(const AffineRecursion& recursion, double start) {
  double low = start, high = start;
  while (second_moment_rate(recursion, low) >= 1) low /= 2;
  while (second_moment_rate(recursion, high) < 1) high *= 2;
  while (high - low > 1e-10 * high) {
    const double middle = 0.5 * (low + high);
    (second_moment_rate(recursion, middle) < 1 ? low : high) = middle;
  }
  return low;
}

struct BlowUpRun {
  bool diverged = false;
  std::size_t steps = 0;         // steps taken (to divergence, or all)
  double final_log10_error = 0;  // log10 ||w − w*|| at the end (or at divergence)
};

BlowUpRun blow_up_run(const SgdSetup& setup, double lr, const Array& w_star, std::size_t steps,
                      std::uint64_t seed) {
  FastSgd sgd(setup, lr, seed);
  BlowUpRun run;
  double error = 0;
  for (std::size_t k = 1; k <= steps; ++k) {
    sgd.step();
    if (k % 64 == 0 || k == steps) {
      double squared = 0;
      for (std::size_t j = 0; j < w_star.size(); ++j) {
        squared += std::pow(sgd.weights()[j] - w_star(j), 2);
      }
      error = std::sqrt(squared);
      if (!(error < kDivergedError)) {
        run.diverged = true;
        run.steps = k;
        break;
      }
    }
    run.steps = k;
  }
  run.final_log10_error = std::isfinite(error) ? std::log10(error) : INFINITY;
  return run;
}

// The tail average (last 90% of `steps`) of dropout SGD that takes the rows in a fixed order,
// 0, 1, …, N−1, 0, …, as the post's DataLoader(shuffle=False) does; masks as FastSgd draws them.
std::vector<double> fixed_order_tail_average(const SgdSetup& setup, double lr, std::size_t steps,
                                             std::uint64_t seed) {
  const std::size_t N = setup.X.shape()[0], D = setup.X.shape()[1];
  autograd::Generator gen(seed);
  std::vector<double> w(D, 0.0), input(D, 0.0), sum(D, 0.0);
  const std::size_t tail_start = steps / 10;
  for (std::size_t k = 0; k < steps; ++k) {
    const std::size_t i = k % N;
    double prediction = 0;
    for (std::size_t j = 0; j < D; ++j) {
      const bool kept = autograd::uniform01(gen) < setup.mask_prob_one();
      input[j] = kept ? setup.X(i, j) * setup.kept_scale() : 0.0;
      prediction += input[j] * w[j];
    }
    const double residual_gradient = 2.0 * (prediction - setup.y(i));
    for (std::size_t j = 0; j < D; ++j) w[j] -= lr * residual_gradient * input[j];
    if (k >= tail_start) {
      for (std::size_t j = 0; j < D; ++j) sum[j] += w[j];
    }
  }
  for (double& x : sum) x /= static_cast<double>(steps - tail_start);
  return sum;
}

}  // namespace

json stability_section(const Settings& s, const experiments::Output& out) {
  const datasets::Dataset design = datasets::design_A();
  const SgdSetup setup = srivastava_sgd(design.X, design.y, s.sgd_retain_prob);
  const Array w_star = dropout_ridge::srivastava_minimiser(design.X, design.y, s.sgd_retain_prob);
  const AffineRecursion recursion = sgd_recursion(setup);
  json result;

  // ---- the stability bound, and runs at and above it
  const double bound = second_moment_bound(recursion, s.lr_large);
  // The same bound for plain SGD on the same rows (no dropout, no weight decay).
  const double plain_bound =
      second_moment_bound(sgd_recursion(weight_decay_sgd(design.X, design.y, 0)), s.lr_large);
  const double lambda_max = dropout_ridge::largest_eigenvalue(recursion.mean_G());
  const std::vector<double> factors{1.0, 1.5, 3.0};
  const std::size_t blow_up_steps = s.quick ? 20'000 : 200'000;
  std::vector<BlowUpRun> blow_ups(factors.size() * s.sgd_runs);
  run_tasks(
      blow_ups.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t f = task / s.sgd_runs, run = task % s.sgd_runs;
        blow_ups[task] =
            blow_up_run(setup, factors[f] * bound, w_star, blow_up_steps,
                        experiments::derive_seed(s.seed, kStageStability + 100 * f + run));
      },
      "dynamics: runs at the stability bound");
  json by_lr = json::array();
  for (std::size_t f = 0; f < factors.size(); ++f) {
    std::size_t diverged = 0;
    std::vector<double> finals;
    for (std::size_t r = 0; r < s.sgd_runs; ++r) {
      const BlowUpRun& run = blow_ups[f * s.sgd_runs + r];
      diverged += run.diverged;
      if (!run.diverged) finals.push_back(run.final_log10_error);
    }
    std::sort(finals.begin(), finals.end());
    by_lr.push_back({{"lr", factors[f] * bound},
                     {"lr_over_bound", factors[f]},
                     {"second_moment_rate", second_moment_rate(recursion, factors[f] * bound)},
                     {"mean_rate", mean_rate(recursion, factors[f] * bound)},
                     {"diverged_runs", diverged},
                     {"median_final_log10_error_of_the_others",
                      finals.empty() ? json(nullptr) : json(finals[finals.size() / 2])}});
  }
  result["sgd_stability"] = {
      {"sampling", "a row drawn uniformly with replacement at every step (the post: fixed order)"},
      {"second_moment_lr_bound", bound},
      {"mean_lr_bound", 2 / lambda_max},
      {"plain_sgd_second_moment_lr_bound", plain_bound},
      {"lr_large_over_bound", s.lr_large / bound},
      {"steps", blow_up_steps},
      {"runs", s.sgd_runs},
      {"diverged_error", kDivergedError},
      {"by_lr", by_lr}};

  // ---- the post's fixed order: the averaged iterate's bias at two learning rates
  const std::vector<double> lrs{s.lr_large, s.lr_small};
  const std::size_t order_steps = s.sgd_steps / 10;
  std::vector<std::vector<double>> averages(lrs.size() * s.sgd_runs);
  run_tasks(
      averages.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t li = task / s.sgd_runs, run = task % s.sgd_runs;
        averages[task] = fixed_order_tail_average(
            setup, lrs[li], order_steps,
            experiments::derive_seed(s.seed, kStageFixedOrder + 100 * li + run));
      },
      "dynamics: fixed-order runs");
  json bias = json::array(), bias_se = json::array();
  std::vector<double> bias_values, bias_ses;
  for (std::size_t li = 0; li < lrs.size(); ++li) {
    double squared = 0, variance = 0;
    for (std::size_t j = 0; j < w_star.size(); ++j) {
      experiments::RunningMoments m(w_star(j));
      for (std::size_t r = 0; r < s.sgd_runs; ++r) m.add(averages[li * s.sgd_runs + r][j]);
      const double d = m.mean() - w_star(j);
      squared += d * d;
      variance += m.mean_se() * m.mean_se();
    }
    bias_values.push_back(std::sqrt(squared));
    // SE of the norm by the delta method, bounded below by the noise of one coordinate.
    bias_ses.push_back(std::sqrt(variance));
  }
  const double bias_ratio = bias_values[0] / bias_values[1];
  result["sgd_fixed_order"] = {
      {"order", "rows 0, 1, ..., N-1 in turn, as the post's DataLoader without shuffling"},
      {"lr", lrs},
      {"steps", order_steps},
      {"runs", s.sgd_runs},
      {"averaged_bias_norm", bias_values},
      {"averaged_bias_norm_se", bias_ses},
      {"bias_z", {bias_values[0] / bias_ses[0], bias_values[1] / bias_ses[1]}},
      {"bias_ratio", bias_ratio},
      {"bias_ratio_se",
       bias_ratio * std::hypot(bias_ses[0] / bias_values[0], bias_ses[1] / bias_values[1])},
      {"lr_ratio", lrs[0] / lrs[1]}};

  // ---- weight-decay SGD without dropout: its stall at two learning rates
  const datasets::Dataset standard = standardised_design_A();
  const double weight_decay = 2.0;  // matched to nn.Dropout(0.5) (section 3)
  const SgdSetup wd_setup = weight_decay_sgd(standard.X, standard.y, weight_decay);
  const AffineRecursion wd_recursion = sgd_recursion(wd_setup);
  const Array wd_target = wd_recursion.fixed_point();
  const std::vector<double> wd_lrs{s.equivalence_lr, s.equivalence_lr / 4};
  const std::size_t wd_steps = s.equivalence_steps;
  const std::size_t batch_length = wd_steps * 9 / 10 / s.batches_per_run;
  std::vector<SgdRun> wd_runs(wd_lrs.size() * s.equivalence_runs);
  run_tasks(
      wd_runs.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t li = task / s.equivalence_runs, run = task % s.equivalence_runs;
        wd_runs[task] =
            run_sgd(wd_setup, wd_lrs[li], wd_target, {wd_steps}, s.batches_per_run, batch_length,
                    experiments::derive_seed(s.seed, kStageWeightDecayStall + 100 * li + run));
      },
      "dynamics: weight-decay SGD runs");
  std::vector<double> msq, msq_se, exact_msq;
  json z = json::array();
  for (std::size_t li = 0; li < wd_lrs.size(); ++li) {
    const Array M = stationary_covariance(wd_recursion, wd_lrs[li]);
    exact_msq.push_back(xt::sum(xt::diagonal(M))());
    experiments::RunningMoments moments(exact_msq.back());
    for (std::size_t r = 0; r < s.equivalence_runs; ++r) {
      for (const double b : wd_runs[li * s.equivalence_runs + r].batch_sq_error) moments.add(b);
    }
    msq.push_back(moments.mean());
    msq_se.push_back(moments.mean_se());
    z.push_back((msq.back() - exact_msq.back()) / msq_se.back());
  }
  const double ratio = std::sqrt(msq[0] / msq[1]);
  result["weight_decay_stall"] = {
      {"design", "design A standardised, MSE, no dropout"},
      {"weight_decay", weight_decay},
      {"lr", wd_lrs},
      {"steps", wd_steps},
      {"runs", s.equivalence_runs},
      {"stationary_rms", {std::sqrt(msq[0]), std::sqrt(msq[1])}},
      {"exact_stationary_rms", {std::sqrt(exact_msq[0]), std::sqrt(exact_msq[1])}},
      {"stationary_msq_se", msq_se},
      {"stationary_z", z},
      {"rms_ratio", ratio},
      {"rms_ratio_se", 0.5 * ratio * std::hypot(msq_se[0] / msq[0], msq_se[1] / msq[1])},
      {"exact_rms_ratio", std::sqrt(exact_msq[0] / exact_msq[1])},
      {"sqrt_lr_ratio", std::sqrt(wd_lrs[0] / wd_lrs[1])}};
  (void)out;
  return result;
}

}  // namespace dynamics
