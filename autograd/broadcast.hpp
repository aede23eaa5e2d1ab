// NumPy broadcasting: the shape check before an op, and the reduction of a gradient back to
// an input's shape after it. The element-wise ops with two inputs check their shapes with
// broadcast_shapes when the shapes differ, and every gradient reaches an input through
// accumulate_grad, which calls sum_to_shape when the shapes differ: so a broadcasting rule is
// written once (as tinygrad does). Ops that do not broadcast (matmul, linear) check their own
// shapes.
#pragma once

#include "autograd/tensor.hpp"

namespace autograd {

// The broadcast shape of a and b (align from the right; a size-1 axis stretches), or
// std::invalid_argument naming the op and both shapes.
Shape broadcast_shapes(const char* op, const Shape& a, const Shape& b);

// Sums grad over the axes that broadcasting prepended to `shape` or stretched from size 1,
// so that the result has exactly `shape`. d(broadcast x)/dx is this sum.
Array sum_to_shape(Array grad, const Shape& shape);

}  // namespace autograd
