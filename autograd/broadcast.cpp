#include "autograd/broadcast.hpp"

#include <stdexcept>

#include <xtensor/xreducer.hpp>

namespace autograd {

Shape broadcast_shapes(const char* op, const Shape& a, const Shape& b) {
  // BEGIN EXERCISE 2.1: align from the right; sizes equal or 1, else invalid_argument
  const std::size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (std::size_t i = 0; i < rank; ++i) {  // i counts axes from the right
    const std::size_t size_a = i < a.size() ? a[a.size() - 1 - i] : 1;
    const std::size_t size_b = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (size_a != size_b && size_a != 1 && size_b != 1) {
      throw std::invalid_argument(std::string(op) + ": shapes " + shape_to_string(a) + " and " +
                                  shape_to_string(b) + " cannot be broadcast together");
    }
    result[rank - 1 - i] = std::max(size_a, size_b);
  }
  return result;
  // END EXERCISE 2.1
}

Array sum_to_shape(Array grad, const Shape& shape) {
  // BEGIN EXERCISE 2.2: sum prepended axes, then size-1 axes (xt::sum(g, {axis}, xt::keep_dims))
  if (std::equal(grad.shape().begin(), grad.shape().end(), shape.begin(), shape.end())) {
    return grad;
  }
  // Axes that broadcasting prepended: sum them away.
  while (grad.dimension() > shape.size()) {
    grad = xt::sum(grad, {std::size_t{0}});
  }
  // Axes that broadcasting stretched from 1: sum them, keeping the axis.
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 1 && grad.shape()[axis] != 1) {
      grad = xt::sum(grad, {axis}, xt::keep_dims);
    }
  }
  return grad;
  // END EXERCISE 2.2
}

}  // namespace autograd
