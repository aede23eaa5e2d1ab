// Each op: its forward value, then its backward as a captureless lambda, with the derivative
// in a comment. accumulate_grad sums a broadcast gradient back to each input's shape. A
// backward guards each of its two inputs with requires_grad (the rule in tensor.hpp).
#include "autograd/arithmetic.hpp"

#include "autograd/broadcast.hpp"

namespace autograd {

namespace {
void check_broadcastable(const char* op, const Tensor& a, const Tensor& b) {
  if (a.shape() == b.shape()) return;  // the common case, without allocating
  broadcast_shapes(op, a.shape(), b.shape());
}
}  // namespace

// ----- tensor (op) tensor --------------------------------------------------------------------

Tensor operator+(const Tensor& a, const Tensor& b) {
  check_broadcastable("add", a, b);
  // BEGIN EXERCISE 1.1: a + b; backward: each input gets out.grad (use accumulate_grad)
  return make_op(
      "add", a.value() + b.value(),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // d(a+b)/da = 1, d(a+b)/db = 1
        if (a.requires_grad) accumulate_grad(a, out.grad);
        if (b.requires_grad) accumulate_grad(b, out.grad);
      },
      a, b);
  // END EXERCISE 1.1
}

Tensor operator-(const Tensor& a, const Tensor& b) {
  check_broadcastable("sub", a, b);
  // BEGIN EXERCISE 1.1: a - b; backward: a gets out.grad, b gets -out.grad
  return make_op(
      "sub", a.value() - b.value(),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // d(a-b)/da = 1, d(a-b)/db = -1
        if (a.requires_grad) accumulate_grad(a, out.grad);
        if (b.requires_grad) accumulate_grad(b, -out.grad);
      },
      a, b);
  // END EXERCISE 1.1
}

Tensor operator*(const Tensor& a, const Tensor& b) {
  check_broadcastable("mul", a, b);
  // Not an exercise region: docs/EXERCISES.md shows this op as the model for every other one,
  // so the student copy keeps it written out.
  return make_op(
      "mul", a.value() * b.value(),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // d(a*b)/da = b, d(a*b)/db = a
        if (a.requires_grad) accumulate_grad(a, out.grad * b.value);
        if (b.requires_grad) accumulate_grad(b, out.grad * a.value);
      },
      a, b);
}

Tensor operator/(const Tensor& a, const Tensor& b) {
  check_broadcastable("div", a, b);
  // BEGIN EXERCISE 1.1: a / b; backward: a gets out.grad / b, b gets -out.grad * a / b^2
  return make_op(
      "div", a.value() / b.value(),
      [](Node& out) {
        Node& a = out.input(0);
        Node& b = out.input(1);
        // d(a/b)/da = 1/b, d(a/b)/db = -a/b² = -(a/b)/b
        if (a.requires_grad) accumulate_grad(a, out.grad / b.value);
        if (b.requires_grad) accumulate_grad(b, -out.grad * out.value / b.value);
      },
      a, b);
  // END EXERCISE 1.1
}

Tensor operator-(const Tensor& a) {
  // BEGIN EXERCISE 1.1: -a; backward: a gets -out.grad
  return make_op(
      "neg", -a.value(),
      [](Node& out) {
        // d(-a)/da = -1
        accumulate_grad(out.input(0), -out.grad);
      },
      a);
  // END EXERCISE 1.1
}

// ----- tensor (op) scalar: the scalar is a constant, kept in the node's attributes -----------

Tensor operator+(const Tensor& a, Scalar s) {
  // BEGIN EXERCISE 1.1: a + s; backward: a gets out.grad
  return make_op(
      "add_scalar", a.value() + s,
      [](Node& out) {
        // d(a+s)/da = 1
        accumulate_grad(out.input(0), out.grad);
      },
      a);
  // END EXERCISE 1.1
}
Tensor operator+(Scalar s, const Tensor& a) {
  return a + s;
}
Tensor operator-(const Tensor& a, Scalar s) {
  return a + (-s);
}
Tensor operator-(Scalar s, const Tensor& a) {
  return (-a) + s;
}

Tensor operator*(const Tensor& a, Scalar s) {
  // BEGIN EXERCISE 1.1: a * s; backward: a gets out.grad * s (s is out.attributes.operand)
  return make_op("mul_scalar", a.value() * s,
                 [](Node& out) {
                   // d(a*s)/da = s
                   accumulate_grad(out.input(0), out.grad * out.attributes.operand);
                 },
                 a, {.operand = s});
  // END EXERCISE 1.1
}
Tensor operator*(Scalar s, const Tensor& a) {
  return a * s;
}

Tensor operator/(const Tensor& a, Scalar s) {
  // BEGIN EXERCISE 1.1: a / s; backward: a gets out.grad / s
  return make_op("div_scalar", a.value() / s,
                 [](Node& out) {
                   // d(a/s)/da = 1/s
                   accumulate_grad(out.input(0), out.grad / out.attributes.operand);
                 },
                 a, {.operand = s});
  // END EXERCISE 1.1
}

Tensor operator/(Scalar s, const Tensor& a) {
  // BEGIN EXERCISE 1.1: s / a; backward: a gets -out.grad * s / a^2
  return make_op("rdiv_scalar", s / a.value(),
                 [](Node& out) {
                   // d(s/a)/da = -s/a² = -(s/a)/a
                   accumulate_grad(out.input(0), -out.grad * out.value / out.input(0).value);
                 },
                 a, {.operand = s});
  // END EXERCISE 1.1
}

}  // namespace autograd
