// Exercises 7.1 and 7.2: BCE-with-logits (stable, all reductions, pos_weight) and MSE, against
// PyTorch.
#include <cmath>

#include "autograd/arithmetic.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"
#include "fixtures.hpp"
#include "nn/losses.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

namespace {
// Runs one fixture case: loss value and gradient w.r.t. the input, both to 1e-12.
template <class Loss>
void check_against_pytorch(const Loss& loss_fn, const nlohmann::json& reference,
                           const char* input_key, const char* target_key, const char* grad_key) {
  Tensor input(test::json_to_array(reference[input_key]), true);
  Tensor target(test::json_to_array(reference[target_key]));
  Tensor loss = loss_fn(input, target);
  REQUIRE_ALL_CLOSE(loss.value(), test::json_to_array(reference["loss"]), 1e-12);
  // grad_output is 1 for mean and sum, an array for none; broadcast it to the loss's shape.
  loss.backward(test::json_to_array(reference["grad_output"]) + xt::zeros_like(loss.value()));
  REQUIRE_ALL_CLOSE(input.grad(), test::json_to_array(reference[grad_key]), 1e-12);
}
}  // namespace

TEST_CASE("BCEWithLogitsLoss matches PyTorch for every reduction, pos_weight and extreme logits",
          "[nn][ex7][ex7.1]") {
  for (const auto& reference : test::pytorch_reference()["bce_with_logits"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      std::optional<Array> pos_weight;
      if (!reference["pos_weight"].is_null())
        pos_weight = test::json_to_array(reference["pos_weight"]);
      const nn::BCEWithLogitsLoss loss_fn(reference["reduction"].get<std::string>(), pos_weight);
      check_against_pytorch(loss_fn, reference, "logits", "targets", "grad_logits");
    }
  }
}

TEST_CASE("BCEWithLogitsLoss is finite and exact for logits of +-1e4", "[nn][ex7][ex7.1]") {
  const nn::BCEWithLogitsLoss loss_fn(nn::Reduction::none);
  Tensor logits(Array{1e4, -1e4, 1e4, -1e4}, true);
  Tensor loss = loss_fn(logits, Tensor(Array{1.0, 0.0, 0.0, 1.0}));
  INFO("stable form: (1 - y)·x + softplus(-x); log(sigmoid(x)) would be log 0 at x = -1e4");
  // Right answers cost e^-1e4 ≈ 0; wrong answers cost |x| = 1e4 exactly.
  REQUIRE_ALL_CLOSE(loss.value(), (Array{0.0, 0.0, 1e4, 1e4}), 0);
  loss.backward(xt::ones<double>({4}));
  // dℓ/dx = σ(x) − y.
  REQUIRE_ALL_CLOSE(logits.grad(), (Array{0.0, 0.0, 1.0, -1.0}), 0);
}

TEST_CASE("BCEWithLogitsLoss mean divides by the number of elements", "[nn][ex7][ex7.1]") {
  Tensor logits(xt::zeros<double>({2, 3}));
  Tensor target(xt::ones<double>({2, 3}));
  // Each element costs log 2; the mean over 6 elements is log 2, the sum 6·log 2.
  REQUIRE(nn::BCEWithLogitsLoss("mean")(logits, target).item() ==
          Approx(std::log(2.0)).epsilon(1e-15));
  REQUIRE(nn::BCEWithLogitsLoss("sum")(logits, target).item() ==
          Approx(6 * std::log(2.0)).epsilon(1e-15));
}

TEST_CASE("BCEWithLogitsLoss passes gradcheck, with pos_weight", "[nn][ex7][ex7.1]") {
  const Tensor target(Array{{0.0, 1.0}, {1.0, 0.3}, {0.0, 0.0}});
  const std::vector<Tensor> inputs{Tensor(test::random_array({3, 2}, 80, -4.0, 4.0), true)};
  const nn::BCEWithLogitsLoss loss_fn(nn::Reduction::mean, Array{2.0, 0.5});
  REQUIRE_GRADCHECK([&](const std::vector<Tensor>& x) { return loss_fn(x[0], target); }, inputs);
}

TEST_CASE("BCEWithLogitsLoss passes gradcheck in logits and target, for every reduction",
          "[nn][ex7][ex7.1]") {
  for (const char* reduction : {"mean", "sum", "none"}) {
    for (const bool with_pos_weight : {false, true}) {
      INFO("reduction " << reduction << (with_pos_weight ? ", pos_weight [2, 0.5]" : ""));
      const nn::BCEWithLogitsLoss loss_fn(
          reduction, with_pos_weight ? std::optional<Array>(Array{2.0, 0.5}) : std::nullopt);
      // Targets in (0, 1), as soft labels: PyTorch differentiates the loss in them too.
      const std::vector<Tensor> inputs{Tensor(test::random_array({3, 2}, 81, -4.0, 4.0), true),
                                       Tensor(test::random_array({3, 2}, 82, 0.1, 0.9), true)};
      REQUIRE_GRADCHECK(
          [&](const std::vector<Tensor>& x) { return autograd::sum(loss_fn(x[0], x[1])); }, inputs);
    }
  }
}

TEST_CASE("BCEWithLogitsLoss, one op, equals the loss composed of autograd primitives",
          "[nn][ex7][ex7.1]") {
  const Array pos_weight{3.0, 0.25};
  Tensor logits(test::random_array({4, 2}, 83, -6.0, 6.0), true);
  Tensor target(test::random_array({4, 2}, 84, 0.0, 1.0), true);
  Tensor fused = nn::BCEWithLogitsLoss(nn::Reduction::mean, pos_weight)(logits, target);
  fused.backward();
  const Array fused_logits_grad = logits.grad();
  const Array fused_target_grad = target.grad();
  logits.zero_grad();
  target.zero_grad();
  // ℓ = (1 − y)·x + (1 + (pw − 1)·y)·softplus(−x), from the primitives' own gradients.
  Tensor composed =
      autograd::mean((1.0 - target) * logits +
                     (1.0 + (Tensor(pos_weight) - 1.0) * target) * autograd::softplus(-logits));
  composed.backward();
  REQUIRE(fused.item() == Approx(composed.item()).epsilon(1e-14));
  REQUIRE_ALL_CLOSE(fused_logits_grad, logits.grad(), 1e-14);
  REQUIRE_ALL_CLOSE(fused_target_grad, target.grad(), 1e-14);
}

TEST_CASE("losses reject a target whose shape differs from the input's, naming both",
          "[nn][ex7][ex7.1]") {
  Tensor output(xt::zeros<double>({4, 1}));
  Tensor labels(xt::zeros<double>({4}));
  REQUIRE_THROWS_WITH(nn::BCEWithLogitsLoss()(output, labels),
                      "BCEWithLogitsLoss: target of shape [4] must have the same shape as input "
                      "of shape [4, 1]");
  REQUIRE_THROWS_WITH(nn::MSELoss()(output, labels),
                      Catch::Contains("[4]") && Catch::Contains("[4, 1]"));
  REQUIRE_THROWS_AS(nn::BCEWithLogitsLoss(nn::Reduction::mean, Array{1.0, 2.0})(output, output),
                    std::invalid_argument);
  REQUIRE_THROWS_WITH(nn::MSELoss("average"), Catch::Contains("average"));
}

TEST_CASE("MSELoss matches PyTorch for every reduction", "[nn][ex7][ex7.2]") {
  for (const auto& reference : test::pytorch_reference()["mse_loss"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      const nn::MSELoss loss_fn(reference["reduction"].get<std::string>());
      check_against_pytorch(loss_fn, reference, "input", "target", "grad_input");
    }
  }
}
