// What L2 and dropout actually do on the regression with the post's X as design, and the
// seeded Gaussian clusters of the post's Figure 3.
#include <cmath>

#include <xtensor/xview.hpp>

#include "autograd/random.hpp"
#include "experiments/illustrations/replay.hpp"
#include "experiments/illustrations/weights.hpp"
#include "test_helpers.hpp"

namespace il = illustrations;
using autograd::Array;

TEST_CASE(
    "illustrations: weight decay in optim::SGD is the multiplicative shrink and reaches "
    "the ridge solution",
    "[experiments][illustrations]") {
  const il::Regression problem = il::post_regression();
  REQUIRE((problem.y == Array{2.5, 4.5, 10.25}));  // X·(1, 1) + (0.5, −0.5, 0.25)
  const double lambda = 1.0;
  const il::WeightDecayDescent run = il::weight_decay_descent(problem, lambda, 1e-12, 100'000);
  // XᵀX = [[14, 28], [28, 59]], Xᵀy = (42.25, 87.75): solve by Cramer's rule.
  const auto solve = [](double a, double b, double d, double r0, double r1) {
    const double det = a * d - b * b;
    return Array{(d * r0 - b * r1) / det, (a * r1 - b * r0) / det};
  };
  REQUIRE_ALL_CLOSE(run.ols, solve(14, 28, 59, 42.25, 87.75), 1e-12);
  REQUIRE_ALL_CLOSE(run.ridge, solve(14 + lambda, 28, 59 + lambda, 42.25, 87.75), 1e-12);
  REQUIRE(run.shrink_factor == 1 - run.learning_rate * lambda);
  REQUIRE(run.max_update_deviation <= 1e-14);
  REQUIRE(run.final_error <= 1e-12);
  REQUIRE(run.steps > 0);
  REQUIRE(run.trajectory.size() == run.steps + 1);
  REQUIRE_THROWS_AS(il::weight_decay_descent(problem, 0.0, 1e-12, 10), std::invalid_argument);
}

TEST_CASE("illustrations: deployed marginalised dropout is ridge with penalties (1-p)/p diag(XtX)",
          "[experiments][illustrations]") {
  const il::Regression problem = il::post_regression();
  const il::MarginalisedDropout half = il::marginalised_dropout(problem, 0.5);
  REQUIRE((half.penalties == Array{14.0, 59.0}));  // (1−p)/p = 1 at p = 0.5
  REQUIRE(half.max_difference <= 1e-12);
  const il::MarginalisedDropout low = il::marginalised_dropout(problem, 0.2);
  REQUIRE_ALL_CLOSE(low.penalties, (Array{56.0, 236.0}), 1e-15);
  REQUIRE(low.max_difference <= 1e-12);
  // Smaller p, larger penalties: the deployed weights shrink in Γ-norm.
  const auto gamma_norm = [](const Array& w) {
    return std::sqrt(14 * w(0) * w(0) + 59 * w(1) * w(1));
  };
  REQUIRE(gamma_norm(low.deployed) < gamma_norm(half.deployed));
}

TEST_CASE("illustrations: the clusters have the post's means and variances and follow the seed",
          "[experiments][illustrations]") {
  const std::size_t n = 4000;
  autograd::Generator gen(21);
  const Array points = il::sample_clusters(il::post_clusters(), n, gen);
  REQUIRE(points.shape() == std::vector<std::size_t>{3 * n, 3});
  const auto clusters = il::post_clusters();
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    const Array block = xt::view(points, xt::range(c * n, (c + 1) * n), xt::all());
    const Array mean = il::column_mean(block);
    const Array std = il::column_std(block);
    for (std::size_t j = 0; j < 3; ++j) {
      const double sigma = std::sqrt(clusters[c].variance[j]);
      INFO("cluster " << c << " coordinate " << j << ": mean " << mean(j) << ", std " << std(j));
      // 4 standard errors: σ/√n for the mean, σ²·√(2/(n−1)) for the variance of a normal
      REQUIRE(std::abs(mean(j) - clusters[c].mean[j]) <= 4 * sigma / std::sqrt(double(n)));
      REQUIRE(std::abs(std(j) * std(j) - sigma * sigma) <=
              4 * sigma * sigma * std::sqrt(2.0 / (n - 1)));
    }
  }
  autograd::Generator again(21), other(22);
  REQUIRE((il::sample_clusters(il::post_clusters(), n, again) == points));
  REQUIRE_FALSE((il::sample_clusters(il::post_clusters(), n, other) == points));
}

TEST_CASE("illustrations: analyse_weights leaves the data alone and reports both paths",
          "[experiments][illustrations]") {
  const il::WeightsResults w = il::analyse_weights(1.0, 0.5, 1e-12, 100'000);
  REQUIRE(w.data_unchanged);
  REQUIRE(w.norm_never_increases);
  REQUIRE(w.trajectory_norms.size() == w.descent.trajectory.size());
  REQUIRE(w.trajectory_norms.front() > w.trajectory_norms.back());
  REQUIRE((w.gamma_squared == Array{14.0, 59.0}));  // diag(XᵀX)
  // cos = 28/√(14·59)
  REQUIRE(std::abs(w.column_cosine - 28 / std::sqrt(14.0 * 59.0)) <= 1e-15);
  REQUIRE(w.weight_decay_grid.size() == 29);
  REQUIRE(w.ridge_path.size() == 29);
  REQUIRE(w.retain_prob_grid.size() == 25);
  REQUIRE(w.retain_prob_grid[16] == 0.5);  // (1 − p)/p = 10⁰
  REQUIRE_ALL_CLOSE(w.dropout_path[16], w.dropout.deployed, 1e-15);
}
