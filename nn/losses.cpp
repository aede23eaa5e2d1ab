#include "nn/losses.hpp"

#include <stdexcept>

#include "autograd/arithmetic.hpp"
#include "autograd/broadcast.hpp"
#include "autograd/errors.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"

namespace nn {

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
  check_same_shape("BCEWithLogitsLoss", logits, target);
  // BEGIN EXERCISE 7.1: (1-y)·x + (1+(pw-1)·y)·softplus(-x), then reduce(); never log(sigmoid)
  // −log σ(x) = softplus(−x) and −log(1 − σ(x)) = x + softplus(−x), so
  // ℓ = pw·y·softplus(−x) + (1 − y)·(x + softplus(−x)) = (1 − y)·x + (1 + (pw − 1)·y)·softplus(−x).
  Tensor weighted_softplus = autograd::softplus(-logits);
  if (pos_weight_) {
    const Tensor pos_weight(*pos_weight_);
    const autograd::Shape shape = autograd::broadcast_shapes("BCEWithLogitsLoss (pos_weight)",
                                                             logits.shape(), pos_weight.shape());
    if (shape != logits.shape()) {
      throw std::invalid_argument("BCEWithLogitsLoss: pos_weight of shape " +
                                  autograd::shape_to_string(pos_weight.shape()) +
                                  " must broadcast to the input's shape " +
                                  autograd::shape_to_string(logits.shape()));
    }
    weighted_softplus = (1.0 + (pos_weight - 1.0) * target) * weighted_softplus;
  }
  Tensor loss = (1.0 - target) * logits + weighted_softplus;
  return reduce(loss, reduction_);
  // END EXERCISE 7.1
}

Tensor MSELoss::forward(const Tensor& input, const Tensor& target) const {
  check_same_shape("MSELoss", input, target);
  // BEGIN EXERCISE 7.2: reduce((input - target)^2, reduction_)
  return reduce(autograd::pow(input - target, 2.0), reduction_);
  // END EXERCISE 7.2
}

}  // namespace nn
