// Exercise 8.2: Adam and AdamW, step for step as torch.optim.Adam and torch.optim.AdamW (1.13),
// and what their weight decay means: an L2 penalty's gradient for Adam, a decoupled shrink for
// AdamW.
#include <cmath>
#include <limits>
#include <memory>

#include "fixtures.hpp"
#include "optim/optim.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

namespace {

// Replays one fixture case (tests/fixtures/make_pytorch_reference.py, adam_cases): the
// optimizer built with the case's options (or with no options, for the defaults case), then
// each step's recorded gradients set as they are (null: no gradient, p.grad = None) and a step,
// the parameters compared with torch's after every step.
template <class AdamOrAdamW>
void replay_fixture_case(const nlohmann::json& reference) {
  std::vector<Tensor> params;
  for (const auto& initial : reference["params_initial"]) {
    params.emplace_back(test::json_to_array(initial), true);
  }
  const optim::Betas betas{reference["betas"][0], reference["betas"][1]};
  std::unique_ptr<AdamOrAdamW> optimizer =
      reference["defaults"]
          ? std::make_unique<AdamOrAdamW>(params)
          : std::make_unique<AdamOrAdamW>(params, reference["lr"], betas, reference["eps"],
                                          reference["weight_decay"], reference["amsgrad"]);
  // The defaults case also checks that ours are torch's.
  REQUIRE(optimizer->lr() == reference["lr"].get<double>());
  REQUIRE(optimizer->betas() == betas);
  REQUIRE(optimizer->eps() == reference["eps"].get<double>());
  REQUIRE(optimizer->weight_decay() == reference["weight_decay"].get<double>());
  REQUIRE(optimizer->amsgrad() == reference["amsgrad"].get<bool>());
  for (std::size_t step = 0; step < reference["grads"].size(); ++step) {
    optimizer->zero_grad();
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& grad = reference["grads"][step][i];
      if (grad.is_null()) continue;
      autograd::sum(params[i] * Tensor(test::json_to_array(grad))).backward();  // grad = g
    }
    optimizer->step();
    for (std::size_t i = 0; i < params.size(); ++i) {
      INFO("step " << step << ", parameter " << i);
      REQUIRE_ALL_CLOSE(params[i].value(),
                        test::json_to_array(reference["params_after_step"][step][i]), 1e-12);
    }
  }
}

// A small least-squares problem with a loss that is not the penalty: a 5×3 design, fixed.
struct LeastSquares {
  Tensor X{Array{
      {1.0, 0.5, -2.0}, {0.3, -1.2, 0.8}, {-0.7, 2.0, 0.1}, {1.5, 0.2, 0.9}, {0.0, -0.4, 1.1}}};
  Tensor y{test::column({1.0, -0.5, 2.0, 0.3, -1.0})};
  Tensor loss(const Tensor& w) const {
    return autograd::mean(autograd::pow(autograd::matmul(X, w) - y, 2));
  }
};

}  // namespace

TEST_CASE("Adam matches torch.optim.Adam to 1e-12 over eight steps for each option combination",
          "[optim][ex8][ex8.2]") {
  for (const auto& reference : test::pytorch_reference()["adam"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      replay_fixture_case<optim::Adam>(reference);
    }
  }
}

TEST_CASE("AdamW matches torch.optim.AdamW to 1e-12 over eight steps for each option combination",
          "[optim][ex8][ex8.2]") {
  for (const auto& reference : test::pytorch_reference()["adamw"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      replay_fixture_case<optim::AdamW>(reference);
    }
  }
}

TEST_CASE("Adam and AdamW have torch.optim's defaults", "[optim]") {
  Tensor param(Array{1.0}, true);
  const optim::Adam adam({param});
  const optim::AdamW adamw({param});
  for (const optim::AdamBase* optimizer :
       {static_cast<const optim::AdamBase*>(&adam), static_cast<const optim::AdamBase*>(&adamw)}) {
    INFO(optimizer->name());
    REQUIRE(optimizer->lr() == 1e-3);
    REQUIRE(optimizer->betas() == optim::Betas{0.9, 0.999});
    REQUIRE(optimizer->eps() == 1e-8);
    REQUIRE_FALSE(optimizer->amsgrad());
  }
  REQUIRE(adam.weight_decay() == 0.0);
  REQUIRE(adamw.weight_decay() == 1e-2);
}

