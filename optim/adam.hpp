// Adam and AdamW, step for step as torch.optim.Adam and torch.optim.AdamW in PyTorch 1.13
// (their single-tensor code path, _single_tensor_adam / _single_tensor_adamw, the one 1.13 uses
// on the CPU). For each parameter θ that has a gradient, with t its own step count:
//
//   t = t + 1
//   Adam:  g = grad + weight_decay·θ      (only if weight_decay ≠ 0; the stored grad is kept)
//   AdamW: θ = θ·(1 − lr·weight_decay),  g = grad
//   m = β₁·m + (1 − β₁)·g                 (first moment, 0 before the first step)
//   v = β₂·v + (1 − β₂)·g·g               (second moment, 0 before the first step)
//   amsgrad: v_max = max(v_max, v), and v_max replaces v below
//   denom = √v / √(1 − β₂ᵗ) + eps         (eps added after the bias correction)
//   θ = θ − (lr / (1 − β₁ᵗ))·m / denom
//
// Checked against PyTorch to 1e-12 (they agree to about 1e-15: torch's CPU kernels fuse the
// multiply-adds of the m and v lines into one rounding, ours round twice).
//
// (Kingma & Ba, "Adam", ICLR 2015, Algorithm 1, where eps is added to √v̂ = √v/√(1 − β₂ᵗ), as
// here, not the paper's "more efficient" order of §2 with an ε̂ inside the step size; Reddi et
// al., "On the Convergence of Adam and Beyond", ICLR 2018, for amsgrad; Loshchilov & Hutter,
// "Decoupled Weight Decay Regularization", ICLR 2019, for AdamW.)
//
// What weight_decay means differs, and that is the point of having both:
//   - Adam's weight_decay = λ adds λθ to the gradient before the adaptive scaling, so it is
//     exactly the gradient of a penalty (λ/2)‖θ‖² in the loss ("L2", coupled): Adam with
//     weight_decay = λ and Adam on loss + (λ/2)‖θ‖² take the same steps. Each coordinate's
//     penalty is then divided by √v of that coordinate, like its gradient.
//   - AdamW's weight_decay = λ shrinks θ by the factor 1 − lr·λ outside the adaptive scaling
//     (decoupled), the same for every coordinate whatever its gradient history. It is not a
//     penalty in the loss. Note PyTorch's default λ = 1e-2 for AdamW, 0 for Adam.
//
// Weight decay applies to every parameter given, biases included, as in PyTorch. A parameter
// without a gradient is skipped: its moments and its step count t stay as they were (so two
// parameters' bias corrections can differ, as in PyTorch). torch's maximize, foreach, fused,
// capturable and differentiable options are not offered (they are off by default there).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "optim/optimizer.hpp"

namespace optim {

using Betas = std::pair<Scalar, Scalar>;  // (β₁, β₂), torch's betas

// The state and the step Adam and AdamW share; construct an Adam or an AdamW.
class AdamBase : public Optimizer {
 public:
  void step() final;

  Betas betas() const { return {beta1_, beta2_}; }
  Scalar eps() const { return eps_; }
  Scalar weight_decay() const { return weight_decay_; }
  bool amsgrad() const { return amsgrad_; }

 protected:
  enum class WeightDecay {
    in_gradient,  // Adam: g = grad + λθ, an L2 penalty's gradient
    decoupled,    // AdamW: θ = θ·(1 − lr·λ)
  };
  // Throws std::invalid_argument, as torch does, for lr, eps or weight_decay < 0 and for a beta
  // outside [0, 1), naming the argument ("betas.first", "betas.second") and the value.
  AdamBase(std::string name, WeightDecay weight_decay_mode, std::vector<Tensor> params, Scalar lr,
           Betas betas, Scalar eps, Scalar weight_decay, bool amsgrad);

 private:
  // One parameter's state, made at its first step with a gradient (torch's lazy init).
  struct ParamState {
    Array exp_avg;         // m
    Array exp_avg_sq;      // v
    Array max_exp_avg_sq;  // v_max, with amsgrad only
    std::size_t step = 0;  // t: the steps this parameter took; 0 = no state yet
  };

  WeightDecay weight_decay_mode_;
  Scalar beta1_;
  Scalar beta2_;
  Scalar eps_;
  Scalar weight_decay_;
  bool amsgrad_;
  std::vector<ParamState> state_;
  // Scratch for one parameter's √v/√(1 − β₂ᵗ) + eps; kernels::adam_update grows it at the
  // first step to the largest parameter's size, so later steps do not allocate.
  std::vector<Scalar> denom_;
};

// torch.optim.Adam: weight decay as an L2 penalty's gradient (see above). Defaults as torch's.
class Adam final : public AdamBase {
 public:
  explicit Adam(std::vector<Tensor> params, Scalar lr = 1e-3, Betas betas = {0.9, 0.999},
                Scalar eps = 1e-8, Scalar weight_decay = 0, bool amsgrad = false);
};

// torch.optim.AdamW: decoupled weight decay (see above). Defaults as torch's: weight_decay 1e-2.
class AdamW final : public AdamBase {
 public:
  explicit AdamW(std::vector<Tensor> params, Scalar lr = 1e-3, Betas betas = {0.9, 0.999},
                 Scalar eps = 1e-8, Scalar weight_decay = 1e-2, bool amsgrad = false);
};

}  // namespace optim
