#include "nn/linear.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/linear.hpp"
#include "autograd/random.hpp"

namespace nn {

Linear::Linear(std::size_t in_features, std::size_t out_features, bool bias)
    : in_features_(in_features), out_features_(out_features) {
  if (in_features == 0 || out_features == 0) {
    throw std::invalid_argument("Linear: in_features and out_features must be positive, got " +
                                std::to_string(in_features) + " and " +
                                std::to_string(out_features));
  }
  // BEGIN EXERCISE 6.1: weight (out, in) then bias (out), both U(-1/sqrt(in), 1/sqrt(in))
  const Scalar bound = 1.0 / std::sqrt(static_cast<Scalar>(in_features));
  weight_ = register_parameter("weight",
                               autograd::rand_uniform({out_features, in_features}, -bound, bound));
  if (bias) {
    bias_ = register_parameter("bias", autograd::rand_uniform({out_features}, -bound, bound));
  }
  // END EXERCISE 6.1
}

Tensor Linear::forward(const Tensor& x) {
  if (x.dim() != 2 || x.shape()[1] != in_features_) {
    throw std::invalid_argument("Linear: input of shape " + autograd::shape_to_string(x.shape()) +
                                " does not match weight of shape " +
                                autograd::shape_to_string(weight_.shape()) + " (expected [batch, " +
                                std::to_string(in_features_) + "])");
  }
  // BEGIN EXERCISE 6.1: autograd::linear(x, weight_, bias_)
  return autograd::linear(x, weight_, bias_);  // x·Wᵀ + b as one op (see autograd/linear.hpp)
  // END EXERCISE 6.1
}

std::string Linear::extra_repr() const {
  return "in_features=" + std::to_string(in_features_) +
         ", out_features=" + std::to_string(out_features_) +
         ", bias=" + (has_bias() ? "True" : "False");
}

}  // namespace nn