TEST_CASE("Adam and AdamW reject invalid options, naming the argument and the value", "[optim]") {
  Tensor param(Array{1.0}, true);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  using Catch::Contains;
  // The same checks as torch's constructors: lr, eps, weight_decay >= 0, each beta in [0, 1).
  REQUIRE_THROWS_WITH(optim::Adam({param}, -0.1), Contains("Adam: lr") && Contains("-0.1"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, nan), Contains("lr") && Contains("nan"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {1.0, 0.999}),
                      Contains("betas.first") && Contains("[0, 1)") && Contains("got 1"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {-0.1, 0.999}),
                      Contains("betas.first") && Contains("-0.1"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {0.9, 1.0}), Contains("betas.second"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {0.9, -1e-3}),
                      Contains("betas.second") && Contains("-0.001"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {0.9, 0.999}, -1e-8),
                      Contains("eps") && Contains("-1e-08"));
  REQUIRE_THROWS_WITH(optim::Adam({param}, 1e-3, {0.9, 0.999}, 1e-8, -0.01),
                      Contains("weight_decay") && Contains("-0.01"));
  REQUIRE_THROWS_WITH(optim::AdamW({param}, -1.0), Contains("AdamW: lr"));
  REQUIRE_THROWS_WITH(optim::AdamW({param}, 1e-3, {0.9, 1.5}), Contains("AdamW: betas.second"));
  REQUIRE_THROWS_WITH(optim::AdamW({param}, 1e-3, {0.9, 0.999}, -1.0), Contains("AdamW: eps"));
  REQUIRE_THROWS_WITH(optim::AdamW({param}, 1e-3, {0.9, 0.999}, 1e-8, -1.0),
                      Contains("AdamW: weight_decay"));
  REQUIRE_THROWS_AS(optim::Adam({Tensor(Array{1.0})}), std::invalid_argument);
  REQUIRE_THROWS_AS(optim::AdamW({Tensor()}), std::invalid_argument);
  // The edges torch accepts.
  REQUIRE_NOTHROW(optim::Adam({param}, 0.0, {0.0, 0.0}, 0.0, 0.0));
  REQUIRE_NOTHROW(optim::AdamW({param}, 0.0, {0.0, 0.0}, 0.0, 0.0));
}

TEST_CASE("Adam with weight_decay takes the same steps as Adam on the loss plus (wd/2)|w|^2",
          "[optim][ex8][ex8.2]") {
  // Adam's weight decay adds wd·θ to the gradient, which is the gradient of (wd/2)‖θ‖²: the two
  // runs below must agree. AdamW's decoupled decay is no penalty in the loss: it must not.
  const LeastSquares problem;
  const double weight_decay = 0.5, lr = 0.05;
  for (const bool amsgrad : {false, true}) {
    INFO("amsgrad " << amsgrad);
    const Array w0 = test::column({0.8, -1.5, 2.0});
    Tensor w_decay(w0, true), w_penalty(w0, true), w_adamw(w0, true);
    optim::Adam with_decay({w_decay}, lr, {0.9, 0.999}, 1e-8, weight_decay, amsgrad);
    optim::Adam with_penalty({w_penalty}, lr, {0.9, 0.999}, 1e-8, 0.0, amsgrad);
    optim::AdamW decoupled({w_adamw}, lr, {0.9, 0.999}, 1e-8, weight_decay, amsgrad);
    for (int step = 0; step < 30; ++step) {
      with_decay.zero_grad();
      problem.loss(w_decay).backward();
      with_decay.step();

      with_penalty.zero_grad();
      (problem.loss(w_penalty) + autograd::sum(autograd::pow(w_penalty, 2)) * (weight_decay / 2))
          .backward();
      with_penalty.step();

      decoupled.zero_grad();
      problem.loss(w_adamw).backward();
      decoupled.step();
    }
    REQUIRE_ALL_CLOSE(w_decay.value(), w_penalty.value(), 1e-12);
    INFO("AdamW " << test::to_string(w_adamw.value()) << " vs Adam+L2 "
                  << test::to_string(w_penalty.value()));
    REQUIRE(xt::amax(xt::abs(w_adamw.value() - w_penalty.value()))() > 1e-2);
  }
}

