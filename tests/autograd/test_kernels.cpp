// The kernels (autograd/kernels.hpp): given code, each checked against the plain xtensor
// expression (or the plain loop over the library's own draws) that it replaces. Exact equality
// (tolerance 0) where the kernel performs the same operations in the same order.
#include <cmath>
#include <limits>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xreducer.hpp>

#include "autograd/kernels.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Scalar;
using autograd::Shape;
namespace kernels = autograd::kernels;

namespace {
// Values on both sides of 0, with exact zeros, a NaN and both tails of the stable functions.
Array awkward_values() {
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  return Array{{-800.0, -1e4, -3.5, -0.0, 0.0, 1e-300}, {0.25, 2.0, 37.0, 800.0, 1e4, nan}};
}
// Equality that counts NaN as equal to NaN (all_close would reject it).
bool same_values(const Array& actual, const Array& expected) {
  if (actual.shape() != expected.shape()) return false;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const Scalar a = actual.data()[i], e = expected.data()[i];
    if (!(a == e || (std::isnan(a) && std::isnan(e)))) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("kernels: sigmoid and softplus equal their stable xtensor expressions", "[autograd]") {
  const Array x = awkward_values();
  const Array e = xt::exp(-xt::abs(x));
  const Array sigmoid = xt::where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e));
  const Array softplus = xt::maximum(x, 0.0) + xt::log1p(e);
  CHECK(same_values(kernels::sigmoid(x), sigmoid));
  CHECK(same_values(kernels::softplus(x), softplus));
  // Neither tail overflows into inf/inf = NaN: σ(800) = 1 and σ(−800) = 0 (e^−800 underflows).
  CHECK(kernels::sigmoid(800.0) == 1.0);
  CHECK(kernels::sigmoid(-800.0) == 0.0);
  CHECK(kernels::softplus(1e4) == 1e4);
  CHECK(kernels::softplus(-1e4) == 0.0);
}

TEST_CASE("kernels: relu and relu_backward equal max and where, a NaN passing through",
          "[autograd]") {
  const Array x = awkward_values();
  const Array grad_output = test::random_array({2, 6}, 7);
  const Array relu = xt::where(x <= 0, 0.0, x);
  CHECK(same_values(kernels::relu(x), relu));
  CHECK(std::isnan(kernels::relu(x)(1, 5)));
  CHECK(same_values(kernels::relu_backward(grad_output, x), xt::where(x > 0, grad_output, 0.0)));
}

TEST_CASE("kernels: mask_scale, add_into and sum equal x·m·s, += and a left fold", "[autograd]") {
  const Array x = test::random_array({3, 5}, 1);
  const Array mask = xt::where(test::random_array({3, 5}, 2) > 0, 1.0, 0.0);
  CHECK(same_values(kernels::mask_scale(x, mask, 2.5), x * mask * 2.5));
  Array target = test::random_array({3, 5}, 3);
  const Array expected = target + x;
  kernels::add_into(target, x);
  CHECK(same_values(target, expected));
  Scalar total = 0;
  for (Scalar v : x) total += v;
  CHECK(kernels::sum(x) == total);
  CHECK(kernels::sum(x) == Approx(xt::sum(x)()).epsilon(1e-14));
}

TEST_CASE("kernels: add_bias_rows, sum_rows and transpose equal their xtensor expressions",
          "[autograd]") {
  for (const auto& [rows, cols] :
       std::vector<std::pair<std::size_t, std::size_t>>{{1, 1}, {1, 64}, {4, 3}, {7, 1}}) {
    INFO("rows " << rows << ", cols " << cols);
    const Array a = test::random_array({rows, cols}, 10 + rows);
    const Array bias = test::random_array({cols}, 20 + cols);
    Array y = a;
    kernels::add_bias_rows(y, bias);
    CHECK(same_values(y, a + bias));
    CHECK(same_values(kernels::sum_rows(a), xt::sum(a, {0})));
    CHECK(same_values(kernels::transpose(a), Array(xt::transpose(a))));
  }
}

