#include "autograd/pointwise.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "autograd/kernels.hpp"

namespace autograd {

// The stable formulas live in the kernels (autograd/kernels.hpp), one for scalars and arrays.
Array sigmoid_values(const Array& x) {
  return kernels::sigmoid(x);
}

Array softplus_values(const Array& x) {
  return kernels::softplus(x);
}

Tensor relu(const Tensor& a) {
  // BEGIN EXERCISE 1.2: a <= 0 ? 0 : a (keeps NaN, -0 gives +0); backward: out.grad if a > 0 else 0
  return make_op(
      "relu", kernels::relu(a.value()),
      [](Node& out) {
        // d relu(a)/da = 1 if a > 0 else 0 (0 at the kink, as PyTorch)
        accumulate_grad(out.input(0), kernels::relu_backward(out.grad, out.input(0).value));
      },
      a);
  // END EXERCISE 1.2
}

Tensor sigmoid(const Tensor& a) {
  // BEGIN EXERCISE 1.2: sigmoid_values(a); backward: out.grad * s * (1 - s), s = out.value
  return make_op(
      "sigmoid", sigmoid_values(a.value()),
      [](Node& out) {
        // dσ(a)/da = σ(a)(1 - σ(a))
        accumulate_grad(out.input(0), out.grad * out.value * (1.0 - out.value));
      },
      a);
  // END EXERCISE 1.2
}

// tanh: micrograd's activation, the one its neuron tanh(x1·w1 + x2·w2 + b) uses
// (examples/draw_graph.cpp draws it). std::tanh saturates to ±1 without overflow
// (tanh(±800) = ±1, no inf/inf), so it needs no stable rewriting as sigmoid does.
Tensor tanh(const Tensor& a) {
  return make_op(
      "tanh", xt::tanh(a.value()),
      [](Node& out) {
        // d tanh(a)/da = 1 − tanh²(a), from the output alone
        accumulate_grad(out.input(0), out.grad * (1.0 - out.value * out.value));
      },
      a);
}

Tensor softplus(const Tensor& a) {
  // BEGIN EXERCISE 1.2: softplus_values(a); backward: out.grad * sigmoid_values(a)
  return make_op(
      "softplus", softplus_values(a.value()),
      [](Node& out) {
        // d softplus(a)/da = σ(a)
        accumulate_grad(out.input(0), out.grad * sigmoid_values(out.input(0).value));
      },
      a);
  // END EXERCISE 1.2
}

Tensor exp(const Tensor& a) {
  // BEGIN EXERCISE 1.2: e^a; backward: out.grad * e^a, which is out.value
  return make_op(
      "exp", xt::exp(a.value()),
      [](Node& out) {
        // d e^a/da = e^a
        accumulate_grad(out.input(0), out.grad * out.value);
      },
      a);
  // END EXERCISE 1.2
}

Tensor log(const Tensor& a) {
  // BEGIN EXERCISE 1.2: log(a), no epsilon (log(0) is -inf); backward: out.grad / a
  return make_op(
      "log", xt::log(a.value()),
      [](Node& out) {
        // d log(a)/da = 1/a
        accumulate_grad(out.input(0), out.grad / out.input(0).value);
      },
      a);
  // END EXERCISE 1.2
}

Tensor pow(const Tensor& a, Scalar exponent) {
  // BEGIN EXERCISE 1.2: a^k; backward: out.grad * k * a^(k-1) (k is out.attributes.exponent)
  // k = 2, the square of every squared error, as a·a: std::pow costs far more than a product,
  // and PyTorch special-cases it too.
  const bool square = exponent == 2.0;
  return make_op("pow", square ? Array(a.value() * a.value()) : Array(xt::pow(a.value(), exponent)),
                 [](Node& out) {
                   // d a^k/da = k·a^(k-1)
                   const Scalar k = out.attributes.exponent;
                   const Array& a = out.input(0).value;
                   accumulate_grad(out.input(0), k == 2.0
                                                     ? Array(out.grad * 2.0 * a)
                                                     : Array(out.grad * k * xt::pow(a, k - 1.0)));
                 },
                 a, {.exponent = exponent});
  // END EXERCISE 1.2
}

}  // namespace autograd
