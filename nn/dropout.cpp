#include "nn/dropout.hpp"

#include <stdexcept>
#include <string>

#include "autograd/arithmetic.hpp"
#include "autograd/errors.hpp"
#include "autograd/random.hpp"

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
    last_mask_ = xt::zeros_like(x.value());
    return x * 0.0;
  }
  last_mask_ = autograd::bernoulli_mask(x.shape(), 1.0 - drop_prob_);
  // y = x·m/(1 − p); d y/d x = m/(1 − p): only kept units pass a gradient, scaled.
  return x * Tensor(last_mask_ / (1.0 - drop_prob_));
  // END EXERCISE 6.3
}

SrivastavaDropout::SrivastavaDropout(Scalar retain_prob)
    : retain_prob_(checked_probability("SrivastavaDropout", "retain_prob", retain_prob)) {}

Tensor SrivastavaDropout::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.3: train: x·R, R ~ Bernoulli(retain_prob) in last_mask_; eval: x·retain_prob
  if (!is_training()) return x * retain_prob_;  // test-time weight scaling by p (§9.1)
  last_mask_ = autograd::bernoulli_mask(x.shape(), retain_prob_);
  return x * Tensor(last_mask_);  // y = R ∗ x, R ~ Bernoulli(p), no rescaling
  // END EXERCISE 6.3
}

}  // namespace nn
