#include "experiments/illustrations/claims.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <xtensor/xmath.hpp>

#include "experiments/common/statistics.hpp"

namespace illustrations {

namespace {

using experiments::Check;
using experiments::Claim;
using experiments::Outcome;
using experiments::passed;

// last/first of each pair's distance, X against the last matrix.
std::vector<double> ratios(const RuleGeometry& g) {
  if (g.pairwise_distances.empty() || g.pairwise_distances.front().empty()) {
    throw std::invalid_argument("illustrations claims: the geometry has no pairwise_distances");
  }
  const std::vector<double>& first = g.pairwise_distances.front();
  const std::vector<double>& last = g.pairwise_distances.back();
  std::vector<double> r;
  for (std::size_t k = 0; k < first.size() && k < last.size(); ++k) r.push_back(last[k] / first[k]);
  return r;
}

}  // namespace

double largest_relative_distance_change(const RuleGeometry& g) {
  double largest = 0;
  for (const double ratio : ratios(g)) largest = std::max(largest, std::abs(ratio - 1));
  return largest;
}

double distance_ratio_spread(const RuleGeometry& g) {
  const std::vector<double> r = ratios(g);
  const auto [low, high] = std::minmax_element(r.begin(), r.end());
  return (*high - *low) / *high;
}

// Ratio k (0-based) is v(k+2)/v(k+1), so the step into n = 7 is ratio index 5.
double ratio_into_post_step(const VariationResults& v) {
  return v.exact_ratio_per_step.at(kPostStep - 2);
}

double median_ratio(const VariationResults& v) {
  return experiments::median(v.exact_ratio_per_step);
}

Claim pulled_together_claim(const RuleGeometry& l2, std::string measured) {
  const double ratio = l2.final_distance_ratio;
  const double change = largest_relative_distance_change(l2);
  std::vector<Check> checks = {
      experiments::below("l2.final_distance_ratio_minus_1", ratio - 1, -kRelativeTolerance),
      experiments::at_most("l2.largest_relative_distance_change", change, kRelativeTolerance)};
  Outcome outcome;
  if (passed(checks, "l2.final_distance_ratio_minus_1")) {
    outcome = {"holds", fmt::format("the distances between the points shrink (×{:.6g} after the "
                                    "last step)",
                                    ratio)};
  } else if (passed(checks, "l2.largest_relative_distance_change")) {
    outcome = {"wrong", fmt::format("a translation, not a pull: no distance between the points "
                                    "changes by more than {:.2g} (relative); only the log axes "
                                    "make the points look close",
                                    change)};
  } else {
    outcome = experiments::not_confirmed(
        checks, "the points neither come together nor keep their distances");
  }
  return experiments::measured_claim(
      "illustrations.l2_pulls_points_together",
      "We can see that after three iterations already, the regularization term has pulled "
      "together all points.",
      std::move(measured), checks, outcome);
}

Claim outlier_claim(const RuleGeometry& l2, std::string measured) {
  const std::vector<double>& d = l2.outlier_distance_from_others;
  const double ratio = d.back() / d.front();
  const bool still_farthest = l2.outlier_is_farthest.back();
  std::vector<Check> checks = {experiments::at_most("l2.outlier_distance_relative_change",
                                                    std::abs(ratio - 1), kRelativeTolerance),
                               experiments::is_true("l2.outlier_still_farthest", still_farthest)};
  Outcome outcome;
  if (ratio < 1 - kRelativeTolerance || !still_farthest) {
    outcome = {"holds", fmt::format("the outlier has come closer to the other points (×{:.6g}), "
                                    "or is no longer the farthest",
                                    ratio)};
  } else if (experiments::all_passed(checks)) {
    outcome = {"wrong",
               "the outlier is where it was, relative to the other points: its distance from "
               "them is unchanged and it is still the farthest"};
  } else {
    outcome = experiments::not_confirmed(checks, "the outlier moved away from the others");
  }
  return experiments::measured_claim("illustrations.outlier_eliminated",
                                     "Our outlier {3, 7} has been eliminated.", std::move(measured),
                                     checks, outcome);
}

Claim dropout_like_l2_claim(const RuleGeometry& l2, const RuleGeometry& dropout,
                            std::string measured) {
  const double l2_ratio = l2.final_distance_ratio;
  const double dropout_ratio = dropout.final_distance_ratio;
  std::vector<Check> checks = {
      experiments::at_most("l2.largest_relative_distance_change",
                           largest_relative_distance_change(l2), kRelativeTolerance),
      experiments::at_most("dropout.distance_ratio_spread", distance_ratio_spread(dropout),
                           kRelativeTolerance),
      experiments::above("dropout.largest_relative_distance_change",
                         largest_relative_distance_change(dropout), kRelativeTolerance),
      experiments::at_most("dropout_vs_l2.final_distance_ratio_relative_difference",
                           std::abs(dropout_ratio - l2_ratio) / l2_ratio, kRelativeTolerance)};
  const bool translation = passed(checks, "l2.largest_relative_distance_change");
  const bool scaling = passed(checks, "dropout.distance_ratio_spread") &&
                       passed(checks, "dropout.largest_relative_distance_change");
  Outcome outcome;
  if (passed(checks, "dropout_vs_l2.final_distance_ratio_relative_difference")) {
    outcome = {"holds", fmt::format("the two rules change the distances between the points alike "
                                    "(×{:.6g} and ×{:.6g})",
                                    dropout_ratio, l2_ratio)};
  } else if (translation && scaling) {
    outcome = {"wrong", fmt::format("the two computations do different things: the L2 rule "
                                    "translates the points (distances unchanged), the dropout "
                                    "rule scales them (every distance ×{:.6g})",
                                    dropout_ratio)};
  } else {
    outcome = experiments::not_confirmed(
        checks, "the rules move the points differently, but not as a translation and a scaling");
  }
  return experiments::measured_claim(
      "illustrations.dropout_like_l2",
      "From visible inspection we can see that the marginalized dropout works remarkably "
      "similar to the L2 norm.",
      std::move(measured), checks, outcome);
}

Claim figure2_claim() {
  return experiments::reasoning_claim(
      "illustrations.figure2_is_figure1",
      "result = np.vstack([initial_matrix, matrix_l2_1, matrix_l2_2])",
      "this line is in the post's dropout cell, before the figure it inspects: the cell computes "
      "matrix_droput_1 and matrix_droput_2, then stacks the L2 matrices of the first cell again, "
      "so the figure it inspects for dropout is Figure 1 drawn a second time (the code, quoted; "
      "no measurement can add to it)",
      {"the inspected figure shows no dropout",
       "copied from the L2 cell, its plot is of the L2 matrices; what the dropout matrices do is "
       "measured in the row on their motion"});
}

Claim collapse_claim(const VariationResults& v, std::string measured) {
  const double into_step = ratio_into_post_step(v);
  const double median = median_ratio(v);
  // A collapse is a spread that shrinks: max_j (1 − std_after_j/std_before_j) above the
  // tolerance. (The first check is two-sided: it also fails when a spread grows.)
  const TranslationCheck& t = v.translation;
  const double largest_fall = xt::amax(1.0 - t.std_after / t.std_before)();
  std::vector<Check> checks = {
      experiments::at_most("translation.max_relative_std_change", t.max_relative_std_change,
                           kRelativeTolerance),
      // Step 7 is special if its exact per-step ratio differs from the median by more than 1%.
      experiments::at_most("variation.ratio_into_step_7_relative_to_median",
                           std::abs(into_step - median) / median, 0.01),
      experiments::above("translation.largest_relative_std_fall", largest_fall,
                         kRelativeTolerance)};
  const bool spread_kept = passed(checks, "translation.max_relative_std_change");
  const bool nothing_at_7 = passed(checks, "variation.ratio_into_step_7_relative_to_median");
  const bool spread_shrinks = passed(checks, "translation.largest_relative_std_fall");
  Outcome outcome;
  if (spread_shrinks && !nothing_at_7) {
    outcome = {"holds", "the spread of the data shrinks, and the curve changes course at step 7"};
  } else if (spread_kept && nothing_at_7) {
    const std::string bend =
        v.first_departure_step == 0
            ? ""
            : fmt::format(
                  "the bend in the post's curve, at step {} here, is floating-point "
                  "rounding, and ",
                  v.first_departure_step);
    outcome = {"wrong", fmt::format("a translation, not a collapse: each column's spread is "
                                    "unchanged, and the exact curve falls by the same factor at "
                                    "every step, step 7 included; {}nothing is minimised",
                                    bend)};
  } else {
    outcome =
        experiments::not_confirmed(checks, "one of the two facts the verdict needs is missing");
  }
  return experiments::measured_claim(
      "illustrations.l2_collapses_distribution_minimum_after_7",
      "From Figure 3 we can see the L2 norm will quickly collapse this distribution, helping "
      "us to find a minimum after 7 iterations.",
      std::move(measured), checks, outcome);
}

}  // namespace illustrations
