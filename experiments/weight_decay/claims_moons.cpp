// The moons rows of the claims (row 3 of issue 20), and the list of every claim.
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "experiments/weight_decay/claims.hpp"

namespace weight_decay {

using experiments::Check;
using experiments::Claim;
using experiments::Outcome;

namespace {

// "from λ = 0.3", or "nowhere up to λ = 1" when no point of the grid collapsed.
std::string collapse_text(const MoonsSettings& settings, const MoonsResults& moons, Method method) {
  const double strength = collapse_strength(moons, method);
  if (std::isnan(strength)) {
    return fmt::format("{}: nowhere up to {} = {}", method_name(method), strength_name(method),
                       settings.grid(method).back());
  }
  return fmt::format("{}: from {} = {}", method_name(method), strength_name(method), strength);
}

// z of a paired difference; a difference with no spread over seeds is infinitely many SEs
// away from 0 unless it is 0 itself.
double paired_z(const experiments::MeanSe& difference) {
  if (difference.se > 0) return difference.mean / difference.se;
  if (difference.mean == 0) return 0;
  return std::copysign(std::numeric_limits<double>::max(), difference.mean);
}

bool collapses_later(double earlier, double later) {
  return !std::isnan(earlier) && (std::isnan(later) || later > earlier);
}

}  // namespace

Claim same_number_claim(const MoonsSettings& settings, const MoonsResults& moons) {
  const double lambda = settings.common_lambda;
  const SweepPoint& sgd = point(moons, Method::sgd_weight_decay, lambda);
  const SweepPoint& adamw = point(moons, Method::adamw, lambda);
  const experiments::MeanSe difference = paired_difference(sgd, adamw);
  const double sgd_collapse = collapse_strength(moons, Method::sgd_weight_decay);
  const double adam_collapse = collapse_strength(moons, Method::adam_l2);
  const double adamw_collapse = collapse_strength(moons, Method::adamw);
  // |z| as the value rather than abs_above, whose threshold text "|·| > 3" would be escaped in
  // the Markdown table, so the report's "because" would no longer read as summary.json's.
  std::vector<Check> checks = {experiments::is_true("adamw_collapses_at_larger_lambda_than_sgd",
                                                    collapses_later(sgd_collapse, adamw_collapse)),
                               experiments::above("abs_z_accuracy_adamw_minus_sgd_at_common_lambda",
                                                  std::abs(paired_z(difference)), kSignificantZ)};
  const bool adam_like_sgd = !std::isnan(sgd_collapse) && adam_collapse == sgd_collapse;
  const std::string measured = fmt::format(
      "moons MLP, {} seeds: test accuracy at λ = {} SGD {:.3f} ± {:.3f}, AdamW {:.3f} ± {:.3f} "
      "(paired difference {:+.3f} ± {:.3f}); constant predictors {}; {}; {}",
      sgd.runs.size(), lambda, sgd.test_accuracy.mean, sgd.test_accuracy.se,
      adamw.test_accuracy.mean, adamw.test_accuracy.se, difference.mean, difference.se,
      collapse_text(settings, moons, Method::sgd_weight_decay),
      collapse_text(settings, moons, Method::adam_l2),
      collapse_text(settings, moons, Method::adamw));
  Outcome outcome = experiments::not_confirmed(checks);
  if (experiments::all_passed(checks)) {
    outcome = {"wrong",
               fmt::format("AdamW's λ is on another scale: at λ = {} it scores {:+.3f} against "
                           "SGD ({:.1f} SE), and it collapses only at a larger λ; {}",
                           lambda, difference.mean, paired_z(difference),
                           adam_like_sgd ? "Adam + L2, which minimises SGD's penalised loss, "
                                           "collapses at the same λ as SGD"
                                         : "Adam + L2 collapses at another λ than SGD too")};
  }
  return experiments::measured_claim(
      "weight_decay.same_number",
      "(not the post's words: the reading issue 20 tests) the same weight_decay number means the "
      "same regularisation under SGD, Adam and AdamW",
      measured, checks, outcome);
}

Claim dropout_claim(const MoonsSettings& settings, const MoonsResults& moons) {
  const double largest_p = settings.drop_probs.back();
  const SweepPoint& strongest = point(moons, Method::adam_dropout, largest_p);
  bool every_decay_collapses = true;
  for (const Method m : {Method::sgd_weight_decay, Method::adam_l2, Method::adamw}) {
    every_decay_collapses = every_decay_collapses && !std::isnan(collapse_strength(moons, m));
  }
  std::vector<Check> checks = {
      experiments::is_true("dropout_never_collapses_on_its_grid",
                           std::isnan(collapse_strength(moons, Method::adam_dropout))),
      experiments::is_true("every_weight_decay_collapses_on_its_grid", every_decay_collapses)};
  const std::string measured = fmt::format(
      "moons MLP with nn.Dropout after each hidden ReLU, trained by Adam: at drop probability "
      "{} test accuracy {:.3f} ± {:.3f}, constant predictors on {} of {} seeds",
      largest_p, strongest.test_accuracy.mean, strongest.test_accuracy.se, strongest.constant_seeds,
      strongest.runs.size());
  return experiments::decide(
      "weight_decay.dropout_scale",
      "dropout becomes equivalent to ridge regression (L2 regression loss)", measured, checks,
      {"no equivalent λ on the MLP",
       fmt::format("no drop probability up to {} collapses the MLP (accuracy {:.3f} at {}), "
                   "while each weight decay does on its grid: dropout's strength is not on any "
                   "optimizer's λ scale",
                   largest_p, strongest.test_accuracy.mean, largest_p)});
}

std::vector<Claim> all_claims(const Settings& settings, const LinearResults& linear,
                              const MoonsResults& moons) {
  return {sgd_claim(linear, moons),
          adam_l2_claim(linear, moons),
          adamw_not_l2_claim(linear),
          adam_l2_end_point_claim(linear),
          rescaling_claim(linear),
          per_step_claim(),
          same_number_claim(settings.moons, moons),
          dropout_claim(settings.moons, moons)};
}

}  // namespace weight_decay
