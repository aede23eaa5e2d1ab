#include "experiments/illustrations/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "experiments/common/linalg.hpp"
#include "experiments/illustrations/replay.hpp"

namespace illustrations {

namespace linalg = experiments::linalg;

Scalar euclidean_norm(const Array& v) {
  return std::sqrt(xt::sum(v * v)());
}

std::vector<Scalar> pairwise_distances(const Array& points) {
  if (points.dimension() != 2) {
    throw std::invalid_argument("pairwise_distances: need a 2-D array of points, got shape " +
                                autograd::shape_to_string(points.shape()));
  }
  std::vector<Scalar> distances;
  const std::size_t rows = points.shape()[0];
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = i + 1; j < rows; ++j) {
      distances.push_back(euclidean_norm(xt::row(points, i) - xt::row(points, j)));
    }
  }
  return distances;
}

std::vector<Scalar> log_pairwise_distances(const Array& points) {
  if (xt::any(points <= 0.0)) {
    throw std::invalid_argument("log_pairwise_distances: every entry must be positive");
  }
  return pairwise_distances(Array(xt::log10(points)));
}

Scalar distance_from_others(const Array& points, std::size_t row) {
  const std::size_t rows = points.shape()[0];
  if (points.dimension() != 2 || rows < 2 || row >= rows) {
    throw std::invalid_argument(
        "distance_from_others: need at least 2 rows and row < rows, got "
        "shape " +
        autograd::shape_to_string(points.shape()) + " and row " + std::to_string(row));
  }
  Array centroid = xt::zeros<Scalar>({points.shape()[1]});
  for (std::size_t i = 0; i < rows; ++i) {
    if (i != row) centroid += xt::row(points, i);
  }
  centroid /= static_cast<Scalar>(rows - 1);
  return euclidean_norm(xt::row(points, row) - centroid);
}

RuleGeometry measure_rule(const std::vector<Array>& matrices, std::size_t outlier_row) {
  if (matrices.empty()) throw std::invalid_argument("measure_rule: matrices is empty");
  RuleGeometry g;
  const std::vector<Scalar> first = pairwise_distances(matrices.front());
  g.min_distance_ratio = INFINITY;
  for (const Array& m : matrices) {
    const std::vector<Scalar> distances = pairwise_distances(m);
    std::vector<Scalar> from_others;
    for (std::size_t row = 0; row < m.shape()[0]; ++row) {
      from_others.push_back(distance_from_others(m, row));
    }
    for (std::size_t k = 0; k < distances.size(); ++k) {
      g.max_abs_distance_change =
          std::max(g.max_abs_distance_change, std::abs(distances[k] - first[k]));
      g.min_distance_ratio = std::min(g.min_distance_ratio, distances[k] / first[k]);
      g.max_distance_ratio = std::max(g.max_distance_ratio, distances[k] / first[k]);
    }
    const std::vector<Scalar> log_distances = log_pairwise_distances(m);
    g.pairwise_distances.push_back(distances);
    g.log10_pairwise_distances.push_back(log_distances);
    g.largest_log10_distance.push_back(
        *std::max_element(log_distances.begin(), log_distances.end()));
    g.outlier_distance_from_others.push_back(from_others.at(outlier_row));
    g.outlier_is_farthest.push_back(std::max_element(from_others.begin(), from_others.end()) -
                                        from_others.begin() ==
                                    static_cast<std::ptrdiff_t>(outlier_row));
  }
  g.final_distance_ratio = g.pairwise_distances.back().front() / first.front();
  return g;
}

TranslationCheck check_translation(const Array& data, Scalar shift) {
  TranslationCheck check;
  check.shift = shift;
  const Array translated = data + shift;
  check.std_before = column_std(data);
  check.std_after = column_std(translated);
  check.mean_before = column_mean(data);
  check.mean_after = column_mean(translated);
  check.max_relative_std_change = xt::amax(xt::abs(check.std_after / check.std_before - 1.0))();
  check.max_relative_mean_error = xt::amax(xt::abs(check.mean_after - (check.mean_before + shift)) /
                                           xt::abs(check.mean_after))();
  const Array mean_ratio = check.mean_before / check.mean_after;
  const Array variation_ratio = column_variation(translated) / column_variation(data);
  check.max_variation_ratio_error =
      xt::amax(xt::abs(variation_ratio - mean_ratio) / xt::abs(mean_ratio))();
  return check;
}

ExactVariation exact_variation(const Array& data, std::size_t steps) {
  const std::size_t rows = data.shape()[0], columns = data.shape()[1];
  const Array gram = linalg::gram(data);
  const Array column_sums = xt::sum(data, {0});
  const Array mean = column_mean(data);
  const Array std = column_std(data);
  ExactVariation exact;
  Scalar offset = 0;
  for (std::size_t n = 1; n <= steps; ++n) {
    Array shifted_gram = gram;
    for (std::size_t a = 0; a < columns; ++a) {
      for (std::size_t b = 0; b < columns; ++b) {
        shifted_gram(a, b) += offset * (column_sums(a) + column_sums(b)) +
                              static_cast<Scalar>(rows) * offset * offset;
      }
    }
    offset += std::sqrt(xt::amax(linalg::eigvalsh(shifted_gram))());
    exact.offsets.push_back(offset);
    exact.variation.push_back(xt::mean(std / (mean + offset))());
  }
  return exact;
}

}  // namespace illustrations
