// Synthetic regression data and the fixed designs of the L2-vs-dropout exercises.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/dataset.hpp"

namespace datasets {

// Linear-Gaussian regression data: X_ij = column_scales[j]·z_ij, z standard normal drawn in
// row-major order, then y_i = Σ_j X_ij·true_weights[j] + noise·ε_i, ε standard normal drawn
// after all of X (summed over j in increasing order, so noise = 0 gives y = X·w exactly).
// Columns of very different scales are what make dropout act like a data-dependent L2
// penalty (Wager, Wang & Liang 2013, "Dropout training as adaptive regularization").
// d = column_scales.size(); draws come from autograd::Generator(seed).
// Throws std::invalid_argument when n == 0, d == 0, true_weights.size() != d or noise < 0.
Dataset make_gaussian_regression(std::size_t n, const std::vector<double>& column_scales,
                                 const std::vector<double>& true_weights, double noise,
                                 std::uint64_t seed);

// A fixed, deterministic design: N = 10 rows, D = 4 columns, indices from 0,
//   x_ij = sin(0.7(i+1)(j+1) + 0.3(j+1)),  y_i = cos(0.5(i+1)).
// Smooth and well conditioned, with no randomness, so results are the same everywhere.
Dataset design_A();

// A fixed design only, n = 20 rows, d = 6 columns, indices from 0,
//   x_ij = sin(0.37(i+1)(j+1) + 0.5j),
// used for the logistic-regression dropout penalty, which depends on X alone; y is all zeros
// (shape (20)) and is not a target.
Dataset design_C();

}  // namespace datasets
