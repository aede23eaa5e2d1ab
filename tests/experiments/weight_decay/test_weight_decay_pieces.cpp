// The pieces of the weight-decay experiment, each against an independent route: the ridge
// closed form against hand-worked 2×2 cases, the two L2 routes of SGD and Adam against each
// other (and AdamW against both), the full-batch end points against their fixed-point
// conditions, and the sweep's bookkeeping.
#include <cmath>

#include <catch2/catch.hpp>

#include "autograd/random.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/mlp.hpp"
#include "experiments/weight_decay/ridge.hpp"
#include "experiments/weight_decay/sweep.hpp"

using namespace weight_decay;
using autograd::Array;

TEST_CASE("weight_decay: the ridge solution of two hand-worked 2x2 designs",
          "[experiments][weight_decay]") {
  // X = diag(1, 2), y = (1, 2), n = 2, λ = 1: (XᵀX + (nλ/2)I)θ = Xᵀy is diag(2, 5)θ = (1, 4),
  // so θ = (0.5, 0.8).
  const Array diagonal = {{1.0, 0.0}, {0.0, 2.0}};
  const std::vector<double> a = ridge_solution(diagonal, Array{1.0, 2.0}, 1.0);
  REQUIRE(a[0] == Approx(0.5).epsilon(1e-15));
  REQUIRE(a[1] == Approx(0.8).epsilon(1e-15));
  // X = [[1, 1], [0, 1]], y = (2, 1): XᵀX = [[1, 1], [1, 2]], Xᵀy = (2, 3); with λ = 1 the
  // system is [[2, 1], [1, 3]]θ = (2, 3), det 5, θ = (3·2 − 1·3, −1·2 + 2·3)/5 = (0.6, 0.8).
  const Array coupled = {{1.0, 1.0}, {0.0, 1.0}};
  const std::vector<double> b = ridge_solution(coupled, Array{2.0, 1.0}, 1.0);
  REQUIRE(b[0] == Approx(0.6).epsilon(1e-14));
  REQUIRE(b[1] == Approx(0.8).epsilon(1e-14));
  // λ = 0 is least squares: the square system X θ = y, θ = (1, 1).
  const std::vector<double> ols = ridge_solution(coupled, Array{2.0, 1.0}, 0.0);
  REQUIRE(ols[0] == Approx(1).epsilon(1e-14));
  REQUIRE(ols[1] == Approx(1).epsilon(1e-14));
  REQUIRE_THROWS_AS(ridge_solution(coupled, Array{1.0}, 1.0), std::invalid_argument);
  REQUIRE_THROWS_AS(ridge_solution(coupled, Array{2.0, 1.0}, -1.0), std::invalid_argument);
}

TEST_CASE("weight_decay: the loss gradient at the ridge solution is -lambda theta",
          "[experiments][weight_decay]") {
  LinearSettings settings;
  const datasets::Dataset design = linear_design(settings, 0.3, 5);
  const std::vector<double> ridge = ridge_solution(design.X, design.y, 0.7);
  const std::vector<double> g = loss_gradient(design.X, design.y, ridge);
  for (std::size_t j = 0; j < ridge.size(); ++j) REQUIRE(g[j] == Approx(-0.7 * ridge[j]));
}

TEST_CASE(
    "weight_decay: the ridge curve runs over 41 scales from 0.1 to 10 and at scale 1 is ridge's "
    "factor on that design",
    "[experiments][weight_decay]") {
  LinearSettings settings;
  const std::vector<RidgeCurvePoint> curve = ridge_curve(settings, 9);
  REQUIRE(curve.size() == 41);
  REQUIRE(curve.front().scale == Approx(0.1));
  REQUIRE(curve.back().scale == Approx(10));
  const RidgeCurvePoint& middle = curve[20];
  REQUIRE(middle.scale == 1.0);
  const datasets::Dataset design = linear_design(settings, 1.0, 9);
  const double ols = ridge_solution(design.X, design.y, 0.0)[0];
  REQUIRE(middle.ridge_factor == ridge_solution(design.X, design.y, settings.lambda)[0] / ols);
  REQUIRE(middle.ridge_factor < 1);  // λ > 0 shrinks
}

TEST_CASE(
    "weight_decay: SGD and Adam give the same iterates with the penalty in the loss and "
    "with weight_decay, AdamW does not",
    "[experiments][weight_decay]") {
  LinearSettings settings;
  const datasets::Dataset design = linear_design(settings, 1.0, 3);
  for (const LinearOptimizer optimizer : {LinearOptimizer::sgd, LinearOptimizer::adam}) {
    const EqualityResult r = linear_equality(design, optimizer, 0.01, 0.5, 300);
    REQUIRE(r.max_abs_difference <= 1e-12);
    REQUIRE(r.max_abs_parameter > 0.1);  // the runs moved
  }
  const LinearRun adam = train_linear(design, LinearOptimizer::adam, 0.01, 0.5,
                                      L2Route::weight_decay_argument, 300, 1);
  const LinearRun adamw = train_linear(design, LinearOptimizer::adamw, 0.01, 0.5,
                                       L2Route::weight_decay_argument, 300, 1);
  REQUIRE(std::abs(adam.final_theta[0] - adamw.final_theta[0]) > 1e-3);
  REQUIRE_THROWS_AS(
      train_linear(design, LinearOptimizer::adamw, 0.01, 0.5, L2Route::penalty_in_loss, 10, 1),
      std::invalid_argument);
}

