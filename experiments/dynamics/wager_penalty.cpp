#include "experiments/dynamics/wager_penalty.hpp"

#include <stdexcept>
#include <string>

#include "autograd/pointwise.hpp"
#include "experiments/dynamics/affine_recursion.hpp"

namespace dynamics {

namespace {
void check(const Array& X, const Array& beta, Scalar drop_prob) {
  if (X.dimension() != 2 || beta.dimension() != 1 || beta.shape()[0] != X.shape()[1]) {
    throw std::invalid_argument("dropout penalty: need X (n, d) and beta (d), got X " +
                                autograd::shape_to_string(X.shape()) + ", beta " +
                                autograd::shape_to_string(beta.shape()));
  }
  if (!(drop_prob >= 0 && drop_prob < 1)) {
    throw std::invalid_argument("dropout penalty: drop_prob must be in [0, 1), got " +
                                std::to_string(drop_prob));
  }
}
}  // namespace

Scalar logistic_log_partition(Scalar t) {
  return autograd::softplus_values(Array{t})(0);
}

Scalar logistic_curvature(Scalar t) {
  const Scalar sigma = autograd::sigmoid_values(Array{t})(0);
  return sigma * (1 - sigma);
}

Scalar exact_dropout_penalty(const Array& X, const Array& beta, Scalar drop_prob,
                             const std::function<Scalar(Scalar)>& log_partition) {
  check(X, beta, drop_prob);
  const std::size_t n = X.shape()[0];
  const std::size_t d = X.shape()[1];
  const Scalar kept_scale = 1 / (1 - drop_prob);
  const std::vector<Mask> masks = all_masks(d, 1 - drop_prob);
  Scalar penalty = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Scalar clean = 0;  // x_i·β
    for (std::size_t j = 0; j < d; ++j) clean += X(i, j) * beta(j);
    const Scalar clean_value = log_partition(clean);
    // E[A(x̃_i·β)] − A(x_i·β) = Σ_masks P(mask)·(A(x̃_i·β) − A(x_i·β)): the difference inside
    // the sum keeps the small penalty of a small β free of the cancellation of two large sums.
    for (const Mask& mask : masks) {
      Scalar noisy = 0;
      for (std::size_t j = 0; j < d; ++j) {
        if (mask.kept(j)) noisy += X(i, j) * kept_scale * beta(j);
      }
      penalty += mask.prob * (log_partition(noisy) - clean_value);
    }
  }
  return penalty;
}

Scalar quadratic_dropout_penalty(const Array& X, const Array& beta, Scalar drop_prob,
                                 const std::function<Scalar(Scalar)>& curvature) {
  check(X, beta, drop_prob);
  const std::size_t n = X.shape()[0];
  const std::size_t d = X.shape()[1];
  Scalar sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Scalar clean = 0, spread = 0;  // x_i·β and Σ_j x_ij²·β_j²
    for (std::size_t j = 0; j < d; ++j) {
      clean += X(i, j) * beta(j);
      spread += X(i, j) * X(i, j) * beta(j) * beta(j);
    }
    sum += curvature(clean) * spread;
  }
  return 0.5 * drop_prob / (1 - drop_prob) * sum;
}

}  // namespace dynamics
