// What the post's computations do to the points, measured in exact terms: its "L2 norm" is a
// translation (distances unchanged), its "marginalised dropout" is a scaling (distances
// multiplied), and its variation curve is a translation too, whose coefficient of variation
// falls only because the mean grows.
#pragma once

#include <cstddef>
#include <vector>

#include "autograd/tensor.hpp"

namespace illustrations {

using autograd::Array;
using autograd::Scalar;

// ‖v‖ = √(Σ v²).
Scalar euclidean_norm(const Array& v);

// Euclidean distances between the rows of `points`, for every pair i < j in the order
// (0,1), (0,2), …, (1,2), …
std::vector<Scalar> pairwise_distances(const Array& points);

// The same distances between the rows of log10(points) (entries must be positive): what a
// log-log scatter plot shows as "close together".
std::vector<Scalar> log_pairwise_distances(const Array& points);

// Distance of row `row` from the centroid of the other rows.
Scalar distance_from_others(const Array& points, std::size_t row);

// What one rule (the post's "L2 norm" or its "dropout") does to the points, over its matrices
// X, X₁, X₂: per matrix the pairwise distances, the same on log axes, the largest of those, and
// the outlier's distance from the centroid of the others and whether it is the farthest point.
struct RuleGeometry {
  std::vector<std::vector<Scalar>> pairwise_distances, log10_pairwise_distances;
  std::vector<Scalar> largest_log10_distance, outlier_distance_from_others;
  std::vector<bool> outlier_is_farthest;
  Scalar max_abs_distance_change = 0;  // over matrices and pairs, against X
  // Each matrix's distances over X's, smallest and largest over matrices and pairs (a scaling
  // gives one ratio per matrix); the final ratio is the last matrix's first pair's.
  Scalar min_distance_ratio = 0, max_distance_ratio = 0, final_distance_ratio = 0;
};
RuleGeometry measure_rule(const std::vector<Array>& matrices, std::size_t outlier_row);

// Adding a constant c to every entry: std(X + c) = std(X) per column, mean(X + c) = mean(X) + c,
// so std/mean falls by the factor mean/(mean + c) and for no other reason. Measured, in
// floating point, for one c.
struct TranslationCheck {
  Scalar shift = 0;
  Array std_before, std_after;
  Array mean_before, mean_after;
  Scalar max_relative_std_change = 0;  // max_j |std_after_j / std_before_j − 1|
  Scalar max_relative_mean_error = 0;  // max_j |mean_after_j − (mean_before_j + c)| / mean_after_j
  Scalar max_variation_ratio_error =
      0;  // max_j |CV_after_j/CV_before_j − mean_before_j/mean_after_j|
          //   relative to mean_before_j/mean_after_j
};
TranslationCheck check_translation(const Array& data, Scalar shift);

// The post's loop (data ← data + ‖data‖₂, 15 times) without rounding the data: the data after
// n steps is data₀ + C_n (one scalar C_n), so it is carried as data₀ and C_n. The step
// c = σ_max(data₀ + C) comes from the Gram matrix
//   (data₀ + C·11ᵀ)ᵀ(data₀ + C·11ᵀ) = data₀ᵀdata₀ + C·(s1ᵀ + 1sᵀ) + N·C²·11ᵀ,
// s the column sums, which never forms data₀ + C; the coefficient of variation is then
// std₀_j / (mean₀_j + C_n) per column, exact up to one rounding of mean₀_j + C_n.
struct ExactVariation {
  std::vector<Scalar> offsets;    // C_n = Σ_{k ≤ n} c_k
  std::vector<Scalar> variation;  // mean over columns of std₀_j / (mean₀_j + C_n)
};
ExactVariation exact_variation(const Array& data, std::size_t steps);

}  // namespace illustrations
