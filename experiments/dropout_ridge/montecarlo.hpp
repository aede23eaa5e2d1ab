// Monte Carlo of input dropout on linear regression, with the project's own nn modules: the
// masks come from nn::SrivastavaDropout or nn::Dropout, the products from autograd.
#pragma once

#include <cstddef>
#include <vector>

#include "autograd/tensor.hpp"
#include "nn/module.hpp"

namespace dropout_ridge {

using autograd::Array;
using autograd::Scalar;

// How many draws monte_carlo_loss stacks into one forward pass, for a design of rows × columns
// (the benchmarks give PyTorch the same chunk): min(draws, max(1, 8192 / (rows·columns))).
std::size_t stacked_draws(std::size_t draws, std::size_t rows, std::size_t columns);

struct MonteCarloLoss {
  std::size_t draws = 0;
  double mean = 0;
  double mean_se = 0;
  double sample_variance = 0;
  double variance_se = 0;
};

// Draws L = ||y − dropout(X)·w||² `draws` times, each with a fresh mask over every entry of X.
// Draws are batched: `chunk` copies of X are stacked and masked at once, so one forward pass
// gives `chunk` independent losses. `shift` (the expected value, if known) only steadies the
// running sums. Records the running mean after each chunk in `trace` if given.
struct TracePoint {
  std::size_t draws;
  double mean;
  double mean_se;
};
MonteCarloLoss monte_carlo_loss(const Array& X, const Array& y, const Array& w, nn::Module& dropout,
                                std::size_t draws, double shift, const char* label,
                                std::vector<TracePoint>* trace = nullptr);

struct MonteCarloGradient {
  std::size_t draws = 0;
  Array mean;     // (D)
  Array mean_se;  // (D)
};

// The gradient that backward() gives for SrivastavaDropout(retain_prob) → bias-free Linear
// with weight wᵀ → squared error (sum), one mask per draw, averaged over `draws` draws.
MonteCarloGradient monte_carlo_gradient(const Array& X, const Array& y, const Array& w,
                                        Scalar retain_prob, std::size_t draws, const char* label);

}  // namespace dropout_ridge
