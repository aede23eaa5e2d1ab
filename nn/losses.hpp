// Losses with torch.nn's semantics. Unlike PyTorch's, these are not Modules: they take two
// tensors (input, target). Input and target must have the same shape (PyTorch enforces this
// for BCEWithLogitsLoss; a (b, 1) output against a (b) target would otherwise broadcast to
// (b, b) and be silently wrong).
#pragma once

#include <optional>
#include <string>

#include "autograd/tensor.hpp"

namespace nn {

using autograd::Array;
using autograd::Scalar;
using autograd::Tensor;

enum class Reduction { mean, sum, none };            // mean divides by the number of elements
Reduction parse_reduction(const std::string& name);  // "mean" | "sum" | "none"

// -[pos_weight·y·log σ(x) + (1 − y)·log(1 − σ(x))], computed in the stable form
//   (1 − y)·x + (1 + (pos_weight − 1)·y)·softplus(−x),
// which is finite for logits of ±1e4 (log σ(x) = −softplus(−x); torch.nn.BCEWithLogitsLoss).
// pos_weight broadcasts against the last axis (one weight per class).
class BCEWithLogitsLoss {
 public:
  explicit BCEWithLogitsLoss(Reduction reduction = Reduction::mean,
                             std::optional<Array> pos_weight = std::nullopt);
  explicit BCEWithLogitsLoss(const std::string& reduction,
                             std::optional<Array> pos_weight = std::nullopt);
  Tensor forward(const Tensor& logits, const Tensor& target) const;
  Tensor operator()(const Tensor& logits, const Tensor& target) const {
    return forward(logits, target);
  }

 private:
  Reduction reduction_;
  std::optional<Array> pos_weight_;
};

// The loss of BCEWithLogitsLoss as a function (torch.nn.functional.binary_cross_entropy_with_
// logits), recorded as one op: gradients reach the logits and the target.
Tensor binary_cross_entropy_with_logits(const Tensor& logits, const Tensor& target,
                                        Reduction reduction = Reduction::mean,
                                        const std::optional<Array>& pos_weight = std::nullopt);

// (input − target)², reduced (torch.nn.MSELoss).
class MSELoss {
 public:
  explicit MSELoss(Reduction reduction = Reduction::mean) : reduction_(reduction) {}
  explicit MSELoss(const std::string& reduction) : reduction_(parse_reduction(reduction)) {}
  Tensor forward(const Tensor& input, const Tensor& target) const;
  Tensor operator()(const Tensor& input, const Tensor& target) const {
    return forward(input, target);
  }

 private:
  Reduction reduction_;
};

}  // namespace nn
