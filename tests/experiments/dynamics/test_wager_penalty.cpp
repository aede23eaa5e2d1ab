// The logistic dropout penalty of Wager, Wang & Liang (2013), by enumeration, against cases
// with known answers.
#include <cmath>

#include <catch2/catch.hpp>

#include "datasets/regression.hpp"
#include "experiments/dynamics/wager_penalty.hpp"

using dynamics::Array;

namespace {
Array beta0(double scale) {
  Array beta{1, -0.5, 0.75, -1, 0.5, 0.25};
  return scale * beta;
}
}  // namespace

TEST_CASE("dynamics: with A(t) = t^2 the enumerated penalty is the variance formula exactly",
          "[experiments][dynamics]") {
  // E[(x̃·β)²] − (x·β)² = Var(x̃·β) = (δ/(1−δ))·Σ_j x_j²β_j², and ½·A'' = 1: the quadratic
  // "approximation" is exact for a quadratic A.
  const Array X = datasets::design_C().X;
  for (const double delta : {0.1, 0.5, 0.8}) {
    const double exact =
        dynamics::exact_dropout_penalty(X, beta0(1.3), delta, [](double t) { return t * t; });
    const double quadratic =
        dynamics::quadratic_dropout_penalty(X, beta0(1.3), delta, [](double) { return 2.0; });
    INFO("delta " << delta << ": exact " << exact << ", quadratic " << quadratic);
    REQUIRE(std::abs(exact - quadratic) <= 1e-12 * exact);
  }
}

TEST_CASE("dynamics: the logistic dropout penalty is positive and quadratic for small weights",
          "[experiments][dynamics]") {
  const Array X = datasets::design_C().X;
  for (const double delta : {0.1, 0.5, 0.8}) {
    const double exact =
        dynamics::exact_dropout_penalty(X, beta0(0.01), delta, dynamics::logistic_log_partition);
    const double quadratic =
        dynamics::quadratic_dropout_penalty(X, beta0(0.01), delta, dynamics::logistic_curvature);
    REQUIRE(exact > 0);  // Jensen: A is convex and E[x̃·β] = x·β
    REQUIRE(std::abs(quadratic / exact - 1) <= 1e-3);
  }
  // No noise, no penalty.
  REQUIRE(dynamics::exact_dropout_penalty(X, beta0(1), 0.0, dynamics::logistic_log_partition) ==
          0.0);
}

TEST_CASE("dynamics: the logistic log-partition and curvature are stable far out",
          "[experiments][dynamics]") {
  REQUIRE(std::abs(dynamics::logistic_log_partition(0) - std::log(2.0)) <= 1e-15);
  REQUIRE(dynamics::logistic_log_partition(800) == 800);
  REQUIRE(dynamics::logistic_log_partition(-800) >= 0);
  REQUIRE(std::abs(dynamics::logistic_curvature(0) - 0.25) <= 1e-15);
  REQUIRE(std::isfinite(dynamics::logistic_curvature(-800)));
}
