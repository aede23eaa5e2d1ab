#include "autograd/pointwise.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "autograd/errors.hpp"

namespace autograd {

Array sigmoid_values(const Array& x) {
  // BEGIN EXERCISE 1.2: stable: 1/(1+e^-x) for x >= 0, e^x/(1+e^x) for x < 0 (no overflow at +-800)
  // σ(x) = 1/(1+e^{-x}) for x ≥ 0 and e^{x}/(1+e^{x}) for x < 0: the exponent is never
  // positive, so nothing overflows at x = ±800 and σ(-800) stays a tiny positive number.
  Array e = xt::exp(-xt::abs(x));
  return xt::where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e));
  // END EXERCISE 1.2
}

Array softplus_values(const Array& x) {
  // BEGIN EXERCISE 1.2: stable log(1+e^x) = max(x, 0) + log1p(e^-|x|)
  // log(1+e^x) = max(x, 0) + log1p(e^{-|x|}): exact in both tails (x = ±1e4 included).
  return xt::maximum(x, 0.0) + xt::log1p(xt::exp(-xt::abs(x)));
  // END EXERCISE 1.2
}

Tensor relu(const Tensor& a) {
  // BEGIN EXERCISE 1.2: a <= 0 ? 0 : a (keeps NaN, -0 gives +0); backward: out.grad if a > 0 else 0
  // Plain loops rather than xt::maximum and xt::where: ReLU runs twice per training step, and
  // at 64 elements xtensor's expression machinery costs several times the comparisons.
  Array y = Array::from_shape(a.value().shape());
  const Scalar* __restrict x = a.value().data();
  Scalar* __restrict out = y.data();
  // Written as "x <= 0 ? 0 : x" so that a NaN passes through, as in PyTorch.
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = x[i] <= 0 ? 0.0 : x[i];
  return make_op(
      "relu", std::move(y),
      [](Node& out) {
        // d relu(a)/da = 1 if a > 0 else 0 (0 at the kink, as PyTorch)
        Array grad = Array::from_shape(out.grad.shape());
        const Scalar* __restrict x = out.input(0).value.data();
        const Scalar* __restrict grad_output = out.grad.data();
        Scalar* __restrict grad_input = grad.data();
        for (std::size_t i = 0; i < grad.size(); ++i)
          grad_input[i] = x[i] > 0 ? grad_output[i] : 0.0;
        accumulate_grad(out.input(0), std::move(grad));
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
  // BEGIN EXERCISE 1.2: a^k; backward: out.grad * k * a^(k-1) (k is out.attributes.scalar)
  // k = 2, the square of every squared error, as a·a: std::pow costs ~30 times a product (it
  // was a third of the theorem's Monte Carlo), and PyTorch special-cases it too.
  const bool square = exponent == 2.0;
  return make_op("pow", square ? Array(a.value() * a.value()) : Array(xt::pow(a.value(), exponent)),
                 [](Node& out) {
                   // d a^k/da = k·a^(k-1)
                   const Scalar k = out.attributes.scalar;
                   const Array& a = out.input(0).value;
                   accumulate_grad(out.input(0), k == 2.0
                                                     ? Array(out.grad * 2.0 * a)
                                                     : Array(out.grad * k * xt::pow(a, k - 1.0)));
                 },
                 a, {.scalar = exponent});
  // END EXERCISE 1.2
}

}  // namespace autograd