TEST_CASE("kernels: matmul, matmul_nt and matmul_tn equal xt::linalg::dot on every BLAS path",
          "[autograd]") {
  // (m, k, n) covering m = 1 (gemv), n = 1 (gemv), k = 1 (outer product) and dgemm.
  const std::vector<std::array<std::size_t, 3>> sizes{{1, 5, 4}, {4, 5, 1}, {4, 1, 3},
                                                      {1, 1, 1}, {3, 4, 5}, {1, 64, 64}};
  std::uint64_t seed = 100;
  for (const auto& [m, k, n] : sizes) {
    INFO("m " << m << ", k " << k << ", n " << n);
    const Array a = test::random_array({m, k}, seed++);
    const Array b = test::random_array({k, n}, seed++);
    const Array expected = xt::linalg::dot(a, b);
    const Array a_t = xt::transpose(a);
    const Array b_t = xt::transpose(b);
    REQUIRE_ALL_CLOSE(kernels::matmul(a, b), expected, 1e-14);
    REQUIRE_ALL_CLOSE(kernels::matmul_nt(a, b_t), expected, 1e-14);
    REQUIRE_ALL_CLOSE(kernels::matmul_tn(a_t, b), expected, 1e-14);
  }
  CHECK(same_values(kernels::matmul(Array::from_shape({2, 0}), Array::from_shape({0, 3})),
                    xt::zeros<Scalar>({2, 3})));
}

TEST_CASE("kernels: fill_bernoulli draws the mask of uniform01(gen) < p, also at p = 0 and 1",
          "[autograd]") {
  for (Scalar p : {0.0, 1e-17, 0.3, 0.5, 0.7, 1.0 - 1e-16, 1.0}) {
    INFO("p " << p);
    autograd::Generator kernel_gen(42), plain_gen(42);
    Array mask = Array::from_shape({500});
    kernels::fill_bernoulli(mask, p, kernel_gen);
    Array expected = Array::from_shape({500});
    for (Scalar& v : expected) v = autograd::uniform01(plain_gen) < p ? 1.0 : 0.0;
    CHECK(same_values(mask, expected));
    CHECK(kernel_gen == plain_gen);  // one draw per element, as uniform01
  }
  CHECK(kernels::bernoulli_threshold(0.5) == (std::uint64_t{1} << 52));
  CHECK(kernels::bernoulli_threshold(1.0) == (std::uint64_t{1} << 53));
}

TEST_CASE("kernels: the SGD updates equal torch.optim.SGD's formulas as xtensor expressions",
          "[autograd]") {
  const Array theta0 = test::random_array({4, 3}, 30);
  const Array grad = test::random_array({4, 3}, 31);
  const Scalar lr = 0.1, wd = 0.2, momentum = 0.9, dampening = 0.25;
  Array theta = theta0;
  kernels::sgd_update(theta, grad, lr);
  CHECK(same_values(theta, theta0 - lr * grad));
  theta = theta0;
  kernels::sgd_update_weight_decay(theta, grad, lr, wd);
  CHECK(same_values(theta, theta0 - lr * (grad + wd * theta0)));
  for (bool nesterov : {false, true}) {
    INFO("nesterov " << nesterov);
    const kernels::SgdMomentum options{lr, momentum, nesterov ? 0.0 : dampening, wd, nesterov};
    theta = theta0;
    Array buffer = Array::from_shape(theta.shape());
    kernels::sgd_momentum_update(theta, grad, buffer, options, true);  // buffer = g
    Array g = grad + wd * theta0;
    Array expected_buffer = g;
    Array expected = theta0 - lr * (nesterov ? Array(g + momentum * expected_buffer) : g);
    CHECK(same_values(buffer, expected_buffer));
    CHECK(same_values(theta, expected));
    const Array theta1 = theta;
    kernels::sgd_momentum_update(theta, grad, buffer, options, false);
    g = grad + wd * theta1;
    expected_buffer = momentum * expected_buffer + (1.0 - options.dampening) * g;
    expected = theta1 - lr * (nesterov ? Array(g + momentum * expected_buffer) : expected_buffer);
    CHECK(same_values(buffer, expected_buffer));
    CHECK(same_values(theta, expected));
  }
}

