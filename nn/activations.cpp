#include "nn/activations.hpp"

#include "autograd/pointwise.hpp"

namespace nn {

Tensor ReLU::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.2: autograd::relu(x)
  return autograd::relu(x);
  // END EXERCISE 6.2
}
Tensor Sigmoid::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.2: autograd::sigmoid(x)
  return autograd::sigmoid(x);
  // END EXERCISE 6.2
}

}  // namespace nn