TEST_CASE("On a zero loss AdamW shrinks by 1 - lr*wd per step while Adam moves by about lr",
          "[optim][ex8][ex8.2]") {
  // With no gradient from the loss, AdamW's moments stay 0 and only the decay acts:
  // θ ← θ·(1 − lr·λ), a move proportional to λ. Adam's gradient is λθ alone, and Adam
  // normalises it away: its first step is lr·m̂/(√v̂ + eps) = lr·λθ/(|λθ| + eps) ≈ lr·sign(θ),
  // nearly the same move for λ = 1e-4 as for λ = 1.
  const double lr = 0.1, eps = 1e-8;
  for (const double weight_decay : {1e-4, 1e-2, 1.0}) {
    INFO("weight_decay " << weight_decay);
    Tensor theta_adam(Array{2.0, -0.5}, true), theta_adamw(Array{2.0, -0.5}, true);
    optim::Adam adam({theta_adam}, lr, {0.9, 0.999}, eps, weight_decay);
    optim::AdamW adamw({theta_adamw}, lr, {0.9, 0.999}, eps, weight_decay);
    for (int step = 1; step <= 3; ++step) {
      for (Tensor* theta : {&theta_adam, &theta_adamw}) {
        theta->zero_grad();
        autograd::sum(*theta * 0.0).backward();  // a zero gradient, present
      }
      adam.step();
      adamw.step();
      const double shrink = std::pow(1 - lr * weight_decay, step);
      REQUIRE_ALL_CLOSE(theta_adamw.value(), (Array{2.0 * shrink, -0.5 * shrink}), 1e-15);
      if (step == 1) {
        const double g0 = weight_decay * 2.0, g1 = weight_decay * -0.5;
        const Array adam_first_step{2.0 - lr * g0 / (std::abs(g0) + eps),
                                    -0.5 - lr * g1 / (std::abs(g1) + eps)};
        REQUIRE_ALL_CLOSE(theta_adam.value(), adam_first_step, 1e-15);
        REQUIRE_ALL_CLOSE(theta_adam.value(), (Array{2.0 - lr, -0.5 + lr}), 1e-4);
      }
    }
  }
}

TEST_CASE("AdamW without weight decay takes exactly Adam's steps", "[optim][ex8][ex8.2]") {
  const LeastSquares problem;
  for (const bool amsgrad : {false, true}) {
    INFO("amsgrad " << amsgrad);
    Tensor w_adam(test::column({0.1, 0.2, -0.3}), true),
        w_adamw(test::column({0.1, 0.2, -0.3}), true);
    optim::Adam adam({w_adam}, 0.1, {0.8, 0.9}, 1e-6, 0.0, amsgrad);
    optim::AdamW adamw({w_adamw}, 0.1, {0.8, 0.9}, 1e-6, 0.0, amsgrad);
    for (int step = 0; step < 10; ++step) {
      adam.zero_grad();
      problem.loss(w_adam).backward();
      adam.step();
      adamw.zero_grad();
      problem.loss(w_adamw).backward();
      adamw.step();
    }
    REQUIRE_ALL_CLOSE(w_adamw.value(), w_adam.value(), 0);
  }
}