TEST_CASE("weight_decay: on a shrunk feature Adam + L2 ends at ridge and AdamW on the box face",
          "[experiments][weight_decay]") {
  LinearSettings settings;  // λ = 0.5: the box is |θ| ≤ 2, feature 0's OLS weight ≈ 10 at ×0.1
  const ScaleResult r = fixed_points(settings, linear_design(settings, 0.1, 11), 0.1);
  REQUIRE(std::abs(r.ols[0]) > 2 / settings.lambda);
  REQUIRE(r.adam_l2_to_ridge < 1e-6);
  REQUIRE(std::abs(std::abs(r.adamw[0]) - 1 / settings.lambda) < 1e-3);
  REQUIRE(r.adamw_box_residual < 0.01);
  REQUIRE(r.adamw_to_ridge > 0.05);
}

TEST_CASE("weight_decay: the L2 penalty's value and its gradient lambda theta",
          "[experiments][weight_decay]") {
  Array b_value = Array::from_shape({1, 1});
  b_value(0, 0) = 3.0;
  Tensor a(Array{1.0, -2.0}, true), b(b_value, true);
  Tensor penalty = l2_penalty({a, b}, 0.5);
  REQUIRE(penalty.item() == Approx(0.25 * (1 + 4 + 9)));
  penalty.backward();
  REQUIRE(a.grad()(1) == Approx(-1.0));
  REQUIRE(b.grad()(0, 0) == Approx(1.5));
}

TEST_CASE("weight_decay: a sweep point collapses when most seeds are constant predictors",
          "[experiments][weight_decay]") {
  SweepPoint p;
  p.runs.resize(4);
  p.constant_seeds = 2;
  REQUIRE_FALSE(p.collapsed());
  p.constant_seeds = 3;
  REQUIRE(p.collapsed());
  MoonsResults results;
  SweepPoint zero, small, large;
  zero.method = small.method = large.method = Method::adamw;
  small.strength = 1;
  large.strength = 10;
  zero.runs = small.runs = large.runs = std::vector<SeedRun>(2);
  large.constant_seeds = 2;
  results.points = {zero, small, large};
  REQUIRE(collapse_strength(results, Method::adamw) == 10);
  REQUIRE(std::isnan(collapse_strength(results, Method::adam_l2)));
  small.runs[0].test_accuracy = 0.5;
  small.runs[1].test_accuracy = 0.7;
  large.runs[0].test_accuracy = 0.6;
  large.runs[1].test_accuracy = 0.6;
  const experiments::MeanSe d = paired_difference(small, large);  // differences 0.1 and −0.1
  REQUIRE(d.mean == Approx(0).margin(1e-15));
  REQUIRE(d.se == Approx(0.1));
}

TEST_CASE(
    "weight_decay: the MLP's two L2 routes agree and a trained model is evaluated as "
    "PyTorch would",
    "[experiments][weight_decay]") {
  MoonsSettings settings;
  settings.samples = 60;
  settings.shape.hidden = {8};
  settings.equality_epochs = 2;
  settings.sgd_lr = settings.adam_lr = 0.05;
  for (const Method method : {Method::sgd_weight_decay, Method::adam_l2}) {
    const EqualityResult r = moons_equality(settings, method, 0.2, 4);
    REQUIRE(r.max_abs_difference <= 1e-12);
    REQUIRE(r.steps == 2 * 40);  // 60 points, ⌈0.33·60⌉ = 20 of them test
  }
  REQUIRE_THROWS_AS(moons_equality(settings, Method::adamw, 0.2, 4), std::invalid_argument);
  settings.epochs = 3;
  const SeedRun run = train_one(settings, Method::adamw, 0.1, 4, 0);
  REQUIRE(run.n_test == 20);
  REQUIRE(run.constant == (run.predicted_ones == 0 || run.predicted_ones == 20));
  REQUIRE(run.weight_norm > 0);
}

TEST_CASE(
    "weight_decay: at strength 0 the three Adam methods train the same model, so the "
    "sweep trains it once",
    "[experiments][weight_decay]") {
  MoonsSettings settings;
  settings.samples = 60;
  settings.shape.hidden = {8};
  settings.epochs = 2;
  settings.adam_lr = 0.05;
  const SeedRun adam = train_one(settings, Method::adam_l2, 0.0, 9, 1);
  for (const Method method : {Method::adamw, Method::adam_dropout}) {
    const SeedRun other = train_one(settings, method, 0.0, 9, 1);
    REQUIRE(other.weight_norm == adam.weight_norm);
    REQUIRE(other.test_accuracy == adam.test_accuracy);
  }
  // ... and a strength does change it.
  REQUIRE(train_one(settings, Method::adamw, 1.0, 9, 1).weight_norm != adam.weight_norm);
  REQUIRE(strengths(settings, Method::adamw).front() == 0.0);
}