TEST_CASE("kernels: the Adam update equals its xtensor expression in every mode", "[autograd]") {
  // 13 elements: three vectorised square roots of 4 and a tail of 1.
  const Array theta0 = test::random_array({13}, 50);
  const Array grad = test::random_array({13}, 51);
  const Array m0 = test::random_array({13}, 52);
  const Array v0 = xt::abs(test::random_array({13}, 53));
  const Array v_max0 = xt::abs(test::random_array({13}, 54));
  kernels::AdamUpdate options{
      .beta1 = 0.8, .beta2 = 0.95, .eps = 1e-3, .step_size = 0.05, .bias_correction2_sqrt = 0.4};
  struct Mode {
    const char* name;
    Scalar l2, decay_factor;
    bool amsgrad;
  };
  for (const Mode& mode : {Mode{"plain", 0, 1, false}, Mode{"Adam's L2", 0.3, 1, false},
                           Mode{"AdamW's decay", 0, 0.9, false}, Mode{"amsgrad", 0.3, 1, true}}) {
    INFO(mode.name);
    options.l2 = mode.l2;
    options.decay_factor = mode.decay_factor;
    Array theta = theta0, m = m0, v = v0, v_max = v_max0;
    std::vector<Scalar> denom;  // grown by the kernel
    kernels::adam_update(theta, grad, m, v, mode.amsgrad ? &v_max : nullptr, denom, options);

    const Array decayed = theta0 * mode.decay_factor;
    const Array g = grad + mode.l2 * decayed;
    const Array expected_m = m0 * options.beta1 + (1 - options.beta1) * g;
    const Array expected_v = v0 * options.beta2 + (1 - options.beta2) * g * g;
    const Array expected_v_max = xt::where(expected_v <= v_max0, v_max0, expected_v);
    const Array denominator =
        xt::sqrt(mode.amsgrad ? expected_v_max : expected_v) / options.bias_correction2_sqrt +
        options.eps;
    CHECK(same_values(m, expected_m));
    CHECK(same_values(v, expected_v));
    if (mode.amsgrad) CHECK(same_values(v_max, expected_v_max));
    CHECK(same_values(theta, decayed + (-options.step_size) * expected_m / denominator));
    CHECK(denom.size() == 13);
  }
}

TEST_CASE("kernels: BCE with logits and its two gradients equal their xtensor expressions",
          "[autograd]") {
  const Array x = Array{{-1e4, -3.0, -0.5, 0.0, 0.7, 40.0}};
  const Array y = Array{{0.0, 1.0, 0.3, 1.0, 0.0, 0.5}};
  const Array pos_weight = Array{{2.0, 0.5, 1.0, 3.0, 1.5, 1.0}};
  const Array grad_output = test::random_array({1, 6}, 40);
  const Array reduced_grad = Array(0.25);
  for (const Array* pw : {static_cast<const Array*>(nullptr), &pos_weight}) {
    INFO((pw != nullptr ? "with pos_weight" : "without pos_weight"));
    const Array w = pw != nullptr ? Array(1.0 + (*pw - 1.0) * y) : Array(xt::ones_like(y));
    const Array pw_minus_1 = pw != nullptr ? Array(*pw - 1.0) : Array(xt::zeros_like(y));
    const Array softplus = kernels::softplus(Array(-x));
    const Array sigmoid = kernels::sigmoid(Array(-x));
    CHECK(same_values(kernels::bce_with_logits(x, y, pw), (1.0 - y) * x + w * softplus));
    const Scalar scale = 0.5;
    CHECK(same_values(kernels::bce_with_logits_backward_logits(grad_output, scale, x, y, pw),
                      (grad_output * scale) * ((1.0 - y) - w * sigmoid)));
    CHECK(same_values(kernels::bce_with_logits_backward_target(grad_output, scale, x, y, pw),
                      (grad_output * scale) * (-x + pw_minus_1 * softplus)));
    // A reduced loss: the one-element gradient reaches every element.
    CHECK(same_values(kernels::bce_with_logits_backward_logits(reduced_grad, scale, x, y, pw),
                      (0.25 * scale) * ((1.0 - y) - w * sigmoid)));
  }
}
