#include "nn/dropout.hpp"

#include <stdexcept>
#include <string>

#include "autograd/arithmetic.hpp"
#include "autograd/kernels.hpp"
#include "autograd/random.hpp"
#include "nn/printing.hpp"

namespace nn {

namespace {
Scalar checked_probability(const char* who, const char* name, Scalar value) {
  if (!(value >= 0.0 && value <= 1.0)) {  // also rejects NaN
    throw std::invalid_argument(std::string(who) + ": " + name + " must be in [0, 1], got " +
                                std::to_string(value));
  }
  return value;
}
}  // namespace

Dropout::Dropout(Scalar drop_prob)
    : drop_prob_(checked_probability("Dropout", "drop_prob", drop_prob)) {}

Tensor Dropout::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.3: train: x·m/(1-p), m ~ Bernoulli(1-p) kept in last_mask_; eval or p = 0: x
  // As torch.nn.functional.dropout: identity in eval mode or at p = 0 (no draws made).
  if (!is_training() || drop_prob_ == 0.0) return x;
  if (drop_prob_ == 1.0) {  // 1/(1 − p) is infinite: every unit is dropped
    last_mask_ = Tensor(xt::zeros_like(x.value()));
    return x * 0.0;
  }
  last_mask_ = Tensor(autograd::bernoulli_mask(x.shape(), 1.0 - drop_prob_));
  // y = x·m/(1 − p); d y/d x = m/(1 − p): only kept units pass a gradient, scaled.
  return apply_dropout_mask(x, last_mask_, 1.0 / (1.0 - drop_prob_));
  // END EXERCISE 6.3
}

std::string Dropout::extra_repr() const {
  return "p=" + python_float_repr(drop_prob_) + ", inplace=False";
}

SrivastavaDropout::SrivastavaDropout(Scalar retain_prob)
    : retain_prob_(checked_probability("SrivastavaDropout", "retain_prob", retain_prob)) {}

Tensor SrivastavaDropout::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.3: train: x·R, R ~ Bernoulli(retain_prob) in last_mask_; eval: x·retain_prob
  if (!is_training()) return x * retain_prob_;  // test-time weight scaling by p (§9.1)
  last_mask_ = Tensor(autograd::bernoulli_mask(x.shape(), retain_prob_));
  return apply_dropout_mask(x, last_mask_, 1.0);  // y = R ∗ x, R ~ Bernoulli(p), no rescaling
  // END EXERCISE 6.3
}

std::string SrivastavaDropout::extra_repr() const {
  return "retain_prob=" + python_float_repr(retain_prob_);
}

Tensor apply_dropout_mask(const Tensor& x, const Tensor& mask, Scalar scale) {
  if (mask.shape() != x.shape()) {
    throw std::invalid_argument("apply_dropout_mask: mask of shape " +
                                autograd::shape_to_string(mask.shape()) +
                                " for an input of shape " + autograd::shape_to_string(x.shape()));
  }
  if (mask.requires_grad()) {
    throw std::invalid_argument(
        "apply_dropout_mask: mask must not require grad: it is a constant, and no gradient "
        "would reach it");
  }
  // BEGIN EXERCISE 6.3: y = x·mask·scale, one op; backward: grad·mask·scale (mask as input 1)
  // One op whose backward is derived by hand, y = x·m·s, rather than the graph x * Tensor(m·s):
  // the mask is a constant, so only x needs a gradient.
  return autograd::make_op(
      "dropout", autograd::kernels::mask_scale(x.value(), mask.value(), scale),
      [](autograd::Node& out) {
        // d(x·m·s)/dx = m·s: only kept units pass a gradient, scaled as in the forward. The
        // mask never requires grad, so x, the only other input, does: no guard needed.
        autograd::accumulate_grad(
            out.input(0),
            autograd::kernels::mask_scale(out.grad, out.input(1).value, out.attributes.scale));
      },
      x, mask, {.scale = scale});  // the mask rides along as a constant input
  // END EXERCISE 6.3
}

}  // namespace nn
