#include "experiments/illustrations/replay.hpp"

#include <cmath>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "experiments/common/linalg.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"

namespace illustrations {

namespace linalg = experiments::linalg;

namespace {
void check_matrix(const Array& X, const char* what) {
  if (X.dimension() != 2 || X.shape()[0] == 0 || X.shape()[1] == 0) {
    throw std::invalid_argument(std::string("illustrations::") + what +
                                ": need a non-empty 2-D matrix, got shape " +
                                autograd::shape_to_string(X.shape()));
  }
}
}  // namespace

Array post_matrix() {
  return Array{{1.0, 1.0}, {2.0, 3.0}, {3.0, 7.0}};
}

Array post_l2_step(const Array& X) {
  check_matrix(X, "post_l2_step");
  Scalar sum_of_squares = 0;  // np.sum(np.square(X)), in row-major order
  for (const Scalar x : X) sum_of_squares += x * x;
  return X + 0.5 * sum_of_squares;
}

Scalar post_dropout_factor(const Array& X) {
  check_matrix(X, "post_dropout_factor");
  // The post's operations in its order: (XXᵀ)_ii = Σ_j x_ij², then power(·, 1/2), sqrt, and
  // a sum over rows. The diagonal is summed in plain loops rather than through BLAS, so the
  // result does not depend on whether a BLAS kernel fuses multiply-adds. glibc's pow and sqrt
  // are correctly rounded on these inputs; numpy 1.24 on AVX-512 machines evaluates np.power
  // with SVML, which can be one unit in the last place off, so numpy's own result may differ
  // from this one in the last bit (tests/experiments/illustrations/test_replay.cpp).
  Scalar factor = 0;
  for (std::size_t i = 0; i < X.shape()[0]; ++i) {
    Scalar squared_norm = 0;
    for (std::size_t j = 0; j < X.shape()[1]; ++j) squared_norm += X(i, j) * X(i, j);
    factor += std::sqrt(std::pow(squared_norm, 0.5));
  }
  return factor;
}

Array post_dropout_step(const Array& X) {
  return X * post_dropout_factor(X);
}

Scalar spectral_norm(const Array& X) {
  check_matrix(X, "spectral_norm");
  return std::sqrt(dropout_ridge::largest_eigenvalue(linalg::gram(X)));
}

Array column_mean(const Array& X) {
  check_matrix(X, "column_mean");
  const std::size_t rows = X.shape()[0], columns = X.shape()[1];
  Array mean = xt::zeros<Scalar>({columns});
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns; ++j) mean(j) += X(i, j);
  }
  return mean / static_cast<Scalar>(rows);
}

Array column_std(const Array& X) {
  const Array mean = column_mean(X);
  const std::size_t rows = X.shape()[0], columns = X.shape()[1];
  Array squares = xt::zeros<Scalar>({columns});
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns; ++j) {
      const Scalar deviation = X(i, j) - mean(j);
      squares(j) += deviation * deviation;
    }
  }
  return xt::sqrt(squares / static_cast<Scalar>(rows));
}

namespace {
// Neumaier's improvement of Kahan summation: the running sum plus a running correction.
class CompensatedSum {
 public:
  void add(Scalar x) {
    const Scalar t = sum_ + x;
    correction_ += std::abs(sum_) >= std::abs(x) ? (sum_ - t) + x : (x - t) + sum_;
    sum_ = t;
  }
  Scalar value() const { return sum_ + correction_; }

 private:
  Scalar sum_ = 0, correction_ = 0;
};
}  // namespace

Array compensated_column_std(const Array& X) {
  check_matrix(X, "compensated_column_std");
  const std::size_t rows = X.shape()[0], columns = X.shape()[1];
  Array std = xt::zeros<Scalar>({columns});
  for (std::size_t j = 0; j < columns; ++j) {
    CompensatedSum sum;
    for (std::size_t i = 0; i < rows; ++i) sum.add(X(i, j));
    const Scalar mean = sum.value() / static_cast<Scalar>(rows);
    CompensatedSum squares;
    for (std::size_t i = 0; i < rows; ++i) squares.add((X(i, j) - mean) * (X(i, j) - mean));
    std(j) = std::sqrt(squares.value() / static_cast<Scalar>(rows));
  }
  return std;
}

Array column_variation(const Array& X) {
  return column_std(X) / column_mean(X);
}

VariationReplay replay_variation(const Array& data, std::size_t steps) {
  check_matrix(data, "replay_variation");
  const Array original_std = column_std(data);
  VariationReplay replay;
  Array current = data;
  for (std::size_t n = 1; n <= steps; ++n) {
    const Scalar added = spectral_norm(current);
    current = current + added;
    replay.added.push_back(added);
    replay.variation.push_back(xt::mean(column_variation(current))());
    replay.spread_drift.push_back(xt::amax(xt::abs(column_std(current) / original_std - 1.0))());
    replay.data_drift.push_back(
        xt::amax(xt::abs(compensated_column_std(current) / original_std - 1.0))());
  }
  return replay;
}

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
