// The moons experiment's pieces, on their own: the Bayes integral, the post's training loop
// with its wrong optimizer, the two prediction rules and the NaN guard.
#include <cmath>
#include <numbers>

#include <catch2/catch.hpp>

#include "autograd/autograd.hpp"
#include "datasets/moons.hpp"
#include "experiments/moons/bayes.hpp"
#include "experiments/moons/training.hpp"
#include "optim/sgd.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("moons: Gauss-Legendre with n nodes integrates polynomials of degree 2n-1 exactly",
          "[experiments][moons][ex10]") {
  for (const std::size_t n : {1, 2, 5, 16, 64}) {
    std::vector<double> nodes, weights;
    moons::gauss_legendre(n, 0, std::numbers::pi, nodes, weights);
    const std::size_t degree = 2 * n - 1;
    double integral = 0;
    for (std::size_t k = 0; k < n; ++k) integral += weights[k] * std::pow(nodes[k], degree);
    // ∫₀^π t^d dt = π^(d+1)/(d+1)
    const double exact = std::pow(std::numbers::pi, degree + 1) / (degree + 1);
    INFO("n = " << n << ": " << integral << " vs " << exact);
    REQUIRE(std::abs(integral - exact) <= 1e-12 * exact);
  }
}

TEST_CASE("moons: the Bayes accuracy tends to 1 without noise and to 1/2 with much noise",
          "[experiments][moons][ex10]") {
  const double tiny = 0.05, huge = 20;
  const auto sharp = moons::bayes_accuracy(tiny, moons::default_bayes_step(tiny),
                                           moons::default_bayes_t_nodes(tiny));
  const auto blurred = moons::bayes_accuracy(huge, moons::default_bayes_step(huge),
                                             moons::default_bayes_t_nodes(huge));
  INFO("noise " << tiny << ": " << sharp.accuracy << "; noise " << huge << ": "
                << blurred.accuracy);
  REQUIRE(sharp.accuracy > 0.999);
  REQUIRE(std::abs(sharp.total_mass - 1) < 1e-6);
  REQUIRE(blurred.accuracy < 0.52);
  REQUIRE(blurred.accuracy >= 0.5 - 1e-6);
  REQUIRE(moons::bayes_accuracy(0, 1, 1).accuracy == 1);
}

TEST_CASE(
    "moons: the Bayes accuracy at noise 0.2 is stable under halving the step and is "
    "matched by the Bayes rule on 40000 sampled points within 4 standard errors",
    "[experiments][moons][ex10]") {
  const double noise = 0.2;
  const double step = moons::default_bayes_step(noise);
  const std::size_t nodes = moons::default_bayes_t_nodes(noise);
  const auto coarse = moons::bayes_accuracy(noise, step, nodes);
  const auto fine = moons::bayes_accuracy(noise, step / 2, 2 * nodes);
  INFO("step h: " << coarse.accuracy << ", h/2: " << fine.accuracy);
  REQUIRE(std::abs(coarse.accuracy - fine.accuracy) < 1e-5);
  // make_moons spaces t evenly; for many points that is the uniform t of the integral.
  const std::size_t n = 40'000;
  const datasets::Dataset sample = datasets::make_moons(n, noise, 123);
  const Array predicted = moons::bayes_predictions(sample.X, noise, nodes);
  const double accuracy = xt::sum(xt::equal(predicted, sample.y))() / static_cast<double>(n);
  const double se = std::sqrt(fine.accuracy * (1 - fine.accuracy) / n);
  INFO("sampled Bayes-rule accuracy " << accuracy << " ± " << se);
  REQUIRE(std::abs(accuracy - fine.accuracy) <= 4 * se);
}

namespace {
moons::Rows tiny_rows() {
  const datasets::Dataset data = datasets::make_moons(20, 0.1, 5);
  return moons::as_rows(data);
}
}  // namespace

