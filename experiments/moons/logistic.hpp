// A plain logistic regression, Linear(2, 1) with BCE-with-logits, fitted by full-batch
// gradient descent to convergence: the linear baseline that gives the MLP accuracies a scale.
#pragma once

#include <cstddef>

#include "datasets/dataset.hpp"
#include "nn/linear.hpp"

namespace moons {

struct LogisticFit {
  double test_accuracy = 0;  // σ(z) > 0.5
  double train_accuracy = 0;
  double train_loss = 0;  // mean BCE at the end
  double max_abs_gradient = 0;
  std::size_t steps = 0;
  bool converged = false;  // max |∂loss/∂θ| < tolerance before max_steps
  autograd::Array weight;  // (1, d)
  autograd::Array bias;    // (1)
};

struct LogisticSettings {
  // The mean BCE's Hessian is at most ¼·λ_max(mean x̃x̃ᵀ), x̃ = (x, 1); for the moons
  // (|x| ≲ 2.5) that is below 2, so step 1 < 2/L is stable.
  double lr = 1.0;
  std::size_t max_steps = 100'000;
  double tolerance = 1e-9;
};

// Initialises Linear(d, 1) from the library generator (seed it first) and descends.
LogisticFit fit_logistic(const datasets::Dataset& train, const datasets::Dataset& test,
                         const LogisticSettings& settings);

}  // namespace moons
