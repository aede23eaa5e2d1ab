#include "experiments/weight_decay/linear.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "autograd/arithmetic.hpp"
#include "autograd/matmul.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/weight_decay/mlp.hpp"
#include "experiments/weight_decay/ridge.hpp"
#include "optim/adam.hpp"
#include "optim/sgd.hpp"

namespace weight_decay {

datasets::Dataset linear_design(const LinearSettings& settings, double scale, std::uint64_t seed) {
  const std::vector<double> unit(settings.true_weights.size(), 1.0);
  datasets::Dataset design = datasets::make_gaussian_regression(
      settings.rows, unit, settings.true_weights, settings.noise, seed);
  for (std::size_t i = 0; i < design.size(); ++i) design.X(i, 0) *= scale;
  return design;
}

namespace {

std::unique_ptr<optim::Optimizer> linear_optimizer(LinearOptimizer kind, const Tensor& theta,
                                                   double lr, double weight_decay) {
  const optim::Betas betas{0.9, 0.999};
  switch (kind) {
    case LinearOptimizer::sgd:
      return std::make_unique<optim::SGD>(std::vector<Tensor>{theta}, lr, 0.0, 0.0, weight_decay);
    case LinearOptimizer::adam:
      return std::make_unique<optim::Adam>(std::vector<Tensor>{theta}, lr, betas, 1e-8,
                                           weight_decay);
    case LinearOptimizer::adamw:
      return std::make_unique<optim::AdamW>(std::vector<Tensor>{theta}, lr, betas, 1e-8,
                                            weight_decay);
  }
  throw std::logic_error("linear_optimizer: unknown optimizer");
}

std::vector<double> values(const Tensor& theta) {
  return {theta.value().begin(), theta.value().end()};
}

}  // namespace

LinearRun train_linear(const datasets::Dataset& design, LinearOptimizer optimizer, double lr,
                       double lambda, L2Route route, std::size_t steps, std::size_t tail) {
  if (optimizer == LinearOptimizer::adamw && route == L2Route::penalty_in_loss) {
    throw std::invalid_argument("train_linear: AdamW's decay is not a penalty in the loss");
  }
  const std::size_t n = design.size(), d = design.X.shape()[1];
  const Tensor X(design.X);
  const Tensor y(autograd::Array(xt::reshape_view(design.y, {n, std::size_t{1}})));
  Tensor theta(autograd::Array(xt::zeros<double>({d, std::size_t{1}})), true);
  const double decay = route == L2Route::weight_decay_argument ? lambda : 0.0;
  auto step_with = linear_optimizer(optimizer, theta, lr, decay);
  LinearRun run;
  run.tail_mean.assign(d, 0.0);
  std::vector<double> low(d, INFINITY), high(d, -INFINITY);
  for (std::size_t t = 0; t < steps; ++t) {
    step_with->zero_grad();
    Tensor loss = autograd::mean(autograd::pow(autograd::matmul(X, theta) - y, 2.0));
    if (route == L2Route::penalty_in_loss) loss = loss + l2_penalty({theta}, lambda);
    loss.backward();
    step_with->step();
    if (t + tail < steps) continue;
    for (std::size_t j = 0; j < d; ++j) {
      const double value = theta.value().data()[j];
      run.tail_mean[j] += value / static_cast<double>(tail);
      low[j] = std::min(low[j], value);
      high[j] = std::max(high[j], value);
    }
  }
  run.final_theta = values(theta);
  for (std::size_t j = 0; j < d; ++j) run.tail_range.push_back(tail > 0 ? high[j] - low[j] : 0);
  return run;
}

EqualityResult linear_equality(const datasets::Dataset& design, LinearOptimizer optimizer,
                               double lr, double lambda, std::size_t steps) {
  const LinearRun penalty =
      train_linear(design, optimizer, lr, lambda, L2Route::penalty_in_loss, steps, 0);
  const LinearRun argument =
      train_linear(design, optimizer, lr, lambda, L2Route::weight_decay_argument, steps, 0);
  EqualityResult result{"linear design", optimizer == LinearOptimizer::sgd ? "SGD" : "Adam", steps,
                        lambda};
  for (std::size_t j = 0; j < penalty.final_theta.size(); ++j) {
    result.max_abs_difference = std::max(
        result.max_abs_difference, std::abs(penalty.final_theta[j] - argument.final_theta[j]));
    result.max_abs_parameter = std::max(result.max_abs_parameter, std::abs(penalty.final_theta[j]));
  }
  return result;
}

namespace {
// maxⱼ |aⱼ − bⱼ|/|referenceⱼ|: a distance in shrinkage factors.
double shrink_distance(const std::vector<double>& a, const std::vector<double>& b,
                       const std::vector<double>& reference) {
  double largest = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    largest = std::max(largest, std::abs(a[j] - b[j]) / std::abs(reference[j]));
  }
  return largest;
}

// How far θ is from the KKT conditions of least squares in the box ‖θ‖∞ ≤ 1/λ: for each
// coordinate, either it is on the box's face or its gradient is (relatively) zero.
double box_residual(const datasets::Dataset& design, const std::vector<double>& theta,
                    double lambda) {
  const std::vector<double> at_theta = loss_gradient(design.X, design.y, theta);
  const std::vector<double> at_zero =
      loss_gradient(design.X, design.y, std::vector<double>(theta.size(), 0.0));
  double largest = 0;
  for (std::size_t j = 0; j < theta.size(); ++j) {
    const double on_face = std::abs(lambda * std::abs(theta[j]) - 1);
    const double stationary = std::abs(at_theta[j]) / std::abs(at_zero[j]);
    largest = std::max(largest, std::min(on_face, stationary));
  }
  return largest;
}
}  // namespace

