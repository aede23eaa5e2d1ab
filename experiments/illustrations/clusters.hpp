// The post's three-dimensional data for Figure 3: three Gaussian clusters with diagonal
// covariances, drawn with the library's own generator (not scipy's), so a seed fixes them.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "autograd/random.hpp"

namespace illustrations {

using autograd::Array;
using autograd::Scalar;

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
