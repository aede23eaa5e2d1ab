#include "autograd/pointwise.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace autograd {

Array sigmoid_values(const Array& x) {
  // σ(x) = 1/(1+e^{-x}) for x ≥ 0 and e^{x}/(1+e^{x}) for x < 0: the exponent is never
  // positive, so nothing overflows at x = ±800 and σ(-800) stays a tiny positive number.
  Array e = xt::exp(-xt::abs(x));
  return xt::where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e));
}

Array softplus_values(const Array& x) {
  // log(1+e^x) = max(x, 0) + log1p(e^{-|x|}): exact in both tails (x = ±1e4 included).
  return xt::maximum(x, 0.0) + xt::log1p(xt::exp(-xt::abs(x)));
}

Tensor relu(const Tensor& a) {
  return make_op(
      "relu", xt::maximum(a.value(), 0.0),
      [](Node& out) {
        // d relu(a)/da = 1 if a > 0 else 0 (0 at the kink, as PyTorch)
        accumulate_grad(out.input(0), xt::where(out.input(0).value > 0, out.grad, 0.0));
      },
      a);
}

Tensor sigmoid(const Tensor& a) {
  return make_op(
      "sigmoid", sigmoid_values(a.value()),
      [](Node& out) {
        // dσ(a)/da = σ(a)(1 - σ(a))
        accumulate_grad(out.input(0), out.grad * out.value * (1.0 - out.value));
      },
      a);
}

Tensor softplus(const Tensor& a) {
  return make_op(
      "softplus", softplus_values(a.value()),
      [](Node& out) {
        // d softplus(a)/da = σ(a)
        accumulate_grad(out.input(0), out.grad * sigmoid_values(out.input(0).value));
      },
      a);
}

Tensor exp(const Tensor& a) {
  return make_op(
      "exp", xt::exp(a.value()),
      [](Node& out) {
        // d e^a/da = e^a
        accumulate_grad(out.input(0), out.grad * out.value);
      },
      a);
}

Tensor log(const Tensor& a) {
  return make_op(
      "log", xt::log(a.value()),
      [](Node& out) {
        // d log(a)/da = 1/a
        accumulate_grad(out.input(0), out.grad / out.input(0).value);
      },
      a);
}

Tensor pow(const Tensor& a, Scalar exponent) {
  return make_op("pow", xt::pow(a.value(), exponent),
                 [](Node& out) {
                   // d a^k/da = k·a^(k-1)
                   const Scalar k = out.attributes.scalar;
                   accumulate_grad(out.input(0),
                                   out.grad * k * xt::pow(out.input(0).value, k - 1.0));
                 },
                 a, {.scalar = exponent});
}

}  // namespace autograd
