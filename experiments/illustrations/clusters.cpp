#include "experiments/illustrations/clusters.hpp"

#include <cmath>
#include <stdexcept>

#include <xtensor/xview.hpp>

namespace illustrations {

std::vector<GaussianCluster> post_clusters() {
  return {{{0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}},
          {{5.0, 0.0, 0.0}, {2.0, 2.0, 2.0}},
          {{10.0, 5.0, 0.0}, {3.0, 3.0, 1.0}}};
}

Array sample_clusters(const std::vector<GaussianCluster>& clusters, std::size_t points_per_cluster,
                      autograd::Generator& gen) {
  if (clusters.empty() || points_per_cluster == 0) {
    throw std::invalid_argument("sample_clusters: need at least one cluster and one point each");
  }
  constexpr std::size_t kDimensions = 3;
  Array points = xt::zeros<Scalar>({clusters.size() * points_per_cluster, kDimensions});
  std::size_t row = 0;
  for (const GaussianCluster& cluster : clusters) {
    for (std::size_t i = 0; i < points_per_cluster; ++i, ++row) {
      for (std::size_t j = 0; j < kDimensions; ++j) {
        if (cluster.variance[j] < 0) {
          throw std::invalid_argument("sample_clusters: a variance is negative: " +
                                      std::to_string(cluster.variance[j]));
        }
        // A diagonal covariance: the coordinates are independent normals.
        points(row, j) =
            cluster.mean[j] + std::sqrt(cluster.variance[j]) * autograd::standard_normal(gen);
      }
    }
  }
  return points;
}

}  // namespace illustrations
