// Exercise 9: the marginalised dropout loss (9.1) and its closed-form minimiser (9.2).
#include "autograd/autograd.hpp"
#include "datasets/regression.hpp"
#include "experiments/dropout_ridge/gaussian_design.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dropout_ridge/montecarlo.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;
namespace dr = dropout_ridge;

namespace {
const Array kW{0.5, -1.0, 1.5, 0.25};
}

TEST_CASE("the marginalised loss as a graph equals the closed form", "[experiments][ex9][ex9.1]") {
  const datasets::Dataset a = datasets::design_A();
  for (double p : {0.1, 0.5, 0.7, 1.0}) {
    const double graph = dr::srivastava_marginalised_loss(a.X, a.y, Tensor(kW), p).item();
    REQUIRE(graph == Approx(dr::srivastava_expected_loss(a.X, a.y, kW, p)).epsilon(1e-14));
  }
}

TEST_CASE("Gamma squared is the column sums of squares, diag(X^T X)", "[experiments]") {
  const Array X{{1.0, 2.0}, {3.0, -4.0}};
  REQUIRE_ALL_CLOSE(dr::gamma_squared(X), (Array{10.0, 20.0}), 0);
}

TEST_CASE("enumerating masks reproduces both conventions' closed forms on a random design",
          "[experiments]") {
  const Array X = test::random_array({7, 5}, 90);
  const Array y = test::random_array({7}, 91);
  const Array w = test::random_array({5}, 92);
  for (double p : {0.3, 0.7}) {
    REQUIRE(dr::enumerate_loss_moments(X, y, w, p, 1.0).mean ==
            Approx(dr::srivastava_expected_loss(X, y, w, p)).epsilon(1e-12));
    REQUIRE(dr::enumerate_loss_moments(X, y, w, p, 1.0 / p).mean ==
            Approx(dr::inverted_expected_loss(X, y, w, p)).epsilon(1e-12));
  }
  // With p = 1 nothing is dropped: the loss is the plain squared error and has no variance.
  const auto no_dropout = dr::enumerate_loss_moments(X, y, w, 1.0, 1.0);
  REQUIRE(no_dropout.variance == Approx(0.0).margin(1e-12));
}

TEST_CASE("the marginalised loss passes gradcheck", "[experiments][ex9][ex9.1]") {
  const datasets::Dataset a = datasets::design_A();
  REQUIRE_GRADCHECK(
      [&](const std::vector<Tensor>& w) {
        return dr::srivastava_marginalised_loss(a.X, a.y, w[0], 0.7);
      },
      std::vector<Tensor>{Tensor(kW, true)});
}

TEST_CASE("the gradient of the marginalised loss vanishes at the closed-form minimiser",
          "[experiments][ex9][ex9.2]") {
  const datasets::Dataset a = datasets::design_A();
  const Array w_star = dr::srivastava_minimiser(a.X, a.y, 0.7);
  Tensor w(w_star, true);
  dr::srivastava_marginalised_loss(a.X, a.y, w, 0.7).backward();
  REQUIRE(xt::amax(xt::abs(w.grad()))() < 1e-12);
  // And the deployed p·w* is the ridge fit with per-feature penalties ((1−p)/p)·Γ².
  const Array ridge = dr::ridge_solution(a.X, a.y, (1 - 0.7) / 0.7 * dr::gamma_squared(a.X));
  REQUIRE_ALL_CLOSE(Array(0.7 * w_star), ridge, 1e-12);
}

TEST_CASE("the marginalised helpers reject mismatched shapes and a retain_prob that is not in 0..1",
          "[experiments]") {
  const Array X = xt::ones<double>({3, 2});
  REQUIRE_THROWS_WITH(dr::srivastava_expected_loss(X, Array{1.0, 2.0}, Array{1.0, 1.0}, 0.5),
                      Catch::Contains("[3, 2]") && Catch::Contains("[2]"));
  REQUIRE_THROWS_WITH(dr::srivastava_minimiser(X, Array{1.0, 2.0, 3.0}, 0.0),
                      Catch::Contains("retain_prob"));
}

TEST_CASE("enumerating masks gives the expected gradient -2p Xt(y - pXw) + 2p(1-p) Gamma^2 w",
          "[experiments]") {
  const Array X = test::random_array({6, 4}, 93);
  const Array y = test::random_array({6}, 94);
  const Array w = test::random_array({4}, 95);
  const double p = 0.3;
  const Array gamma_squared = dr::gamma_squared(X);
  Array expected = xt::zeros<double>({4});
  for (std::size_t j = 0; j < 4; ++j) {
    for (std::size_t i = 0; i < 6; ++i) {
      double prediction = 0;
      for (std::size_t k = 0; k < 4; ++k) prediction += X(i, k) * w(k);
      expected(j) += -2 * p * X(i, j) * (y(i) - p * prediction);
    }
    expected(j) += 2 * p * (1 - p) * gamma_squared(j) * w(j);
  }
  REQUIRE_ALL_CLOSE(dr::enumerate_expected_gradient(X, y, w, p), expected, 1e-12);
  // 2^21 masks per row is too many: refused, naming the limit.
  REQUIRE_THROWS_WITH(dr::enumerate_expected_gradient(xt::ones<double>({1, 21}), Array{1.0},
                                                      xt::ones<double>({21}), p),
                      Catch::Contains("D must be <= 20"));
}

TEST_CASE("stacked_draws stacks 8192 entries' worth of draws, at least one and at most all",
          "[experiments]") {
  REQUIRE(dr::stacked_draws(100'000, 40, 5) == 40);  // 8192 / 200, rounded down
  REQUIRE(dr::stacked_draws(25, 40, 5) == 25);       // no more than asked for
  REQUIRE(dr::stacked_draws(100, 100, 100) == 1);    // one copy is already over 8192 entries
}

TEST_CASE("the theorem's Gaussian design: N rows, a column per scale, the same for the same seed",
          "[experiments]") {
  const dr::GaussianDesign design;
  const datasets::Dataset a = design.draw(3), b = design.draw(3), c = design.draw(4);
  REQUIRE(a.X.shape()[0] == design.rows);
  REQUIRE(a.X.shape()[1] == design.column_scales.size());
  REQUIRE(a.X == b.X);
  REQUIRE(a.y == b.y);
  REQUIRE(a.X != c.X);
}
