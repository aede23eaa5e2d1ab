#include "optim/adam.hpp"

#include <cmath>
#include <utility>

#include "autograd/kernels.hpp"

namespace optim {

AdamBase::AdamBase(std::string name, WeightDecay weight_decay_mode, std::vector<Tensor> params,
                   Scalar lr, Betas betas, Scalar eps, Scalar weight_decay, bool amsgrad)
    : Optimizer(std::move(name), std::move(params), lr),  // checks the parameters and lr
      weight_decay_mode_(weight_decay_mode),
      beta1_(in_unit_interval("betas.first (beta1)", betas.first)),
      beta2_(in_unit_interval("betas.second (beta2)", betas.second)),
      eps_(non_negative("eps", eps)),
      weight_decay_(non_negative("weight_decay", weight_decay)),
      amsgrad_(amsgrad),
      state_(params_.size()) {}

Adam::Adam(std::vector<Tensor> params, Scalar lr, Betas betas, Scalar eps, Scalar weight_decay,
           bool amsgrad)
    : AdamBase("Adam", WeightDecay::in_gradient, std::move(params), lr, betas, eps, weight_decay,
               amsgrad) {}

AdamW::AdamW(std::vector<Tensor> params, Scalar lr, Betas betas, Scalar eps, Scalar weight_decay,
             bool amsgrad)
    : AdamBase("AdamW", WeightDecay::decoupled, std::move(params), lr, betas, eps, weight_decay,
               amsgrad) {}

// A helper of AdamBase::step ([[maybe_unused]]: in the exercise copy, step is a stub).
namespace {
[[maybe_unused]] Array zeros_like(const Tensor& param) {
  Array zeros = Array::from_shape(param.shape());
  zeros.fill(0.0);
  return zeros;
}
}  // namespace

void AdamBase::step() {
  // BEGIN EXERCISE 8.2: t += 1; bias corrections; the update, with this optimizer's weight decay
  // Adam adds λθ to the gradient only when λ ≠ 0, as torch (0·∞ would be NaN). AdamW's factor
  // 1 − lr·0 = 1 changes nothing, so it is skipped as well (the kernel skips l2 = 0 and 1).
  const bool in_gradient = weight_decay_mode_ == WeightDecay::in_gradient;
  const Scalar l2 = in_gradient ? weight_decay_ : 0;
  const Scalar decay_factor = in_gradient ? 1 : 1 - lr_ * weight_decay_;  // θ·(1 − lr·λ)

  for (std::size_t i = 0; i < params_.size(); ++i) {
    Tensor& param = params_[i];
    if (!param.has_grad()) continue;
    ParamState& state = state_[i];
    if (state.step == 0) {
      state.exp_avg = zeros_like(param);
      state.exp_avg_sq = zeros_like(param);
      if (amsgrad_) state.max_exp_avg_sq = zeros_like(param);
    }
    state.step += 1;

    // Bias corrections of this parameter's step t, in double as torch's Python floats
    // (β**t is C's pow there too).
    const Scalar t = static_cast<Scalar>(state.step);
    const Scalar bias_correction1 = 1 - std::pow(beta1_, t);
    const Scalar bias_correction2 = 1 - std::pow(beta2_, t);
    // m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², θ −= (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + eps),
    // element by element (the kernel's contract, in torch's order of operations).
    autograd::kernels::adam_update(param.mutable_value(), param.grad(), state.exp_avg,
                                   state.exp_avg_sq, amsgrad_ ? &state.max_exp_avg_sq : nullptr,
                                   denom_,
                                   {.beta1 = beta1_,
                                    .beta2 = beta2_,
                                    .eps = eps_,
                                    .step_size = lr_ / bias_correction1,
                                    .bias_correction2_sqrt = std::sqrt(bias_correction2),
                                    .l2 = l2,
                                    .decay_factor = decay_factor});
  }
  // END EXERCISE 8.2
}

}  // namespace optim