ScaleResult fixed_points(const LinearSettings& settings, const datasets::Dataset& design,
                         double scale) {
  ScaleResult result;
  result.scale = scale;
  result.ols = ridge_solution(design.X, design.y, 0.0);
  result.ridge = ridge_solution(design.X, design.y, settings.lambda);
  const LinearRun adam =
      train_linear(design, LinearOptimizer::adam, settings.adam_lr, settings.lambda,
                   L2Route::weight_decay_argument, settings.steps, settings.tail);
  const LinearRun adamw =
      train_linear(design, LinearOptimizer::adamw, settings.adam_lr, settings.lambda,
                   L2Route::weight_decay_argument, settings.steps, settings.tail);
  result.adam_l2 = adam.tail_mean;
  result.adam_l2_tail_range = adam.tail_range;
  result.adamw = adamw.tail_mean;
  result.adamw_tail_range = adamw.tail_range;
  result.adam_l2_to_ridge = shrink_distance(result.adam_l2, result.ridge, result.ols);
  result.adamw_to_ridge = shrink_distance(result.adamw, result.ridge, result.ols);
  result.adamw_box_residual = box_residual(design, result.adamw, settings.lambda);
  return result;
}

std::vector<RidgeCurvePoint> ridge_curve(const LinearSettings& settings,
                                         std::uint64_t design_seed) {
  std::vector<RidgeCurvePoint> curve;
  for (int k = 0; k <= 40; ++k) {
    const double scale = std::pow(10.0, -1.0 + k / 20.0);  // 10^(−1 … 1) in 40 steps
    const datasets::Dataset design = linear_design(settings, scale, design_seed);
    const double ols = ridge_solution(design.X, design.y, 0.0)[0];
    curve.push_back({scale, ridge_solution(design.X, design.y, settings.lambda)[0] / ols});
  }
  return curve;
}

LinearResults run_linear(const LinearSettings& settings, std::uint64_t seed, std::size_t threads) {
  const std::uint64_t design_seed = experiments::derive_seed(seed, 1);
  LinearResults results;
  results.lambda = settings.lambda;
  const datasets::Dataset unscaled = linear_design(settings, 1.0, design_seed);
  results.equalities.push_back(linear_equality(unscaled, LinearOptimizer::sgd, settings.sgd_lr,
                                               settings.lambda, settings.equality_steps));
  results.equalities.push_back(linear_equality(unscaled, LinearOptimizer::adam, settings.adam_lr,
                                               settings.lambda, settings.equality_steps));
  // Each scale is its own task, writing its own slot: no draw happens here, so the thread
  // count cannot change a number.
  results.scales.resize(settings.scales.size());
  experiments::parallel_for(settings.scales.size(),
                            [&](std::size_t k) {
                              const double scale = settings.scales[k];
                              results.scales[k] = fixed_points(
                                  settings, linear_design(settings, scale, design_seed), scale);
                            },
                            {threads, "weight_decay: linear fixed points", 0, {}, nullptr});
  results.ridge_curve = ridge_curve(settings, design_seed);
  return results;
}

}  // namespace weight_decay