TEST_CASE(
    "moons: the post's second loop never moves the dropout model and drives the other "
    "to minus its stale gradient over the weight decay",
    "[experiments][moons][ex10]") {
  autograd::manual_seed(11);
  const moons::Rows rows = tiny_rows();
  const moons::MlpShape shape{2, {8, 8}};
  const auto model = moons::make_mlp(shape, 0);
  const double lr = 0.05, weight_decay = 0.5;
  optim::SGD optimizer(model->parameters(), lr, 0, 0, weight_decay);
  moons::post_training_loop(*model, optimizer, optimizer, rows, 3, "first", {});
  std::vector<Array> stale;
  for (const Tensor& p : model->parameters()) stale.push_back(p.grad());
  const auto dropout_model = moons::make_mlp(shape, 0.5);
  const std::vector<Array> dropout_init = moons::snapshot(*dropout_model);
  optim::SGD optimizer_dropout(dropout_model->parameters(), lr);
  // (1 − lr·wd)^(steps) = 0.975^2000 ≈ 1e-22: the iteration has converged.
  moons::post_training_loop(*dropout_model, optimizer_dropout, optimizer, rows, 100, "second", {});
  REQUIRE(moons::max_abs_difference(moons::snapshot(*dropout_model), dropout_init) == 0);
  std::vector<Array> fixed_point;
  for (const Array& g : stale) fixed_point.push_back(-g / weight_decay);
  REQUIRE(moons::max_abs_difference(moons::snapshot(*model), fixed_point) < 1e-12);
  // Its stale gradients were never zeroed: they are still the first loop's last ones.
  const auto parameters = model->parameters();
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    REQUIRE(xt::amax(xt::abs(parameters[k].grad() - stale[k]))() == 0);
  }
}

TEST_CASE("moons: the post's rule predicts 1 from logit 0.5 on, the sigmoid rule from logit 0",
          "[experiments][moons][ex10]") {
  const Array logits = {-1.0, 0.0, 1e-9, 0.3, 0.5, 2.0};
  const Array labels = {0.0, 0.0, 1.0, 1.0, 1.0, 1.0};
  const auto sigmoid_rule = moons::evaluate(logits, labels, moons::Threshold::sigmoid);
  const auto post_rule = moons::evaluate(logits, labels, moons::Threshold::post_logit);
  REQUIRE(sigmoid_rule.predicted_ones == 4);  // 1e-9, 0.3, 0.5, 2
  REQUIRE(sigmoid_rule.accuracy == 1.0);
  REQUIRE(post_rule.predicted_ones == 2);  // 0.5 and 2: torch.where(z < 0.5, 0, 1)
  REQUIRE(post_rule.accuracy == Approx(4.0 / 6));
  REQUIRE_FALSE(post_rule.constant());
  REQUIRE(
      moons::evaluate(Array{-3.0, -2.0}, Array{0.0, 1.0}, moons::Threshold::post_logit).constant());
}

TEST_CASE("moons: the NaN guard stops at the first non-finite loss, naming step and epoch",
          "[experiments][moons][ex10]") {
  autograd::manual_seed(3);
  const moons::Rows rows = tiny_rows();
  const auto model = moons::make_mlp({2, {8}}, 0);
  optim::SGD absurd(model->parameters(), 1e12);
  try {
    moons::post_training_loop(*model, absurd, absurd, rows, 50, "absurd", {});
    FAIL("no NonFiniteLoss thrown");
  } catch (const moons::NonFiniteLoss& error) {
    INFO(error.what());
    REQUIRE(error.step >= 1);
    REQUIRE(error.epoch == (error.step - 1) / rows.size() + 1);
    REQUIRE(std::string(error.what()).find("step " + std::to_string(error.step)) !=
            std::string::npos);
    REQUIRE(std::string(error.what()).find("epoch " + std::to_string(error.epoch)) !=
            std::string::npos);
    if (error.step > 1) REQUIRE(std::isfinite(error.last_finite_loss));
  }
  // Without the guard the loop runs to the end.
  autograd::manual_seed(3);
  const auto again = moons::make_mlp({2, {8}}, 0);
  optim::SGD absurd_again(again->parameters(), 1e12);
  moons::LoopControl unguarded;
  unguarded.stop_on_non_finite = false;
  REQUIRE(moons::post_training_loop(*again, absurd_again, absurd_again, rows, 3, "x", unguarded)
              .size() == 3);
}

TEST_CASE("moons: --hidden parses comma-separated positive widths and rejects the rest",
          "[experiments][moons][ex10]") {
  REQUIRE(moons::parse_hidden("64,64") == std::vector<std::size_t>{64, 64});
  REQUIRE(moons::parse_hidden("5") == std::vector<std::size_t>{5});
  for (const char* bad : {"", ",", "64,", ",64", "64,,64", "0", "6x", "-4", "64 ,64"}) {
    INFO("'" << bad << "'");
    REQUIRE_THROWS_AS(moons::parse_hidden(bad), std::invalid_argument);
  }
}
