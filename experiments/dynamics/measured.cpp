// The "measured" column of the verdict table: for each claim, what was measured, with the
// numbers in place. Learning rates and probabilities are printed as given ({}); weight decays as
// PyTorch's argument would be written ({:#}: 2.0).
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "experiments/dynamics/claims.hpp"
#include "experiments/dynamics/report.hpp"

namespace dynamics {

namespace {

std::string sgd_convergence(const SgdResult& sgd) {
  const SgdAtLr& large = sgd.by_lr[0];
  const SgdAtLr& small = sgd.by_lr[1];
  return fmt::format(
      "per-sample SGD, a fresh mask each step (design A, p = {}), rows drawn uniformly with "
      "replacement (the post takes them in a fixed order), constant lr, {} runs of {} steps per "
      "lr: the Polyak average's error falls with log-log slope {:.3g} (lr {}) and {:.3g} (lr {}); "
      "1/√K is −0.5; per-run mean slopes {:.3g} ± {:.2g} and {:.3g} ± {:.2g}. The constant: tr Σ∞ "
      "from batch means {:.4g} ± {:.2g} vs exact {:.4g} (z = {:.2g}), {:.4g} ± {:.2g} vs {:.4g} "
      "(z = {:.2g}). ",
      sgd.retain_prob, sgd.runs, sgd.K.back(), large.averaged_slope, large.lr, small.averaged_slope,
      small.lr, large.averaged_slope_runs_mean, large.averaged_slope_runs_se,
      small.averaged_slope_runs_mean, small.averaged_slope_runs_se, large.long_run_trace,
      large.long_run_trace_se, large.exact_long_run_trace, large.long_run_z, small.long_run_trace,
      small.long_run_trace_se, small.exact_long_run_trace, small.long_run_z);
}

std::string stability_and_order(const Results& r) {
  const StabilityResult& st = r.sgd_stability;
  std::string text = fmt::format(
      "Slowing: at matched penalties dropout's long-run covariance is {:.3g}× that of weight "
      "decay. The second moments converge only for lr below {:.4g} (plain SGD on the same rows, "
      "no dropout: below {:.4g}; the dropout mean for lr below {:.4g}; our larger lr is {:.3g}× "
      "the bound). {} runs of {} steps at",
      r.equivalence.pairs[0].noise_ratio(), st.second_moment_lr_bound,
      st.plain_sgd_second_moment_lr_bound, st.mean_lr_bound, st.lr_large_over_bound, st.runs,
      st.steps);
  for (const BlowUpAtLr& at : st.by_lr) {
    text += fmt::format(" {:.3g}× the bound: {} diverge (‖w − w*‖ > {:.2g});", at.lr_over_bound,
                        at.diverged_runs, kDivergedError);
  }
  const FixedOrderResult& fo = r.sgd_fixed_order;
  const bool order_lr = std::abs(fo.bias_ratio - fo.lr_ratio) <= kMaxAbsZ * fo.bias_ratio_se;
  return text + fmt::format(
                    " with rows in the post's fixed order the averaged iterate is biased by {:.3g} "
                    "± {:.2g} (lr {}) and {:.3g} ± {:.2g} (lr {}): ratio {:.3g} for an lr ratio "
                    "of {:.3g} ({})",
                    fo.averaged_bias_norm[0], fo.averaged_bias_norm_se[0], fo.lr[0],
                    fo.averaged_bias_norm[1], fo.averaged_bias_norm_se[1], fo.lr[1], fo.bias_ratio,
                    fo.lr_ratio,
                    order_lr ? "within 4 SE of it: a bias of order lr"
                             : "more than 4 SE from it: not a bias of order lr");
}

std::string last_iterate(const Results& r) {
  const SgdAtLr& large = r.sgd.by_lr[0];
  const SgdAtLr& small = r.sgd.by_lr[1];
  const RmsRatio& ratio = r.sgd.rms_ratio;
  const WeightDecayStallResult& wd = r.weight_decay_stall;
  const EquivalencePair& half = r.equivalence.pairs[0];
  return fmt::format(
      "(the same sentence, for the last iterate) the last iterate stalls at RMS {:.4g} (lr {}; "
      "exact √tr M = {:.4g}, z = {:.2g}) and {:.4g} (lr {}; exact {:.4g}, z = {:.2g}): ratio "
      "{:.4g} ± {:.2g} against the exact {:.4g} and √(lr ratio) = {:.4g}. Weight-decay SGD "
      "without dropout (standardised design A, weight_decay {:#}) stalls at RMS {:.4g} (lr {}; "
      "exact {:.4g}) and {:.4g} (lr {}; exact {:.4g}): ratio {:.4g} ± {:.2g}, √(lr ratio) = "
      "{:.4g} (at lr {}, RMS {:.3g} vs {:.3g} with matched dropout q = {})",
      large.stationary_rms, large.lr, large.exact_stationary_rms, large.stationary_z,
      small.stationary_rms, small.lr, small.exact_stationary_rms, small.stationary_z,
      ratio.measured, ratio.se, ratio.exact, ratio.sqrt_lr_ratio, wd.weight_decay,
      wd.stationary_rms[0], wd.lr[0], wd.exact_stationary_rms[0], wd.stationary_rms[1], wd.lr[1],
      wd.exact_stationary_rms[1], wd.rms_ratio, wd.rms_ratio_se, wd.sqrt_lr_ratio, r.equivalence.lr,
      std::sqrt(half.weight_decay_sgd.stationary_msq), std::sqrt(half.dropout.stationary_msq),
      half.drop_prob);
}

std::string introduce_noise(const EquivalenceResult& eq) {
  const EquivalencePair& half = eq.pairs[0];
  const EquivalencePair& post = eq.pairs[1];
  return fmt::format(
      "at matched penalties (the weight-decay row below) dropout's gradient noise makes the "
      "long-run covariance of SGD {:.3g}× (exact {:.3g}×) that of weight decay at q = {}, and "
      "{:.3g}× (exact {:.3g}×) at q = {:.4g}",
      half.noise_ratio(), half.exact_noise_ratio(), half.drop_prob, post.noise_ratio(),
      post.exact_noise_ratio(), post.drop_prob);
}

std::string clara(const Settings& settings, const ClaraResult& c) {
  return fmt::format(
      "their scheme β ← β + α·D·Xᵀ(y − X·D·β), p = {}, α = {:.4g} = {}/λ_max(XᵀX) and smaller: "
      "the mean of {} chains converges geometrically (rate {:.3g} per step) to β̃ = w*(p) (max "
      "|z| {:.2g}); the stationary variance is not zero and matches the exact fixed point M = "
      "E[(I − αA_D)M(I − αA_D)ᵀ] + α²E[ξξᵀ] (max |z| over α and coordinates {:.2g}); halving α "
      "multiplies tr M by {:.3g}. Without the mask in the residual every chain ends at ordinary "
      "least squares (max error {:.2g})",
      c.retain_prob, c.alpha[0], settings.clara_alpha_factor, c.chains, c.mean_rate[0],
      max_abs_mean_z(c), max_abs_variance_z(c),
      c.exact_total_variance[1] / c.exact_total_variance[0], c.simplified_max_error_to_ols);
}

std::string weight_decay_match(const EquivalenceResult& eq) {
  return fmt::format(
      "(weight_decay = {} against nn.Dropout({})) for a linear model with MSE on standardised "
      "inputs and dropout on the inputs, dropout q matches weight decay 2q/(1−q): q = {} needs "
      "weight_decay = {:#}, and weight_decay = {} matches q = {:.4g} (1/{:.4g}). Averaged SGD "
      "with each lands on the closed-form ridge solution (max |z| {:.2g}, max difference "
      "{:.2g}); the two ridge solutions of the post's pair differ by {:.3g}. This is not the "
      "post's setting: its MLP has hidden dropout and BCE, where the moons section measures what "
      "weight_decay = {} does",
      kPostWeightDecay, kPostDropProb, eq.pairs[0].drop_prob, eq.wd_for_q_half, kPostWeightDecay,
      eq.q_for_wd_0_2, 1 / eq.q_for_wd_0_2, eq.max_abs_z, eq.max_difference,
      eq.post_pair_ridge_distance, kPostWeightDecay);
}

std::string wager(const Results& r) {
  std::string holds, fails;
  for (const WagerCell& cell : r.wager.table) {
    std::string& list = ratio_error(cell) <= kQuadraticHolds ? holds : fails;
    list += fmt::format("{}(δ {:.4g}, s {:.4g})", list.empty() ? "" : ", ", cell.delta, cell.s);
  }
  const WagerExtremes e = extremes(r.wager.table, r.wager.small_s);
  return fmt::format(
      "(then used for a classifier trained with BCE) logistic regression (Wager et al., 2013), "
      "design C: the quadratic approximation is within 10% of the exact dropout penalty at {}; "
      "it fails at {} (|quadratic ÷ exact − 1| up to {:.4g}). For small s the relative error "
      "shrinks with log-log slope {:.3g} to {:.3g} (s² is 2)",
      holds.empty() ? "none" : holds, fails.empty() ? "none" : fails, e.worst_ratio_error,
      e.slope_min, e.slope_max);
}

}  // namespace

std::vector<experiments::Claim> dynamics_claims(const Settings& settings, const Results& r) {
  return {throw_off_claim(r.sgd, r.sgd_stability, r.equivalence,
                          sgd_convergence(r.sgd) + stability_and_order(r)),
          last_iterate_claim(r.sgd, r.weight_decay_stall, last_iterate(r)),
          introduce_noise_claim(r.equivalence, introduce_noise(r.equivalence)),
          clara_claim(r.clara, clara(settings, r.clara)),
          clara_d_squared_claim(),
          weight_decay_match_claim(r.equivalence, weight_decay_match(r.equivalence)),
          wager_claim(r.wager.table, r.wager.small_s, wager(r))};
}

}  // namespace dynamics