TEST_CASE("Adam's first step is the formula written out, to the bit, for sizes 1 to 9",
          "[optim][ex8][ex8.2]") {
  // Sizes 1 to 9 reach both the vectorised part of the step (4 or 2 at a time) and the rest.
  // First step, m and v from 0: m = (1 − β₁)·g, v = ((1 − β₂)·g)·g,
  // θ₁ = θ + (−lr/(1 − β₁))·m / (√v/√(1 − β₂) + eps). From θ = 0, so that θ₁ is the update
  // itself and one unit in the last place of √v shows.
  const double lr = 0.01, beta1 = 0.8, beta2 = 0.7, eps = 1e-6;
  for (std::size_t size = 1; size <= 9; ++size) {
    INFO("size " << size);
    const Array grad = test::random_array({size}, 20 + size);
    Tensor theta(xt::zeros<double>({size}), true);
    optim::Adam adam({theta}, lr, {beta1, beta2}, eps);
    autograd::sum(theta * Tensor(grad)).backward();
    adam.step();
    Array expected = Array::from_shape({size});
    for (std::size_t k = 0; k < size; ++k) {
      const double m = (1 - beta1) * grad(k);
      const double v = (1 - beta2) * grad(k) * grad(k);
      const double denom = std::sqrt(v) / std::sqrt(1 - beta2) + eps;
      expected(k) = 0.0 + -(lr / (1 - beta1)) * m / denom;
    }
    REQUIRE_ALL_CLOSE(theta.value(), expected, 0);
  }
}

TEST_CASE("Adam and AdamW skip a parameter without a gradient and keep the stored gradient",
          "[optim][ex8][ex8.2]") {
  Tensor used(Array{1.0, -2.0}, true), unused(Array{5.0}, true);
  optim::Adam adam({used, unused}, 0.1, {0.9, 0.999}, 1e-8, 0.5);
  autograd::sum(used * 3.0).backward();
  adam.step();
  REQUIRE(unused.value()(0) == 5.0);
  REQUIRE_FALSE(unused.has_grad());
  INFO("g = grad + wd·θ is computed aside: used.grad() stays as it was");
  REQUIRE_ALL_CLOSE(used.grad(), (Array{3.0, 3.0}), 0);
  // First step: m̂ = g, √v̂ = |g|, so θ −= lr·g/(|g| + eps) with g = 3 + 0.5·θ = [3.5, 2].
  REQUIRE_ALL_CLOSE(used.value(),
                    (Array{1.0 - 0.1 * 3.5 / (3.5 + 1e-8), -2.0 - 0.1 * 2 / (2 + 1e-8)}), 1e-15);
}

TEST_CASE("Every optimizer runs through the Optimizer interface", "[optim][ex8][ex8.2]") {
  // One loop for SGD, Adam and AdamW, as an experiment that compares them would write it.
  const LeastSquares problem;
  const Array w0 = test::column({0.0, 0.0, 0.0});
  Tensor w_sgd(w0, true), w_adam(w0, true), w_adamw(w0, true);
  std::vector<std::unique_ptr<optim::Optimizer>> optimizers;
  optimizers.push_back(std::make_unique<optim::SGD>(std::vector<Tensor>{w_sgd}, 0.05));
  optimizers.push_back(std::make_unique<optim::Adam>(std::vector<Tensor>{w_adam}, 0.05));
  optimizers.push_back(std::make_unique<optim::AdamW>(std::vector<Tensor>{w_adamw}, 0.05));
  const double initial_loss = problem.loss(w_sgd).value()();
  for (auto& optimizer : optimizers) {
    INFO(optimizer->name());
    Tensor w = optimizer->params()[0];
    for (int step = 0; step < 200; ++step) {
      optimizer->zero_grad();
      problem.loss(w).backward();
      optimizer->step();
    }
    REQUIRE(problem.loss(w).value()() < 0.5 * initial_loss);
  }
  REQUIRE(optimizers[0]->name() == "SGD");
  REQUIRE(optimizers[1]->name() == "Adam");
  REQUIRE(optimizers[2]->name() == "AdamW");
}
