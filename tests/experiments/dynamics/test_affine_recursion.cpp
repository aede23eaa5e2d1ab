// The exact moments of random affine recursions (experiments/dynamics/affine_recursion.hpp)
// against cases solvable by hand and against brute-force iteration, and the Clara et al.
// recursion's mean against the theorem's minimiser.
#include <cmath>

#include <catch2/catch.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/affine_recursion.hpp"
#include "experiments/dynamics/clara_chains.hpp"

using dynamics::AffineRecursion;
using dynamics::Array;
namespace linalg = experiments::linalg;

namespace {
// A (1, 1) matrix (brace-initialising one is ambiguous for xarray).
Array one_by_one(double value) {
  Array matrix = Array::from_shape({1, 1});
  matrix(0, 0) = value;
  return matrix;
}

// A scalar recursion: G ∈ {1, 3} and b ∈ {2, −1}, each pair with probability ½.
AffineRecursion scalar_recursion() {
  AffineRecursion r;
  r.dim = 1;
  r.outcomes.push_back({0.5, one_by_one(1.0), Array{2.0}});
  r.outcomes.push_back({0.5, one_by_one(3.0), Array{-1.0}});
  return r;
}
}  // namespace

TEST_CASE("dynamics: a scalar recursion has stationary variance lr^2 Ezeta^2/(1 - EB^2)",
          "[experiments][dynamics]") {
  const AffineRecursion r = scalar_recursion();
  const double lr = 0.1;
  // w̄ = E[b]/E[G] = 0.5/2; ζ = b − G·w̄; B = 1 − lr·G.
  const double w_bar = 0.25;
  REQUIRE(std::abs(r.fixed_point()(0) - w_bar) <= 1e-15);
  const double zeta_sq =
      0.5 * std::pow(2.0 - 1.0 * w_bar, 2) + 0.5 * std::pow(-1.0 - 3.0 * w_bar, 2);
  const double b_sq = 0.5 * std::pow(1 - lr * 1.0, 2) + 0.5 * std::pow(1 - lr * 3.0, 2);
  const double expected = lr * lr * zeta_sq / (1 - b_sq);
  const Array M = dynamics::stationary_covariance(r, lr);
  REQUIRE(std::abs(M(0, 0) - expected) <= 1e-14 * expected);
  REQUIRE(std::abs(dynamics::second_moment_rate(r, lr) - b_sq) <= 1e-14);
  REQUIRE(std::abs(dynamics::mean_rate(r, lr) - (1 - lr * 2.0)) <= 1e-14);
}

TEST_CASE("dynamics: the long-run variance of a deterministic AR(1) is M(1+c)/(1-c)",
          "[experiments][dynamics]") {
  // G fixed (= 2), noise only through b: e' = c·e + lr·ζ with c = 1 − 2·lr, i.i.d. ζ.
  AffineRecursion r;
  r.dim = 1;
  r.outcomes.push_back({0.5, one_by_one(2.0), Array{1.0}});
  r.outcomes.push_back({0.5, one_by_one(2.0), Array{-3.0}});
  const double lr = 0.05, c = 1 - 2 * lr;
  const Array M = dynamics::stationary_covariance(r, lr);
  const Array long_run = dynamics::long_run_covariance(r, lr, M);
  REQUIRE(std::abs(long_run(0, 0) - M(0, 0) * (1 + c) / (1 - c)) <= 1e-13 * long_run(0, 0));
  // As lr → 0 it tends to H⁻¹·S·H⁻¹ = Var(b)/G² = 4/4 = 1, whatever lr.
  REQUIRE(std::abs(long_run(0, 0) - 1.0) <= 1e-12);
}

TEST_CASE("dynamics: the solved stationary covariance is the limit of iterating the covariance map",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  const AffineRecursion r =
      dynamics::clara_recursion(a.X, a.y, 0.6, dynamics::ClaraScheme::masked_residual);
  const double alpha = 0.5 / dropout_ridge::largest_eigenvalue(linalg::gram(a.X));
  const Array solved = dynamics::stationary_covariance(r, alpha);
  // M ← Σ_s π_s·B_s·M·B_sᵀ + α²·Σ_s π_s·ζ_s·ζ_sᵀ from M = 0, until it stops changing.
  const Array w_bar = r.fixed_point();
  const std::size_t D = r.dim;
  Array M = xt::zeros<double>({D, D});
  for (int k = 0; k < 2000; ++k) {
    Array next = xt::zeros<double>({D, D});
    for (const auto& o : r.outcomes) {
      const Array B = xt::eye<double>(D) - alpha * o.G;
      const Array zeta = o.b - linalg::dot(o.G, w_bar);
      next += o.prob * (linalg::dot_transpose(linalg::dot(B, M), B) +
                        alpha * alpha * linalg::outer(zeta, zeta));
    }
    M = next;
  }
  REQUIRE(xt::amax(xt::abs(M - solved))() <= 1e-12 * xt::amax(xt::abs(solved))());
  REQUIRE(xt::amin(xt::diagonal(solved))() > 0);  // the noise does not vanish
}

TEST_CASE("dynamics: Clara's mean dynamics converge to the theorem's minimiser w* at p",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  const double p = 0.6;
  const AffineRecursion r =
      dynamics::clara_recursion(a.X, a.y, p, dynamics::ClaraScheme::masked_residual);
  // E[D·XᵀX·D] = p²·XᵀX + p(1−p)·diag(XᵀX), E[D·Xᵀy] = p·Xᵀy.
  const Array gram = linalg::gram(a.X);
  const Array expected_H = p * p * gram + p * (1 - p) * xt::diag(dropout_ridge::gamma_squared(a.X));
  REQUIRE(xt::amax(xt::abs(r.mean_G() - expected_H))() <= 1e-13);
  REQUIRE(xt::amax(xt::abs(r.mean_b() - p * linalg::transpose_dot(a.X, a.y)))() <= 1e-13);
  REQUIRE(xt::amax(xt::abs(r.fixed_point() - dropout_ridge::srivastava_minimiser(a.X, a.y, p)))() <=
          1e-12);
  // Without the mask in the residual the fixed point is ordinary least squares, noise-free.
  const AffineRecursion plain =
      dynamics::clara_recursion(a.X, a.y, p, dynamics::ClaraScheme::plain_residual);
  const Array ols = dropout_ridge::ridge_solution(a.X, a.y, xt::zeros<double>({a.X.shape()[1]}));
  REQUIRE(xt::amax(xt::abs(plain.fixed_point() - ols))() <= 1e-12);
  REQUIRE(xt::amax(xt::abs(dynamics::stationary_covariance(plain, 0.05)))() <= 1e-20);
}

TEST_CASE("dynamics: a step size with diverging second moments is rejected",
          "[experiments][dynamics]") {
  const AffineRecursion r = scalar_recursion();
  // E[(1 − lr·G)²] ≥ 1 at lr = 1: (0² + 2²)/2 = 2.
  REQUIRE_THROWS_AS(dynamics::stationary_covariance(r, 1.0), std::domain_error);
}
