#include "nn/losses.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <xtensor/xbroadcast.hpp>

#include "autograd/arithmetic.hpp"
#include "autograd/broadcast.hpp"
#include "autograd/errors.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"

namespace nn {

using autograd::accumulate_grad;
using autograd::make_op;
using autograd::Node;

namespace {
void check_same_shape(const char* loss, const Tensor& input, const Tensor& target) {
  if (input.value().shape() != target.value().shape()) {  // in place, no copy
    throw std::invalid_argument(
        std::string(loss) + ": target of shape " + autograd::shape_to_string(target.shape()) +
        " must have the same shape as input of shape " + autograd::shape_to_string(input.shape()));
  }
}

Tensor reduce(const Tensor& elementwise, Reduction reduction) {
  switch (reduction) {
    case Reduction::mean:
      return autograd::mean(elementwise);
    case Reduction::sum:
      return autograd::sum(elementwise);
    case Reduction::none:
      return elementwise;
  }
  throw std::logic_error("reduce: unknown reduction");
}
}  // namespace

Reduction parse_reduction(const std::string& name) {
  if (name == "mean") return Reduction::mean;
  if (name == "sum") return Reduction::sum;
  if (name == "none") return Reduction::none;
  throw std::invalid_argument("reduction must be \"mean\", \"sum\" or \"none\", got \"" + name +
                              "\"");
}

BCEWithLogitsLoss::BCEWithLogitsLoss(Reduction reduction, std::optional<Array> pos_weight)
    : reduction_(reduction), pos_weight_(std::move(pos_weight)) {}

BCEWithLogitsLoss::BCEWithLogitsLoss(const std::string& reduction, std::optional<Array> pos_weight)
    : BCEWithLogitsLoss(parse_reduction(reduction), std::move(pos_weight)) {}

Tensor BCEWithLogitsLoss::forward(const Tensor& logits, const Tensor& target) const {
  return binary_cross_entropy_with_logits(logits, target, reduction_, pos_weight_);
}

namespace {
// softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|): no overflow in either tail.
Scalar softplus_of(Scalar z) {
  return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z)));
}
// σ(z) = 1/(1 + e^-z) for z ≥ 0 and e^z/(1 + e^z) for z < 0: the exponent is never positive.
Scalar sigmoid_of(Scalar z) {
  const Scalar e = std::exp(-std::abs(z));
  return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
}  // namespace

Tensor binary_cross_entropy_with_logits(const Tensor& logits, const Tensor& target,
                                        Reduction reduction,
                                        const std::optional<Array>& pos_weight) {
  check_same_shape("BCEWithLogitsLoss", logits, target);
  // BEGIN EXERCISE 7.1: ℓ = (1-y)·x + (1+(pw-1)·y)·softplus(-x), reduced; backward by hand
  // pos_weight is materialised at the input's shape, so that the loops below index all three
  // arrays alike; it is a constant (no gradient), as a Tensor only to ride along in the graph.
  Tensor weights;
  if (pos_weight) {
    const autograd::Shape shape = autograd::broadcast_shapes(
        "BCEWithLogitsLoss (pos_weight)", logits.shape(),
        autograd::Shape(pos_weight->shape().begin(), pos_weight->shape().end()));
    if (shape != logits.shape()) {
      throw std::invalid_argument("BCEWithLogitsLoss: pos_weight of shape " +
                                  autograd::shape_to_string(pos_weight->shape()) +
                                  " must broadcast to the input's shape " +
                                  autograd::shape_to_string(logits.shape()));
    }
    weights = Tensor(Array(xt::broadcast(*pos_weight, logits.value().shape())));
  }
  // One op rather than a graph of six: at batch size 1 the loss's bookkeeping, not its
  // arithmetic, was a sixth of a training step. torch.nn.functional's is one op as well.
  // −log σ(x) = softplus(−x) and −log(1 − σ(x)) = x + softplus(−x), so
  //   ℓ = pw·y·softplus(−x) + (1 − y)·(x + softplus(−x)) = (1 − y)·x + w·softplus(−x),
  // with w = 1 + (pw − 1)·y. Never log(sigmoid(x)): it is log 0 at x = −1e4.
  const std::size_t n = logits.size();
  const Scalar* x = logits.value().data();
  const Scalar* y = target.value().data();
  const Scalar* pw = weights.defined() ? weights.value().data() : nullptr;
  Array elementwise = Array::from_shape(logits.value().shape());
  Scalar* loss = elementwise.data();
  for (std::size_t i = 0; i < n; ++i) {
    const Scalar w = pw != nullptr ? 1.0 + (pw[i] - 1.0) * y[i] : 1.0;
    loss[i] = (1.0 - y[i]) * x[i] + w * softplus_of(-x[i]);
  }
  Scalar scale = 1.0;  // dL/dℓ_i per unit of out.grad: 1/n for the mean, 1 otherwise
  if (reduction != Reduction::none) {
    Scalar total = 0;
    for (std::size_t i = 0; i < n; ++i) total += loss[i];
    if (reduction == Reduction::mean) {
      total /= static_cast<Scalar>(n);
      scale = 1.0 / static_cast<Scalar>(n);
    }
    elementwise = Array(total);  // 0-D, as autograd::sum and autograd::mean
  }
  return make_op("binary_cross_entropy_with_logits", std::move(elementwise),
                 [](Node& out) {
                   Node& logits = out.input(0);
                   Node& target = out.input(1);
                   const Scalar* pw = out.has_input(2) ? out.input(2).value.data() : nullptr;
                   const Scalar* x = logits.value.data();
                   const Scalar* y = target.value.data();
                   const Scalar* grad_output = out.grad.data();
                   const std::size_t n = logits.value.size();
                   // A reduced loss has a one-element gradient that every ℓ_i receives,
                   // times the scale; with reduction none, out.grad has the input's shape
                   // (and the scale is 1).
                   const bool reduced = out.grad.size() == 1;
                   const Scalar scale = out.attributes.scalar;
                   // dℓ/dx = (1 − y) − w·σ(−x)        (= σ(x) − y when pw = 1)
                   // dℓ/dy = −x + (pw − 1)·softplus(−x)
                   if (logits.requires_grad) {
                     Array grad = Array::from_shape(logits.value.shape());
                     for (std::size_t i = 0; i < n; ++i) {
                       const Scalar g = grad_output[reduced ? 0 : i] * scale;
                       const Scalar w = pw != nullptr ? 1.0 + (pw[i] - 1.0) * y[i] : 1.0;
                       grad.data()[i] = g * ((1.0 - y[i]) - w * sigmoid_of(-x[i]));
                     }
                     accumulate_grad(logits, std::move(grad));
                   }
                   if (target.requires_grad) {
                     Array grad = Array::from_shape(target.value.shape());
                     for (std::size_t i = 0; i < n; ++i) {
                       const Scalar g = grad_output[reduced ? 0 : i] * scale;
                       const Scalar pw_minus_1 = pw != nullptr ? pw[i] - 1.0 : 0.0;
                       grad.data()[i] = g * (-x[i] + pw_minus_1 * softplus_of(-x[i]));
                     }
                     accumulate_grad(target, std::move(grad));
                   }
                 },
                 logits, target, weights, {.scalar = scale});
  // END EXERCISE 7.1
}

Tensor MSELoss::forward(const Tensor& input, const Tensor& target) const {
  check_same_shape("MSELoss", input, target);
  // BEGIN EXERCISE 7.2: reduce((input - target)^2, reduction_)
  return reduce(autograd::pow(input - target, 2.0), reduction_);
  // END EXERCISE 7.2
}

}  // namespace nn
