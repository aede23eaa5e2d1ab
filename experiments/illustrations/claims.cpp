#include "experiments/illustrations/claims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "experiments/common/output.hpp"

namespace illustrations {

namespace {

using experiments::Check;
using experiments::Claim;
using experiments::Outcome;
using experiments::rounded;

std::vector<double> ratios(const Motion& m) {
  std::vector<double> r;
  for (std::size_t k = 0; k < m.first_distances.size() && k < m.last_distances.size(); ++k) {
    r.push_back(m.last_distances[k] / m.first_distances[k]);
  }
  return r;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double largest_relative_distance_change(const Motion& m) {
  const std::vector<double> r = ratios(m);
  if (r.empty()) return kNaN;
  double largest = 0;
  for (const double x : r) largest = std::max(largest, std::abs(x - 1));
  return largest;
}

double distance_ratio_spread(const Motion& m) {
  const std::vector<double> r = ratios(m);
  if (r.empty()) return kNaN;
  const auto [low, high] = std::minmax_element(r.begin(), r.end());
  return (*high - *low) / *high;
}

double final_distance_ratio(const Motion& m) {
  const std::vector<double> r = ratios(m);
  return r.empty() ? kNaN : r.front();
}

double ratio_into_post_step(const VariationMeasurements& v) {
  // ratio k (0-based) is v(k+2)/v(k+1), so the step into n = 7 is ratio index 5.
  return kPostStep - 2 < v.exact_ratio_per_step.size() ? v.exact_ratio_per_step[kPostStep - 2]
                                                       : kNaN;
}

double median_ratio(const VariationMeasurements& v) {
  if (v.exact_ratio_per_step.empty()) return kNaN;
  std::vector<double> sorted = v.exact_ratio_per_step;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  return sorted[sorted.size() / 2];
}

Claim pulled_together_claim(const Motion& l2, std::string measured) {
  const double ratio = final_distance_ratio(l2);
  const double change = largest_relative_distance_change(l2);
  std::vector<Check> checks = {
      experiments::below("l2.final_distance_ratio_minus_1", ratio - 1, -kRelativeTolerance),
      experiments::at_most("l2.largest_relative_distance_change", change, kRelativeTolerance)};
  Outcome outcome;
  if (experiments::passed(checks, "l2.final_distance_ratio_minus_1")) {
    outcome = {"holds", "the distances between the points shrink (×" + rounded(ratio, 6) +
                            " after the last step)"};
  } else if (experiments::passed(checks, "l2.largest_relative_distance_change")) {
    outcome = {"wrong",
               "a translation, not a pull: no distance between the points changes by "
               "more than " +
                   rounded(change, 2) +
                   " (relative); only the log axes make the points look close"};
  } else {
    outcome = experiments::not_confirmed(checks,
                                         "the points neither come together nor keep "
                                         "their distances");
  }
  return experiments::measured_claim(
      "illustrations.l2_pulls_points_together",
      "We can see that after three iterations already, the regularization term has pulled "
      "together all points.",
      std::move(measured), checks, outcome);
}

Claim outlier_claim(const Motion& l2, std::string measured) {
  const auto& d = l2.outlier_distance_from_others;
  const double ratio = d.empty() ? kNaN : d.back() / d.front();
  std::vector<Check> checks = {
      experiments::at_most("l2.outlier_distance_relative_change", std::abs(ratio - 1),
                           kRelativeTolerance),
      experiments::is_true("l2.outlier_still_farthest", l2.outlier_still_farthest)};
  Outcome outcome;
  if (ratio < 1 - kRelativeTolerance || !l2.outlier_still_farthest) {
    outcome = {"holds", "the outlier has come closer to the other points (×" + rounded(ratio, 6) +
                            "), or is no longer the farthest"};
  } else if (experiments::all_passed(checks)) {
    outcome = {"wrong",
               "the outlier is where it was, relative to the other points: its "
               "distance from them is unchanged and it is still the farthest"};
  } else {
    outcome = experiments::not_confirmed(checks, "the outlier moved away from the others");
  }
  return experiments::measured_claim("illustrations.outlier_eliminated",
                                     "Our outlier {3, 7} has been eliminated.", std::move(measured),
                                     checks, outcome);
}

Claim dropout_like_l2_claim(const Motion& l2, const Motion& dropout, std::string measured) {
  const double l2_ratio = final_distance_ratio(l2);
  const double dropout_ratio = final_distance_ratio(dropout);
  std::vector<Check> checks = {
      experiments::at_most("l2.largest_relative_distance_change",
                           largest_relative_distance_change(l2), kRelativeTolerance),
      experiments::at_most("dropout.distance_ratio_spread", distance_ratio_spread(dropout),
                           kRelativeTolerance),
      experiments::above("dropout.largest_relative_distance_change",
                         largest_relative_distance_change(dropout), kRelativeTolerance),
      experiments::at_most("dropout_vs_l2.final_distance_ratio_relative_difference",
                           std::abs(dropout_ratio - l2_ratio) / l2_ratio, kRelativeTolerance)};
  const bool translation = experiments::passed(checks, "l2.largest_relative_distance_change");
  const bool scaling = experiments::passed(checks, "dropout.distance_ratio_spread") &&
                       experiments::passed(checks, "dropout.largest_relative_distance_change");
  Outcome outcome;
  if (experiments::passed(checks, "dropout_vs_l2.final_distance_ratio_relative_difference")) {
    outcome = {"holds", "the two rules change the distances between the points alike (×" +
                            rounded(dropout_ratio, 6) + " and ×" + rounded(l2_ratio, 6) + ")"};
  } else if (translation && scaling) {
    outcome = {"wrong",
               "the two computations do different things: the L2 rule translates the "
               "points (distances unchanged), the dropout rule scales them (every "
               "distance ×" +
                   rounded(dropout_ratio, 6) + ")"};
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
      "matrix_droput_1 and matrix_droput_2, then stacks the L2 "
      "matrices of the first cell again, so the figure it inspects for dropout is Figure 1 drawn "
      "a second time (the code, quoted; no measurement can add to it)",
      {"the inspected figure shows no dropout",
       "copied from the L2 cell, its plot is of the L2 matrices; what the dropout matrices do is "
       "measured in the row on their motion"});
}

Claim collapse_claim(const VariationMeasurements& v, std::string measured) {
  const double into_step = ratio_into_post_step(v);
  const double median = median_ratio(v);
  std::vector<Check> checks = {
      experiments::at_most("translation.max_relative_std_change", v.max_relative_std_change,
                           kRelativeTolerance),
      // Step 7 is special if its exact per-step ratio differs from the median by more than 1%.
      experiments::at_most("variation.ratio_into_step_7_relative_to_median",
                           std::abs(into_step - median) / median, 0.01)};
  const bool spread_kept = experiments::passed(checks, "translation.max_relative_std_change");
  const bool nothing_at_7 =
      experiments::passed(checks, "variation.ratio_into_step_7_relative_to_median");
  Outcome outcome;
  if (!spread_kept && !nothing_at_7) {
    outcome = {"holds", "the spread of the data shrinks, and the curve changes course at step 7"};
  } else if (spread_kept && nothing_at_7) {
    std::string because =
        "a translation, not a collapse: each column's spread is unchanged, "
        "and the exact curve falls by the same factor at every step, step 7 "
        "included; ";
    if (v.first_departure_step > 0) {
      because += "the bend in the post's curve, at step " + std::to_string(v.first_departure_step) +
                 " here, is floating-point rounding, and ";
    }
    outcome = {"wrong", because + "nothing is minimised"};
  } else {
    outcome = experiments::not_confirmed(checks,
                                         "one of the two facts the verdict needs is "
                                         "missing");
  }
  return experiments::measured_claim(
      "illustrations.l2_collapses_distribution_minimum_after_7",
      "From Figure 3 we can see the L2 norm will quickly collapse this distribution, helping "
      "us to find a minimum after 7 iterations.",
      std::move(measured), checks, outcome);
}

}  // namespace illustrations
