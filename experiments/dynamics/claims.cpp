#include "experiments/dynamics/claims.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "experiments/common/output.hpp"

namespace dynamics {

namespace {

using experiments::Check;
using experiments::Claim;
using experiments::rounded;

// The post's words, verbatim (typographic quotes and LaTeX delimiters as rendered).
const char* const kThrowOff =
    "dropout’s variance may actually “throw off” stochastic gradient descent from its "
    "trajectory, slowing, or in extreme cases, preventing convergence";

double worst_abs(const double (&values)[2]) {
  return std::max(std::abs(values[0]), std::abs(values[1]));
}

}  // namespace

Claim throw_off_claim(const SgdFacts& sgd, const StabilityFacts& stability, std::string measured) {
  double slope_deviation = 0, runs_z = 0;
  for (int i = 0; i < 2; ++i) {
    slope_deviation = std::max(slope_deviation, std::abs(sgd.averaged_slope[i] + 0.5));
    runs_z = std::max(
        runs_z, std::abs(sgd.averaged_slope_runs_mean[i] + 0.5) / sgd.averaged_slope_runs_se[i]);
  }
  const double diverged_share =
      static_cast<double>(stability.diverged_at_highest) / static_cast<double>(stability.runs);
  std::vector<Check> checks = {
      experiments::at_most("sgd.averaged_slope_distance_from_-0.5", slope_deviation,
                           kSlopeHigh + 0.5),
      experiments::at_most("sgd.averaged_slope_runs_max_abs_z", runs_z, kMaxAbsZ),
      experiments::at_most("sgd.long_run_max_abs_z", worst_abs(sgd.long_run_z), kMaxAbsZ),
      experiments::above("dropout_over_weight_decay_long_run_covariance", stability.noise_ratio, 1),
      experiments::at_least("stability.diverged_share_at_highest_lr", diverged_share,
                            kDivergedShare)};
  const bool converges = experiments::passed(checks, "sgd.averaged_slope_distance_from_-0.5") &&
                         experiments::passed(checks, "sgd.averaged_slope_runs_max_abs_z") &&
                         experiments::passed(checks, "sgd.long_run_max_abs_z");
  const bool slower = experiments::passed(checks, "dropout_over_weight_decay_long_run_covariance");
  const bool diverges = experiments::passed(checks, "stability.diverged_share_at_highest_lr");
  const std::string slowing = "below the stability bound of its second moments (lr " +
                              rounded(stability.lr_bound, 4) +
                              ") the averaged iterate converges at the 1/√K rate of any SGD, "
                              "slower than weight decay at a matched penalty by the factor " +
                              rounded(stability.noise_ratio, 3) + " in steps";
  experiments::Outcome outcome;
  const std::string bound_moves =
      stability.lr_bound < stability.plain_lr_bound
          ? "dropout lowers that bound from " + rounded(stability.plain_lr_bound, 4) +
                " (plain SGD on the same rows)"
          : "dropout does not lower that bound (plain SGD on the same rows: " +
                rounded(stability.plain_lr_bound, 4) + ")";
  if (converges && slower && diverges) {
    outcome = {"right in kind, as for any constant-step SGD",
               slowing + "; at " + rounded(stability.highest_factor, 3) + "× the bound " +
                   std::to_string(stability.diverged_at_highest) + " of " +
                   std::to_string(stability.runs) + " runs diverge, and " + bound_moves};
  } else if (converges && slower) {
    outcome = {"slower, not prevented",
               slowing + "; even at " + rounded(stability.highest_factor, 3) + "× the bound only " +
                   std::to_string(stability.diverged_at_highest) + " of " +
                   std::to_string(stability.runs) + " runs diverge"};
  } else {
    outcome = experiments::not_confirmed(checks);
  }
  return experiments::measured_claim("dynamics.throw_off_sgd", kThrowOff, std::move(measured),
                                     checks, outcome);
}

Claim last_iterate_claim(const SgdFacts& sgd, const WeightDecayStallFacts& wd,
                         std::string measured) {
  std::vector<Check> checks = {
      experiments::at_most("sgd.stationary_max_abs_z", worst_abs(sgd.stationary_z), kMaxAbsZ),
      experiments::abs_at_most("sgd.rms_ratio_z_vs_exact", sgd.rms_ratio_z, kMaxAbsZ),
      experiments::abs_at_most("sgd.exact_rms_ratio_over_sqrt_lr_ratio_minus_1",
                               sgd.exact_rms_ratio_over_sqrt - 1, kSqrtLawTolerance),
      experiments::at_most("weight_decay.stationary_max_abs_z", worst_abs(wd.stationary_z),
                           kMaxAbsZ),
      experiments::abs_at_most("weight_decay.rms_ratio_z_vs_exact", wd.ratio_z, kMaxAbsZ),
      experiments::abs_at_most("weight_decay.exact_rms_ratio_over_sqrt_lr_ratio_minus_1",
                               wd.exact_ratio_over_sqrt - 1, kSqrtLawTolerance)};
  const bool dropout_sqrt =
      experiments::passed(checks, "sgd.stationary_max_abs_z") &&
      experiments::passed(checks, "sgd.rms_ratio_z_vs_exact") &&
      experiments::passed(checks, "sgd.exact_rms_ratio_over_sqrt_lr_ratio_minus_1");
  const bool l2_sqrt =
      experiments::passed(checks, "weight_decay.stationary_max_abs_z") &&
      experiments::passed(checks, "weight_decay.rms_ratio_z_vs_exact") &&
      experiments::passed(checks, "weight_decay.exact_rms_ratio_over_sqrt_lr_ratio_minus_1");
  experiments::Outcome outcome;
  if (dropout_sqrt && l2_sqrt) {
    outcome = {"ordinary constant-step SGD noise",
               "the last iterate stalls at the exact stationary RMS, ∝ √lr, and weight-decay "
               "SGD without dropout stalls the same way at two learning rates (L2 included)"};
  } else if (dropout_sqrt) {
    outcome = {"∝ √lr for dropout; not confirmed for L2",
               "dropout SGD's stall follows √lr, but the weight-decay runs fail their check: " +
                   experiments::failed_checks_text(checks)};
  } else {
    outcome = experiments::not_confirmed(checks);
  }
  return experiments::measured_claim("dynamics.last_iterate_stalls", kThrowOff, std::move(measured),
                                     checks, outcome);
}

Claim introduce_noise_claim(double noise_ratio_half, double noise_ratio_post,
                            std::string measured) {
  std::vector<Check> checks = {
      experiments::above("long_run_covariance_ratio_q_0.5", noise_ratio_half, 1),
      experiments::above("long_run_covariance_ratio_q_1/11", noise_ratio_post, 1)};
  return experiments::decide(
      "dynamics.introduce_noise",
      "Unlike the L^2 norm, varying p actually means we will introduce noise into the network",
      std::move(measured), checks,
      {"true, and it costs a constant factor, not convergence",
       "at matched penalties dropout's long-run covariance is " + rounded(noise_ratio_half, 3) +
           "× that of weight decay (q = 0.5): an averaged run needs that many more steps"});
}

Claim clara_claim(const ClaraFacts& clara, std::string measured) {
  std::vector<Check> checks = {
      experiments::at_most("clara.max_variance_z", clara.max_variance_z, kMaxAbsZ),
      experiments::at_most("clara.max_mean_z", clara.max_mean_z, kMaxAbsZ),
      experiments::at_most("clara.alpha_halvings_where_variance_does_not_shrink",
                           clara.non_shrinking_steps, 0),
      experiments::below("clara.simplified_scheme_error_to_ols", clara.simplified_error, 1e-10)};
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

Claim weight_decay_match_claim(const EquivalenceFacts& eq, std::string measured) {
  std::vector<Check> checks = {
      experiments::at_most("equivalence.max_abs_z", eq.max_abs_z, kMaxAbsZ),
      experiments::above("equivalence.post_pair_ridge_distance", eq.post_pair_ridge_distance,
                         1e-3)};
  experiments::Outcome outcome;
  if (experiments::all_passed(checks)) {
    outcome = {"the post's pair is not matched",
               "for a linear model with MSE on standardised inputs and input dropout, q = 0.5 "
               "matches weight_decay " +
                   rounded(eq.weight_decay_for_half, 4) + ", not 0.2 (a factor " +
                   rounded(eq.weight_decay_for_half / 0.2, 3) +
                   "), and the two ridge solutions of the post's pair differ; this matching holds "
                   "only in that setting"};
  } else if (experiments::passed(checks, "equivalence.max_abs_z")) {
    outcome = {"matched", "the post's pair lands on the same ridge solution"};
  } else {
    outcome = experiments::not_confirmed(checks,
                                         "averaged SGD does not land on the ridge "
                                         "solution the matching predicts");
  }
  return experiments::measured_claim(
      "dynamics.weight_decay_matches_dropout",
      "To no surprise, both models have exactly the same accuracy score. This serves as further "
      "evidence the theorem holds.",
      std::move(measured), checks, outcome);
}

Claim wager_claim(const WagerFacts& wager, std::string measured) {
  const double square_law =
      std::max(std::abs(wager.small_s_slope_min - 2), std::abs(wager.small_s_slope_max - 2));
  std::vector<Check> checks = {experiments::at_most("wager.best_abs_ratio_error",
                                                    wager.best_abs_ratio_error, kQuadraticHolds),
                               experiments::above("wager.worst_abs_ratio_error",
                                                  wager.worst_abs_ratio_error, kQuadraticHolds),
                               experiments::at_most("wager.small_s_slope_max_distance_from_2",
                                                    square_law, kSquareLawTolerance)};
  experiments::Outcome outcome;
  if (experiments::all_passed(checks)) {
    outcome = {"for logistic loss only approximately quadratic",
               "the quadratic penalty is within 10% of the exact one for small weights or light "
               "dropout (its error falls like s²) and fails for large weights or heavy dropout; "
               "its weights σ(1−σ) depend on the data"};
  } else if (experiments::passed(checks, "wager.best_abs_ratio_error") &&
             experiments::passed(checks, "wager.small_s_slope_max_distance_from_2")) {
    outcome = {"approximately quadratic wherever measured",
               "the quadratic penalty is within 10% of the exact one at every cell"};
  } else {
    outcome = experiments::not_confirmed(checks);
  }
  return experiments::measured_claim(
      "dynamics.proof_for_classifier",
      "We have a proof that L^2 and marginalised dropout are equivalent", std::move(measured),
      checks, outcome);
}

}  // namespace dynamics
