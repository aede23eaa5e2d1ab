// The fast SGD loop of experiments/dynamics against the project's autograd/nn/optim stack (the
// same draws must give the same iterates), its bookkeeping, and the targets of its recursions.
#include <cmath>
#include <numeric>

#include <catch2/catch.hpp>
#include <xtensor/xview.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/sgd_runs.hpp"

using dynamics::Array;
using dynamics::SgdSetup;

namespace {
constexpr std::size_t kSteps = 300;
constexpr std::uint64_t kSeed = 12345;

void require_same_iterates(const SgdSetup& setup, double lr) {
  const Array through_nn = dynamics::nn_sgd_iterates(setup, lr, kSteps, kSeed);
  const Array fast = dynamics::fast_sgd_iterates(setup, lr, kSteps, kSeed);
  REQUIRE(through_nn.shape() == fast.shape());
  INFO("max difference " << xt::amax(xt::abs(through_nn - fast))());
  REQUIRE(xt::amax(xt::abs(through_nn - fast))() <= 1e-12);
  // And they went somewhere: the weights left 0.
  REQUIRE(xt::amax(xt::abs(xt::view(fast, kSteps, xt::all())))() > 0.05);
}
}  // namespace

TEST_CASE("dynamics: the fast loop gives the same iterates as SrivastavaDropout, Linear and SGD",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  require_same_iterates(dynamics::srivastava_sgd(a.X, a.y, 0.7), 0.04);
}

TEST_CASE("dynamics: the fast loop gives the same iterates as nn::Dropout, Linear and SGD",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  require_same_iterates(dynamics::inverted_dropout_sgd(a.X, a.y, 0.5), 0.02);
  require_same_iterates(dynamics::inverted_dropout_sgd(a.X, a.y, 1.0 / 11), 0.02);
}

TEST_CASE("dynamics: the fast loop gives the same iterates as SGD with weight decay",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  require_same_iterates(dynamics::weight_decay_sgd(a.X, a.y, 2.0), 0.02);
}

TEST_CASE("dynamics: a different seed gives different iterates", "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  const SgdSetup setup = dynamics::srivastava_sgd(a.X, a.y, 0.7);
  const Array one = dynamics::fast_sgd_iterates(setup, 0.04, 50, 1);
  const Array two = dynamics::fast_sgd_iterates(setup, 0.04, 50, 2);
  REQUIRE(xt::amax(xt::abs(one - two))() > 1e-3);
}

TEST_CASE("dynamics: run_sgd's errors, averages and batch means agree with the iterates",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  const SgdSetup setup = dynamics::srivastava_sgd(a.X, a.y, 0.7);
  const Array target = dropout_ridge::srivastava_minimiser(a.X, a.y, 0.7);
  const std::vector<std::size_t> checkpoints{10, 100, 400};
  const std::size_t batches = 3, batch_length = 100;
  const dynamics::SgdRun run =
      dynamics::run_sgd(setup, 0.04, target, checkpoints, batches, batch_length, kSeed);
  const Array iterates = dynamics::fast_sgd_iterates(setup, 0.04, 400, kSeed);
  for (std::size_t c = 0; c < checkpoints.size(); ++c) {
    const std::size_t K = checkpoints[c];
    const Array last = xt::view(iterates, K, xt::all());
    const Array averaged = xt::mean(xt::view(iterates, xt::range(1, K + 1), xt::all()), {0});
    REQUIRE(std::abs(run.last_sq_error[c] - xt::sum(xt::square(last - target))()) <= 1e-13);
    REQUIRE(std::abs(run.averaged_sq_error[c] - xt::sum(xt::square(averaged - target))()) <= 1e-13);
  }
  // The late window is steps 101..400, in batches 101..200, 201..300, 301..400.
  REQUIRE(run.batch_state.size() == batches);
  for (std::size_t b = 0; b < batches; ++b) {
    const std::size_t first = 101 + b * batch_length;
    const Array window = xt::view(iterates, xt::range(first, first + batch_length), xt::all());
    const Array state = xt::mean(window, {0});
    const double sq = xt::mean(xt::sum(xt::square(window - target), {1}))();
    for (std::size_t j = 0; j < target.size(); ++j) {
      REQUIRE(std::abs(run.batch_state[b][j] - state(j)) <= 1e-13);
    }
    REQUIRE(std::abs(run.batch_sq_error[b] - sq) <= 1e-13);
  }
}

TEST_CASE("dynamics: every SGD recursion targets the minimiser of its marginalised objective",
          "[experiments][dynamics]") {
  const datasets::Dataset a = datasets::design_A();
  const std::size_t N = a.X.shape()[0], D = a.X.shape()[1];
  // Srivastava's convention: w* of the theorem.
  REQUIRE(xt::amax(xt::abs(
              dynamics::sgd_recursion(dynamics::srivastava_sgd(a.X, a.y, 0.7)).fixed_point() -
              dropout_ridge::srivastava_minimiser(a.X, a.y, 0.7)))() <= 1e-12);
  // Inverted dropout q: ridge with per-feature penalty (q/(1−q))·(XᵀX)_jj.
  const double q = 0.3;
  const Array inverted_target =
      dropout_ridge::ridge_solution(a.X, a.y, q / (1 - q) * dropout_ridge::gamma_squared(a.X));
  REQUIRE(xt::amax(xt::abs(
              dynamics::sgd_recursion(dynamics::inverted_dropout_sgd(a.X, a.y, q)).fixed_point() -
              inverted_target))() <= 1e-12);
  // Weight decay wd on the mean squared error: ridge with penalty N·wd/2 on every weight.
  const double wd = 0.7;
  const Array decay_target =
      dropout_ridge::ridge_solution(a.X, a.y, N * wd / 2 * xt::ones<double>({D}));
  REQUIRE(xt::amax(xt::abs(
              dynamics::sgd_recursion(dynamics::weight_decay_sgd(a.X, a.y, wd)).fixed_point() -
              decay_target))() <= 1e-12);
}

TEST_CASE("dynamics: log grids of checkpoints, and the log-log slope of a power law over one",
          "[experiments][dynamics]") {
  REQUIRE(dynamics::log_grid(1000, 100000, 4) ==
          std::vector<std::size_t>{1000, 1778, 3162, 5623, 10000, 17783, 31623, 56234, 100000});
  REQUIRE(dynamics::log_grid(1000, 2500, 1) == std::vector<std::size_t>{1000, 2500});
  const std::vector<double> x{1, 10, 100, 1000};
  std::vector<double> y;
  for (const double v : x) y.push_back(3 / std::sqrt(v));
  const experiments::LineFit fit = experiments::fit_loglog(x, y);
  REQUIRE(std::abs(fit.slope + 0.5) <= 1e-14);
  REQUIRE(fit.slope_se <= 1e-12);
}
