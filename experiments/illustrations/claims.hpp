// The illustrations' claims: each conclusion the post draws from its three computations,
// decided by named checks on what the computation does to the points (a translation, a
// scaling, a pull), with the copy-pasted second figure as a reasoning row. Each claim is a
// function of typed measurements, so a test can drive its verdict both ways.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "experiments/common/claims.hpp"

namespace illustrations {

// Geometric facts are decided at this relative tolerance: far above double rounding of the
// small matrices (~1e-16), far below any change a plot could show.
constexpr double kRelativeTolerance = 1e-12;
// The step at which the post sees its minimum.
constexpr std::size_t kPostStep = 7;

// What one rule (L2 or dropout, as the post's code writes them) does to the three points.
struct Motion {
  std::vector<double> first_distances;               // pairwise distances in X
  std::vector<double> last_distances;                // the same pairs after the last step
  std::vector<double> outlier_distance_from_others;  // per matrix, X first
  bool outlier_still_farthest = true;                // in the last matrix
};

// max over pairs of |last/first − 1|: 0 for a translation.
double largest_relative_distance_change(const Motion& m);
// (max − min)/max of the ratios last/first over pairs: 0 when one factor scales them all.
double distance_ratio_spread(const Motion& m);
// last/first of the first pair (for a scaling, the factor).
double final_distance_ratio(const Motion& m);

// The third computation (the clusters), as its claim needs it.
struct VariationMeasurements {
  double max_relative_std_change = 0;        // a translation keeps each column's spread
  std::vector<double> exact_ratio_per_step;  // v(n+1)/v(n) in exact arithmetic, n = 1, 2, ...
  std::size_t first_departure_step = 0;      // where doubles leave the exact curve; 0: never
};
// The exact curve's per-step ratio into kPostStep, and the median of all ratios.
double ratio_into_post_step(const VariationMeasurements& v);
double median_ratio(const VariationMeasurements& v);

// `measured` is the table's text of what was measured (built from the summary's numbers).
experiments::Claim pulled_together_claim(const Motion& l2, std::string measured);
experiments::Claim outlier_claim(const Motion& l2, std::string measured);
experiments::Claim dropout_like_l2_claim(const Motion& l2, const Motion& dropout,
                                         std::string measured);
// Reasoning: the post's second figure stacks the L2 matrices again (its code, quoted).
experiments::Claim figure2_claim();
experiments::Claim collapse_claim(const VariationMeasurements& v, std::string measured);

}  // namespace illustrations
