#include "nn/dropout.hpp"

#include <stdexcept>
#include <string>

#include "autograd/arithmetic.hpp"
#include "autograd/errors.hpp"
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
  if (mask.value().shape() != x.value().shape()) {
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
  // One op with plain loops rather than x * Tensor(mask · scale): at batch size 1 a dropout
  // layer's xtensor expressions and extra node cost more than its arithmetic.
  Array y = Array::from_shape(x.value().shape());
  const Scalar* __restrict in = x.value().data();
  const Scalar* __restrict m = mask.value().data();
  Scalar* __restrict out = y.data();
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = in[i] * m[i] * scale;
  return autograd::make_op("dropout", std::move(y),
                           [](autograd::Node& out) {
                             // d(x·m·s)/dx = m·s: only kept units pass a gradient, scaled as in the
                             // forward.
                             const Scalar scale = out.attributes.scalar;
                             Array grad = Array::from_shape(out.grad.shape());
                             const Scalar* __restrict grad_output = out.grad.data();
                             const Scalar* __restrict m = out.input(1).value.data();
                             Scalar* __restrict grad_input = grad.data();
                             for (std::size_t i = 0; i < grad.size(); ++i)
                               grad_input[i] = grad_output[i] * m[i] * scale;
                             autograd::accumulate_grad(out.input(0), std::move(grad));
                           },
                           x, mask, {.scalar = scale});  // the mask rides along as a constant input
  // END EXERCISE 6.3
}

}  // namespace nn
