#include "experiments/illustrations/weights.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "autograd/autograd.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/illustrations/geometry.hpp"
#include "experiments/illustrations/replay.hpp"
#include "optim/sgd.hpp"

namespace illustrations {

namespace linalg = experiments::linalg;

namespace dr = dropout_ridge;

Regression post_regression() {
  Regression problem;
  problem.X = post_matrix();
  problem.base_weights = Array{1.0, 1.0};
  problem.perturbation = Array{0.5, -0.5, 0.25};
  problem.y = linalg::dot(problem.X, problem.base_weights) + problem.perturbation;
  return problem;
}

WeightDecayDescent weight_decay_descent(const Regression& problem, Scalar weight_decay,
                                        Scalar tolerance, std::size_t max_steps) {
  if (!(weight_decay > 0)) {
    throw std::invalid_argument("weight_decay_descent: weight_decay must be > 0, got " +
                                std::to_string(weight_decay));
  }
  const Array& X = problem.X;
  const Array& y = problem.y;
  const std::size_t features = X.shape()[1];
  WeightDecayDescent run;
  run.weight_decay = weight_decay;
  run.ols = dr::ridge_solution(X, y, xt::zeros<Scalar>({features}));
  run.ridge = dr::ridge_solution(X, y, xt::ones<Scalar>({features}) * weight_decay);
  const Array gram = linalg::gram(X);
  run.learning_rate = 1.0 / (dr::largest_eigenvalue(gram) + weight_decay);
  run.shrink_factor = 1.0 - run.learning_rate * weight_decay;

  // w as a (D, 1) column and y as an (N, 1) column: matmul is 2-D @ 2-D.
  const autograd::Tensor design(X);
  Array y_column = y;
  y_column.reshape({y.size(), 1});
  const autograd::Tensor target(y_column);
  Array start = run.ols;
  start.reshape({features, 1});
  autograd::Tensor w(start, /*requires_grad=*/true);
  optim::SGD descent({w}, run.learning_rate, /*momentum=*/0, /*dampening=*/0, weight_decay);

  Array current = run.ols;
  run.trajectory.push_back(current);
  run.final_error = xt::amax(xt::abs(current - run.ridge))();
  while (run.final_error > tolerance && run.steps < max_steps) {
    descent.zero_grad();
    const autograd::Tensor residual = target - autograd::matmul(design, w);
    autograd::Tensor loss = 0.5 * autograd::sum(autograd::pow(residual, 2));
    loss.backward();
    descent.step();
    const Array gradient = -linalg::transpose_dot(X, y - linalg::dot(X, current));
    const Array by_hand = run.shrink_factor * current - run.learning_rate * gradient;
    current = xt::flatten(w.value());
    run.max_update_deviation =
        std::max(run.max_update_deviation, xt::amax(xt::abs(current - by_hand))());
    run.trajectory.push_back(current);
    run.final_error = xt::amax(xt::abs(current - run.ridge))();
    ++run.steps;
  }
  return run;
}

MarginalisedDropout marginalised_dropout(const Regression& problem, Scalar retain_prob) {
  MarginalisedDropout result;
  const Scalar p = retain_prob;
  result.retain_prob = p;
  result.penalties = (1 - p) / p * dr::gamma_squared(problem.X);
  result.deployed = p * dr::srivastava_minimiser(problem.X, problem.y, p);
  result.ridge = dr::ridge_solution(problem.X, problem.y, result.penalties);
  result.max_difference = xt::amax(xt::abs(result.deployed - result.ridge))();
  return result;
}

std::vector<Array> ridge_path(const Regression& problem, const std::vector<Scalar>& weight_decays) {
  std::vector<Array> path;
  const std::size_t features = problem.X.shape()[1];
  for (const Scalar weight_decay : weight_decays) {
    path.push_back(
        dr::ridge_solution(problem.X, problem.y, xt::ones<Scalar>({features}) * weight_decay));
  }
  return path;
}

std::vector<Array> dropout_path(const Regression& problem,
                                const std::vector<Scalar>& retain_probs) {
  std::vector<Array> path;
  for (const Scalar p : retain_probs) path.push_back(marginalised_dropout(problem, p).deployed);
  return path;
}

namespace {
// 10^(k/4) from 1e-3 to 1e4: 29 points, four per decade.
std::vector<Scalar> weight_decay_grid() {
  std::vector<Scalar> grid;
  for (int k = -12; k <= 16; ++k) grid.push_back(std::pow(10.0, k / 4.0));
  return grid;
}

// Retain probabilities whose deployed ridge strength (1−p)/p runs over 10^(k/4) from 1e-4 to
// 1e2, four per decade (k = 0 gives p = 0.5 exactly): p → 1 is least squares, p → 0 is w = 0.
std::vector<Scalar> retain_prob_grid() {
  std::vector<Scalar> grid;
  for (int k = -16; k <= 8; ++k) grid.push_back(1.0 / (1.0 + std::pow(10.0, k / 4.0)));
  return grid;
}
}  // namespace

WeightsResults analyse_weights(Scalar weight_decay, Scalar retain_prob, Scalar tolerance,
                               std::size_t max_steps) {
  WeightsResults r;
  r.regression = post_regression();
  const Array X_before = r.regression.X, y_before = r.regression.y;
  r.descent = weight_decay_descent(r.regression, weight_decay, tolerance, max_steps);
  r.dropout = marginalised_dropout(r.regression, retain_prob);
  // Computed, not asserted: the data after both computations against copies taken before them
  // and against the post's X.
  const Array& X = r.regression.X;
  r.data_unchanged = X == X_before && r.regression.y == y_before && X == post_matrix();
  for (const Array& w : r.descent.trajectory) r.trajectory_norms.push_back(euclidean_norm(w));
  const auto& norms = r.trajectory_norms;
  r.norm_never_increases =
      std::adjacent_find(norms.begin(), norms.end(), std::less<>()) == norms.end();
  // cos of the angle between X's two columns: (XᵀX)_12 / √((XᵀX)_11·(XᵀX)_22)
  r.column_cosine = xt::sum(xt::col(X, 0) * xt::col(X, 1))() /
                    std::sqrt(xt::sum(xt::col(X, 0) * xt::col(X, 0))() *
                              xt::sum(xt::col(X, 1) * xt::col(X, 1))());
  r.gamma_squared = r.dropout.penalties * retain_prob / (1 - retain_prob);
  r.deployed_norm = euclidean_norm(r.dropout.deployed);
  r.ridge_ratio_to_ols = r.descent.ridge / r.descent.ols;
  r.deployed_ratio_to_ols = r.dropout.deployed / r.descent.ols;
  r.weight_decay_grid = weight_decay_grid();
  r.retain_prob_grid = retain_prob_grid();
  r.ridge_path = ridge_path(r.regression, r.weight_decay_grid);
  r.dropout_path = dropout_path(r.regression, r.retain_prob_grid);
  return r;
}

}  // namespace illustrations
