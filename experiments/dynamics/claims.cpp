#include "experiments/dynamics/claims.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "experiments/common/arrays.hpp"

namespace dynamics {

namespace {

using experiments::Check;
using experiments::Claim;
using experiments::passed;

// The post's words, verbatim (typographic quotes and LaTeX delimiters as rendered).
const char* const kThrowOff =
    "dropout’s variance may actually “throw off” stochastic gradient descent from its "
    "trajectory, slowing, or in extreme cases, preventing convergence";

bool all_of(const std::vector<Check>& checks, std::initializer_list<const char*> names) {
  return std::all_of(names.begin(), names.end(),
                     [&](const char* name) { return passed(checks, name); });
}

}  // namespace

double max_abs_mean_z(const ClaraResult& clara) {
  return experiments::max_abs_entry(clara.chain_mean_z);
}
double max_abs_variance_z(const ClaraResult& clara) {
  return experiments::max_abs_entry(clara.chain_variance_z);
}
double ratio_error(const WagerCell& cell) {
  return std::abs(cell.ratio - 1);
}

WagerExtremes extremes(const std::vector<WagerCell>& table,
                       const std::vector<WagerSmallS>& small_s) {
  WagerExtremes e;
  for (const WagerCell& cell : table) {
    e.best_ratio_error = std::min(e.best_ratio_error, ratio_error(cell));
    e.worst_ratio_error = std::max(e.worst_ratio_error, ratio_error(cell));
  }
  for (const WagerSmallS& row : small_s) {
    e.slope_min = std::min(e.slope_min, row.slope);
    e.slope_max = std::max(e.slope_max, row.slope);
  }
  return e;
}

Claim throw_off_claim(const SgdResult& sgd, const StabilityResult& stability,
                      const EquivalenceResult& eq, std::string measured) {
  double slope_deviation = 0, runs_z = 0, long_run_z = 0;
  for (const SgdAtLr& r : sgd.by_lr) {
    slope_deviation = std::max(slope_deviation, std::abs(r.averaged_slope + 0.5));
    runs_z =
        std::max(runs_z, std::abs(r.averaged_slope_runs_mean + 0.5) / r.averaged_slope_runs_se);
    long_run_z = std::max(long_run_z, std::abs(r.long_run_z));
  }
  const BlowUpAtLr& highest = stability.by_lr.back();
  const double noise_ratio = eq.pairs[0].noise_ratio();
  const std::vector<Check> checks = {
      experiments::at_most("sgd.averaged_slope_distance_from_-0.5", slope_deviation,
                           kSlopeTolerance),
      experiments::at_most("sgd.averaged_slope_runs_max_abs_z", runs_z, kMaxAbsZ),
      experiments::at_most("sgd.long_run_max_abs_z", long_run_z, kMaxAbsZ),
      experiments::above("dropout_over_weight_decay_long_run_covariance", noise_ratio, 1),
      experiments::at_least(
          "stability.diverged_share_at_highest_lr",
          static_cast<double>(highest.diverged_runs) / static_cast<double>(stability.runs),
          kDivergedShare)};
  const bool converges =
      all_of(checks, {"sgd.averaged_slope_distance_from_-0.5", "sgd.averaged_slope_runs_max_abs_z",
                      "sgd.long_run_max_abs_z"});
  const bool slower = passed(checks, "dropout_over_weight_decay_long_run_covariance");
  const bool diverges = passed(checks, "stability.diverged_share_at_highest_lr");
  const std::string slowing = fmt::format(
      "below the stability bound of its second moments (lr {:.4g}) the averaged iterate "
      "converges at the 1/√K rate of any SGD, slower than weight decay at a matched penalty by "
      "the factor {:.3g} in steps",
      stability.second_moment_lr_bound, noise_ratio);
  const std::string bound_moves =
      stability.second_moment_lr_bound < stability.plain_sgd_second_moment_lr_bound
          ? fmt::format("dropout lowers that bound from {:.4g} (plain SGD on the same rows)",
                        stability.plain_sgd_second_moment_lr_bound)
          : fmt::format("dropout does not lower that bound (plain SGD on the same rows: {:.4g})",
                        stability.plain_sgd_second_moment_lr_bound);
  experiments::Outcome outcome = experiments::not_confirmed(checks);
  if (converges && slower && diverges) {
    outcome = {
        "right in kind, as for any constant-step SGD",
        fmt::format("{}; at {:.3g}× the bound {} of {} runs diverge, and {}", slowing,
                    highest.lr_over_bound, highest.diverged_runs, stability.runs, bound_moves)};
  } else if (converges && slower) {
    outcome = {"slower, not prevented",
               fmt::format("{}; even at {:.3g}× the bound only {} of {} runs diverge", slowing,
                           highest.lr_over_bound, highest.diverged_runs, stability.runs)};
  }
  return experiments::measured_claim("dynamics.throw_off_sgd", kThrowOff, std::move(measured),
                                     checks, outcome);
}

Claim last_iterate_claim(const SgdResult& sgd, const WeightDecayStallResult& wd,
                         std::string measured) {
  double sgd_z = 0, wd_z = 0;
  for (const SgdAtLr& r : sgd.by_lr) sgd_z = std::max(sgd_z, std::abs(r.stationary_z));
  for (const double z : wd.stationary_z) wd_z = std::max(wd_z, std::abs(z));
  const std::vector<Check> checks = {
      experiments::at_most("sgd.stationary_max_abs_z", sgd_z, kMaxAbsZ),
      experiments::abs_at_most("sgd.rms_ratio_z_vs_exact", sgd.rms_ratio.z_vs_exact, kMaxAbsZ),
      experiments::abs_at_most("sgd.exact_rms_ratio_over_sqrt_lr_ratio_minus_1",
                               sgd.rms_ratio.exact / sgd.rms_ratio.sqrt_lr_ratio - 1,
                               kSqrtLawTolerance),
      experiments::at_most("weight_decay.stationary_max_abs_z", wd_z, kMaxAbsZ),
      experiments::abs_at_most("weight_decay.rms_ratio_z_vs_exact",
                               (wd.rms_ratio - wd.exact_rms_ratio) / wd.rms_ratio_se, kMaxAbsZ),
      experiments::abs_at_most("weight_decay.exact_rms_ratio_over_sqrt_lr_ratio_minus_1",
                               wd.exact_rms_ratio / wd.sqrt_lr_ratio - 1, kSqrtLawTolerance)};
  const bool dropout_sqrt = all_of(checks, {"sgd.stationary_max_abs_z", "sgd.rms_ratio_z_vs_exact",
                                            "sgd.exact_rms_ratio_over_sqrt_lr_ratio_minus_1"});
  const bool l2_sqrt =
      all_of(checks, {"weight_decay.stationary_max_abs_z", "weight_decay.rms_ratio_z_vs_exact",
                      "weight_decay.exact_rms_ratio_over_sqrt_lr_ratio_minus_1"});
  experiments::Outcome outcome = experiments::not_confirmed(checks);
  if (dropout_sqrt && l2_sqrt) {
    outcome = {"ordinary constant-step SGD noise",
               "the last iterate stalls at the exact stationary RMS, ∝ √lr, and weight-decay "
               "SGD without dropout stalls the same way at two learning rates (L2 included)"};
  } else if (dropout_sqrt) {
    outcome = {"∝ √lr for dropout; not confirmed for L2",
               "dropout SGD's stall follows √lr, but the weight-decay runs fail their check: " +
                   experiments::failed_checks_text(checks)};
  }
  return experiments::measured_claim("dynamics.last_iterate_stalls", kThrowOff, std::move(measured),
                                     checks, outcome);
}

Claim introduce_noise_claim(const EquivalenceResult& eq, std::string measured) {
  const double noise_ratio_half = eq.pairs[0].noise_ratio();
  const std::vector<Check> checks = {
      experiments::above("long_run_covariance_ratio_q_0.5", noise_ratio_half, 1),
      experiments::above("long_run_covariance_ratio_q_1/11", eq.pairs[1].noise_ratio(), 1)};
  return experiments::decide(
      "dynamics.introduce_noise",
      "Unlike the L^2 norm, varying p actually means we will introduce noise into the network",
      std::move(measured), checks,
      {"true, and it costs a constant factor, not convergence",
       fmt::format("at matched penalties dropout's long-run covariance is {:.3g}× that of weight "
                   "decay (q = {}): an averaged run needs that many more steps",
                   noise_ratio_half, eq.pairs[0].drop_prob)});
}

Claim clara_claim(const ClaraResult& clara, std::string measured) {
  double non_shrinking = 0;  // α halvings that do not shrink tr M
  for (std::size_t a = 1; a < clara.exact_total_variance.size(); ++a) {
    non_shrinking += !(clara.exact_total_variance[a] < clara.exact_total_variance[a - 1]);
  }
  const std::vector<Check> checks = {
      experiments::at_most("clara.max_variance_z", max_abs_variance_z(clara), kMaxAbsZ),
      experiments::at_most("clara.max_mean_z", max_abs_mean_z(clara), kMaxAbsZ),
      experiments::at_most("clara.alpha_halvings_where_variance_does_not_shrink", non_shrinking, 0),
      experiments::below("clara.simplified_scheme_error_to_ols", clara.simplified_max_error_to_ols,
                         1e-10)};
  return experiments::decide(
      "dynamics.clara_noise",
      "Clara, Langer, and Schmidt-Hieber (n.d.) discussed at length the implications of this "
      "noise",
      std::move(measured), checks,
      {"the noise is real and exactly predictable",
       "the chains' mean and stationary variance match the exact ones at every α, the variance "
       "shrinks with α, and without the mask in the residual the noise is gone"});
}

Claim clara_d_squared_claim() {
  return experiments::reasoning_claim(
      "dynamics.clara_d_squared_is_gamma", "Quoting from their work, where D2 = Γ",
      "in Clara, Langer & Schmidt-Hieber, D is the diagonal matrix of the dropout mask, with "
      "entries 0 or 1, so D² = D: a random projection that changes every step. Γ = "
      "diag(XᵀX)^½ is a fixed matrix of column norms, from the marginalised loss",
      {"misread",
       "D² = D (a mask), not Γ: the post equates a random projection with the "
       "theorem's fixed scaling"});
}

Claim weight_decay_match_claim(const EquivalenceResult& eq, std::string measured) {
  const std::vector<Check> checks = {
      experiments::at_most("equivalence.max_abs_z", eq.max_abs_z, kMaxAbsZ),
      experiments::above("equivalence.post_pair_ridge_distance", eq.post_pair_ridge_distance,
                         1e-3)};
  experiments::Outcome outcome = experiments::not_confirmed(
      checks, "averaged SGD does not land on the ridge solution the matching predicts");
  if (experiments::all_passed(checks)) {
    outcome = {"the post's pair is not matched",
               fmt::format("for a linear model with MSE on standardised inputs and input dropout, "
                           "q = {} matches weight_decay {:.4g}, not {} (a factor {:.3g}), and the "
                           "two ridge solutions of the post's pair differ; this matching holds "
                           "only in that setting",
                           eq.pairs[0].drop_prob, eq.wd_for_q_half, kPostWeightDecay,
                           eq.wd_for_q_half / kPostWeightDecay)};
  } else if (passed(checks, "equivalence.max_abs_z")) {
    outcome = {"matched", "the post's pair lands on the same ridge solution"};
  }
  return experiments::measured_claim(
      "dynamics.weight_decay_matches_dropout",
      "To no surprise, both models have exactly the same accuracy score. This serves as further "
      "evidence the theorem holds.",
      std::move(measured), checks, outcome);
}

Claim wager_claim(const std::vector<WagerCell>& table, const std::vector<WagerSmallS>& small_s,
                  std::string measured) {
  const WagerExtremes e = extremes(table, small_s);
  const double square_law = std::max(std::abs(e.slope_min - 2), std::abs(e.slope_max - 2));
  const std::vector<Check> checks = {
      experiments::at_most("wager.best_abs_ratio_error", e.best_ratio_error, kQuadraticHolds),
      experiments::above("wager.worst_abs_ratio_error", e.worst_ratio_error, kQuadraticHolds),
      experiments::at_most("wager.small_s_slope_max_distance_from_2", square_law,
                           kSquareLawTolerance)};
  experiments::Outcome outcome = experiments::not_confirmed(checks);
  if (experiments::all_passed(checks)) {
    outcome = {"for logistic loss only approximately quadratic",
               "the quadratic penalty is within 10% of the exact one for small weights or light "
               "dropout (its error falls like s²) and fails for large weights or heavy dropout; "
               "its weights σ(1−σ) depend on the data"};
  } else if (all_of(checks,
                    {"wager.best_abs_ratio_error", "wager.small_s_slope_max_distance_from_2"})) {
    outcome = {"approximately quadratic wherever measured",
               "the quadratic penalty is within 10% of the exact one at every cell"};
  }
  return experiments::measured_claim(
      "dynamics.proof_for_classifier",
      "We have a proof that L^2 and marginalised dropout are equivalent", std::move(measured),
      checks, outcome);
}

}  // namespace dynamics
