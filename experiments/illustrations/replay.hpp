// The post's three intuition-building computations, replayed exactly as its code writes them
// (shared/reference/blog-dropout-vs-l2.txt, the cells before Figure 1, 2 and 3), and the data of
// the third. Nothing here is corrected: the point is to know what the code really computed. What
// the computations mean is in geometry.hpp; what L2 and dropout really do is in weights.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"

namespace illustrations {

using autograd::Array;
using autograd::Scalar;

// The post's initial matrix X = [[1, 1], [2, 3], [3, 7]]; its last row is "our outlier {3, 7}".
Array post_matrix();

// The post's "L2 norm" with f = identity and λ' = 1:
//   matrix_l2_1 = initial_matrix + (1/2)*np.sum(np.square(initial_matrix)),
// i.e. X + ½·Σ_ij X_ij²: one scalar added to every entry.
Array post_l2_step(const Array& X);

// The post's "marginalised dropout" multiplier
//   np.sum(np.sqrt(np.power(np.diag(np.dot(X, X.T)), 1/2))) = Σ_i ((XXᵀ)_ii^½)^½ = Σ_i ‖x_i‖^½,
// the sum over rows of the square root of each row's length (evaluated in numpy's order), and
// the step X · factor: one scalar multiplying every entry.
Scalar post_dropout_factor(const Array& X);
Array post_dropout_step(const Array& X);

// np.linalg.norm(X, 2) of a 2-D array: the largest singular value, √λ_max(XᵀX).
Scalar spectral_norm(const Array& X);

// Per-column mean and standard deviation with ddof 0 (numpy's defaults), by two passes, each
// summing row after row as numpy's reduction over axis 0 of a row-major array does (plain
// running sums, not numpy's pairwise summation, which it uses only along contiguous rows).
Array column_mean(const Array& X);
Array column_std(const Array& X);
// scipy.stats.variation(X) (axis 0, ddof 0): the coefficient of variation std/mean per column.
Array column_variation(const Array& X);

// The same standard deviation with compensated (Neumaier) sums for the mean and the squared
// deviations: not what numpy does, but nearly free of summation error. It tells apart the two
// ways the post's loop loses its data once the offset is large: the rounding of the data
// themselves (which this still sees) and the rounding inside numpy's plain sums (which it
// does not).
Array compensated_column_std(const Array& X);

// The post's loop, in floating point exactly as written:
//   for n in 1..steps: data = data + np.linalg.norm(data, 2); record variation(data).mean()
struct VariationReplay {
  std::vector<Scalar> added;      // ‖data‖₂ added at step n (n = 1..steps)
  std::vector<Scalar> variation;  // mean over columns of std/mean after step n
  // max over columns of |std_n / std_0 − 1|: how far the replayed data's spread, computed as
  // numpy computes it, has drifted from the original's (0 in exact arithmetic; geometry.hpp)
  std::vector<Scalar> spread_drift;
  // the same with compensated_column_std: the drift due to the rounding of the data alone
  std::vector<Scalar> data_drift;
};
VariationReplay replay_variation(const Array& data, std::size_t steps);

// The post's three-dimensional data for Figure 3: three Gaussian clusters with diagonal
// covariances, drawn with the library's own generator (not scipy's), so a seed fixes them.
struct GaussianCluster {
  std::array<Scalar, 3> mean;
  std::array<Scalar, 3> variance;  // the diagonal of the covariance matrix
};

// mu1 = (0,0,0), Σ1 = I; mu2 = (5,0,0), Σ2 = 2I; mu3 = (10,5,0), Σ3 = diag(3,3,1).
std::vector<GaussianCluster> post_clusters();

// points_per_cluster rows from each cluster, in the clusters' order (the post's
// np.concatenate): x = mean + √variance ∗ z with z standard normal, drawn row by row.
Array sample_clusters(const std::vector<GaussianCluster>& clusters, std::size_t points_per_cluster,
                      autograd::Generator& gen);

}  // namespace illustrations
