// The seeded Gaussian design experiments/theorem checks the identity on, which the benchmarks'
// mc_theorem row draws too: defined once here, so that the two cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"

namespace dropout_ridge {

// The retain probability p the theorem is checked at, unless told otherwise.
constexpr double kDefaultRetainProb = 0.7;

// N = 40 rows, columns scaled 0.5 … 10 so that diag(XᵀX) spans a factor of several hundred
// (what makes dropout's penalty differ from plain ‖w‖² ridge), y = X·w + 0.5·ε.
struct GaussianDesign {
  std::size_t rows = 40;
  std::vector<double> column_scales{0.5, 1.0, 2.0, 5.0, 10.0};
  std::vector<double> true_weights{1.0, -0.5, 0.25, 0.2, -0.1};
  double noise = 0.5;
  // Drawn from stage 0 of the user's seed (experiments::derive_seed).
  static constexpr std::uint64_t kSeedStage = 0;

  datasets::Dataset draw(std::uint64_t seed) const {
    return datasets::make_gaussian_regression(rows, column_scales, true_weights, noise,
                                              experiments::derive_seed(seed, kSeedStage));
  }
};

}  // namespace dropout_ridge
