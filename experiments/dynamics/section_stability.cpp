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
#include <vector>

#include "autograd/random.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/affine_recursion.hpp"
#include "experiments/dynamics/results.hpp"
#include "experiments/dynamics/sgd_runs.hpp"

namespace dynamics {

namespace {

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
  double final_log10_error = 0;  // log10 ||w − w*|| at the end
};

BlowUpRun blow_up_run(const SgdSetup& setup, double lr, const Array& w_star, std::size_t steps,
                      std::uint64_t seed) {
  FastSgd sgd(setup, lr, seed);
  double error = 0;
  for (std::size_t k = 1; k <= steps; ++k) {
    sgd.step();
    if (k % 64 == 0 || k == steps) {
      double squared = 0;
      for (std::size_t j = 0; j < w_star.size(); ++j) {
        squared += std::pow(sgd.weights()[j] - w_star(j), 2);
      }
      error = std::sqrt(squared);
      if (!(error < kDivergedError)) return {true, 0};
    }
  }
  return {false, std::log10(error)};
}

// Dropout SGD on design A, as section 1 runs it, and its minimiser.
struct DropoutSgd {
  datasets::Dataset design = datasets::design_A();
  SgdSetup setup;
  Array w_star;
  explicit DropoutSgd(double retain_prob)
      : setup(srivastava_sgd(design.X, design.y, retain_prob)),
        w_star(dropout_ridge::srivastava_minimiser(design.X, design.y, retain_prob)) {}
};

}  // namespace

StabilityResult measure_stability(const Settings& s) {
  const DropoutSgd problem(s.sgd_retain_prob);
  const AffineRecursion recursion = sgd_recursion(problem.setup);
  StabilityResult r;
  r.second_moment_lr_bound = second_moment_bound(recursion, s.lr_large);
  // The same bound for plain SGD on the same rows (no dropout, no weight decay).
  r.plain_sgd_second_moment_lr_bound = second_moment_bound(
      sgd_recursion(weight_decay_sgd(problem.design.X, problem.design.y, 0)), s.lr_large);
  r.mean_lr_bound = 2 / dropout_ridge::largest_eigenvalue(recursion.mean_G());
  r.lr_large_over_bound = s.lr_large / r.second_moment_lr_bound;
  r.steps = s.blow_up_steps;
  r.runs = s.sgd_runs;
  const std::vector<double> factors{1.0, 1.5, 3.0};
  const auto runs = run_grid<BlowUpRun>(
      s, "dynamics: runs at the stability bound", factors.size(), s.sgd_runs,
      [&](std::size_t f, std::size_t run) {
        return blow_up_run(problem.setup, factors[f] * r.second_moment_lr_bound, problem.w_star,
                           r.steps,
                           experiments::derive_seed(s.seed, kStageStability + 100 * f + run));
      });
  for (std::size_t f = 0; f < factors.size(); ++f) {
    BlowUpAtLr at;
    at.lr = factors[f] * r.second_moment_lr_bound;
    at.lr_over_bound = factors[f];
    at.second_moment_rate = second_moment_rate(recursion, at.lr);
    at.mean_rate = mean_rate(recursion, at.lr);
    std::vector<double> finals;
    for (const BlowUpRun& run : runs[f]) {
      at.diverged_runs += run.diverged;
      if (!run.diverged) finals.push_back(run.final_log10_error);
    }
    if (!finals.empty()) at.median_final_log10_error_of_the_others = experiments::median(finals);
    r.by_lr.push_back(at);
  }
  return r;
}

FixedOrderResult measure_fixed_order(const Settings& s) {
  const DropoutSgd problem(s.sgd_retain_prob);
  FixedOrderResult r;
  r.lr = {s.lr_large, s.lr_small};
  r.steps = s.sgd_steps / 10;
  r.runs = s.sgd_runs;
  const auto averages = run_grid<std::vector<double>>(
      s, "dynamics: fixed-order runs", r.lr.size(), s.sgd_runs,
      [&](std::size_t li, std::size_t run) {
        return fixed_order_tail_average(
            problem.setup, r.lr[li], r.steps,
            experiments::derive_seed(s.seed, kStageFixedOrder + 100 * li + run));
      });
  for (std::size_t li = 0; li < r.lr.size(); ++li) {
    double squared = 0, variance = 0;
    for (std::size_t j = 0; j < problem.w_star.size(); ++j) {
      experiments::RunningMoments m(problem.w_star(j));
      for (const std::vector<double>& average : averages[li]) m.add(average[j]);
      const double d = m.mean() - problem.w_star(j);
      squared += d * d;
      variance += m.mean_se() * m.mean_se();
    }
    r.averaged_bias_norm.push_back(std::sqrt(squared));
    // SE of the norm by the delta method, bounded below by the noise of one coordinate.
    r.averaged_bias_norm_se.push_back(std::sqrt(variance));
    r.bias_z.push_back(std::sqrt(squared) / std::sqrt(variance));
  }
  r.bias_ratio = r.averaged_bias_norm[0] / r.averaged_bias_norm[1];
  r.bias_ratio_se = r.bias_ratio * std::hypot(r.averaged_bias_norm_se[0] / r.averaged_bias_norm[0],
                                              r.averaged_bias_norm_se[1] / r.averaged_bias_norm[1]);
  r.lr_ratio = r.lr[0] / r.lr[1];
  return r;
}

WeightDecayStallResult measure_weight_decay_stall(const Settings& s) {
  const datasets::Dataset standard = standardised_design_A();
  WeightDecayStallResult r;
  r.weight_decay = weight_decay_for(kPostDropProb);  // matched to nn.Dropout(0.5): 2
  r.lr = {s.equivalence_lr, s.equivalence_lr / 4};
  r.steps = s.equivalence_steps;
  r.runs = s.equivalence_runs;
  const SgdSetup setup = weight_decay_sgd(standard.X, standard.y, r.weight_decay);
  const AffineRecursion recursion = sgd_recursion(setup);
  const Array target = recursion.fixed_point();
  const std::size_t batch_length = r.steps * 9 / 10 / s.batches_per_run;
  const auto runs = run_grid<SgdRun>(
      s, "dynamics: weight-decay SGD runs", r.lr.size(), r.runs,
      [&](std::size_t li, std::size_t run) {
        return run_sgd(setup, r.lr[li], target, {r.steps}, s.batches_per_run, batch_length,
                       experiments::derive_seed(s.seed, kStageWeightDecayStall + 100 * li + run));
      });
  std::vector<StallLevel> levels;
  for (std::size_t li = 0; li < r.lr.size(); ++li) {
    const double exact = trace(stationary_covariance(recursion, r.lr[li]));
    const experiments::RunningMoments moments = batch_sq_moments(runs[li], exact);
    levels.push_back({r.lr[li], moments.mean(), moments.mean_se(), exact});
    r.stationary_rms.push_back(std::sqrt(moments.mean()));
    r.exact_stationary_rms.push_back(std::sqrt(exact));
    r.stationary_msq_se.push_back(moments.mean_se());
    r.stationary_z.push_back((moments.mean() - exact) / moments.mean_se());
  }
  const RmsRatio ratio = rms_ratio(levels[0], levels[1]);
  r.rms_ratio = ratio.measured;
  r.rms_ratio_se = ratio.se;
  r.exact_rms_ratio = ratio.exact;
  r.sqrt_lr_ratio = ratio.sqrt_lr_ratio;
  return r;
}

}  // namespace dynamics
