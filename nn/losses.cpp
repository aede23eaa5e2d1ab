#include "nn/losses.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <xtensor/xbroadcast.hpp>

#include "autograd/arithmetic.hpp"
#include "autograd/broadcast.hpp"
#include "autograd/kernels.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"

namespace nn {

using autograd::accumulate_grad;
using autograd::make_op;
using autograd::Node;

namespace {
void check_same_shape(const char* loss, const Tensor& input, const Tensor& target) {
  if (input.shape() != target.shape()) {
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

Tensor binary_cross_entropy_with_logits(const Tensor& logits, const Tensor& target,
                                        Reduction reduction,
                                        const std::optional<Array>& pos_weight) {
  check_same_shape("BCEWithLogitsLoss", logits, target);
  // BEGIN EXERCISE 7.1: ℓ = (1-y)·x + (1+(pw-1)·y)·softplus(-x), reduced; backward by hand
  // pos_weight is materialised at the input's shape, so that the kernels index all three
  // arrays alike; it is a constant (no gradient), as a Tensor only to ride along in the graph.
  Tensor weights;
  if (pos_weight) {
    const autograd::Shape shape = autograd::broadcast_shapes("BCEWithLogitsLoss (pos_weight)",
                                                             logits.shape(), pos_weight->shape());
    if (shape != logits.shape()) {
      throw std::invalid_argument("BCEWithLogitsLoss: pos_weight of shape " +
                                  autograd::shape_to_string(pos_weight->shape()) +
                                  " must broadcast to the input's shape " +
                                  autograd::shape_to_string(logits.shape()));
    }
    weights = Tensor(Array(xt::broadcast(*pos_weight, logits.shape())));
  }
  // One op whose backward is derived by hand, as torch.nn.functional's, rather than a graph
  // of six. −log σ(x) = softplus(−x) and −log(1 − σ(x)) = x + softplus(−x), so
  //   ℓ = pw·y·softplus(−x) + (1 − y)·(x + softplus(−x)) = (1 − y)·x + w·softplus(−x),
  // with w = 1 + (pw − 1)·y. Never log(sigmoid(x)): it is log 0 at x = −1e4.
  const Array* pw = weights.defined() ? &weights.value() : nullptr;
  Array elementwise = autograd::kernels::bce_with_logits(logits.value(), target.value(), pw);
  Scalar scale = 1.0;  // dL/dℓ_i per unit of out.grad: 1/n for the mean, 1 otherwise
  if (reduction != Reduction::none) {
    Scalar total = autograd::kernels::sum(elementwise);
    if (reduction == Reduction::mean) {
      const auto n = static_cast<Scalar>(elementwise.size());
      total /= n;
      scale = 1.0 / n;
    }
    elementwise = Array(total);  // 0-D, as autograd::sum and autograd::mean
  }
  return make_op("binary_cross_entropy_with_logits", std::move(elementwise),
                 [](Node& out) {
                   Node& logits = out.input(0);
                   Node& target = out.input(1);
                   const Array* pw = out.has_input(2) ? &out.input(2).value : nullptr;
                   // Each ℓ_i receives out.grad times the scale: a reduced loss's one-element
                   // gradient, or, with reduction none, its own element (the kernels handle both).
                   // dℓ/dx = (1 − y) − w·σ(−x)        (= σ(x) − y when pw = 1)
                   // dℓ/dy = −x + (pw − 1)·softplus(−x)
                   const Scalar scale = out.attributes.scale;
                   if (logits.requires_grad) {
                     accumulate_grad(logits, autograd::kernels::bce_with_logits_backward_logits(
                                                 out.grad, scale, logits.value, target.value, pw));
                   }
                   if (target.requires_grad) {
                     accumulate_grad(target, autograd::kernels::bce_with_logits_backward_target(
                                                 out.grad, scale, logits.value, target.value, pw));
                   }
                 },
                 logits, target, weights, {.scale = scale});
  // END EXERCISE 7.1
}

Tensor MSELoss::forward(const Tensor& input, const Tensor& target) const {
  check_same_shape("MSELoss", input, target);
  // BEGIN EXERCISE 7.2: reduce((input - target)^2, reduction_)
  return reduce(autograd::pow(input - target, 2.0), reduction_);
  // END EXERCISE 7.2
}

}  // namespace nn
