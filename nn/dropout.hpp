// Dropout, in the two conventions the literature uses. Their probabilities are opposite, so
// the names say which one they hold:
//
//  * Dropout(drop_prob): PyTorch's torch.nn.Dropout(p). In training, y = x·m/(1 − drop_prob),
//    m ~ Bernoulli(1 − drop_prob) per element ("inverted dropout": E[y] = x, so eval mode is
//    the identity). drop_prob = 0 is the identity, drop_prob = 1 gives zeros.
//
//  * SrivastavaDropout(retain_prob): the convention of Srivastava et al. (2014, JMLR, §9.1)
//    and of the dropout–ridge theorem. In training, y = x·m, m ~ Bernoulli(retain_prob), with
//    no rescaling; at test time the paper scales by retain_prob, so eval mode gives
//    y = retain_prob·x (= E[y] in training).
//
// Masks are drawn from the library generator (autograd::manual_seed).
#pragma once

#include <string>

#include "nn/module.hpp"

namespace nn {

class Dropout : public Module {
 public:
  explicit Dropout(Scalar drop_prob = 0.5);  // PyTorch's default p = 0.5
  Tensor forward(const Tensor& x) override;
  Scalar drop_prob() const { return drop_prob_; }
  // "p=0.5, inplace=False", PyTorch's text (p is its name for drop_prob; never in place here).
  std::string extra_repr() const override;
  // The mask used by the last training-mode forward (0/1 entries, before scaling).
  const Array& last_mask() const { return last_mask_.value(); }

 private:
  Scalar drop_prob_;
  Tensor last_mask_{autograd::empty_array()};  // a tensor: the graph shares it, no copy
};

class SrivastavaDropout : public Module {
 public:
  explicit SrivastavaDropout(Scalar retain_prob);
  Tensor forward(const Tensor& x) override;
  Scalar retain_prob() const { return retain_prob_; }
  std::string extra_repr() const override;  // "retain_prob=0.5"
  const Array& last_mask() const { return last_mask_.value(); }

 private:
  Scalar retain_prob_;
  Tensor last_mask_{autograd::empty_array()};  // a tensor: the graph shares it, no copy
};

// y = x ∘ mask · scale, recorded as one op: the step both dropouts share (PyTorch's
// native_dropout). Its gradient is grad ∘ mask · scale. mask is a constant of x's shape (no
// gradient reaches it); the result's node keeps it for the backward.
Tensor apply_dropout_mask(const Tensor& x, const Tensor& mask, Scalar scale);

}  // namespace nn
