#include "autograd/random.hpp"

#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>

#include "autograd/kernels.hpp"

namespace autograd {

Generator& generator() {
  thread_local Generator library_generator(kDefaultSeed);
  return library_generator;
}

void manual_seed(std::uint64_t seed) {
  generator().seed(seed);
}

Scalar uniform01(Generator& gen) {
  // The top 53 bits, scaled by 2^-53: every double in [0, 1) on a 2^-53 grid, equally likely.
  return static_cast<Scalar>(gen() >> 11) * 0x1.0p-53;
}

Scalar uniform(Scalar low, Scalar high, Generator& gen) {
  return low + (high - low) * uniform01(gen);
}

Scalar standard_normal(Generator& gen) {
  // Box–Muller: sqrt(-2 ln u1)·cos(2π u2) with u1 in (0, 1], so the log is finite.
  const Scalar u1 = 1.0 - uniform01(gen);
  const Scalar u2 = uniform01(gen);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

bool bernoulli(Scalar prob_true, Generator& gen) {
  if (!(prob_true >= 0.0 && prob_true <= 1.0)) {
    throw std::invalid_argument("bernoulli: prob_true must be in [0, 1], got " +
                                std::to_string(prob_true));
  }
  return uniform01(gen) < prob_true;
}

std::size_t uniform_index(std::size_t n, Generator& gen) {
  if (n == 0) throw std::invalid_argument("uniform_index: n must be positive");
  // Rejection sampling: drop the top partial block of 2^64 so every index is equally likely.
  const std::uint64_t range = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = Generator::max() - (Generator::max() % range + 1) % range;
  std::uint64_t draw = gen();
  while (draw > limit) draw = gen();
  return static_cast<std::size_t>(draw % range);
}

Array rand_uniform(const Shape& shape, Scalar low, Scalar high, Generator& gen) {
  Array result = Array::from_shape(shape);
  // Through data(): an xarray's own iterator tracks a multi-index per step, which costs more
  // than the draw. The order of the draws is the row-major order of the elements either way.
  Scalar* out = result.data();
  for (std::size_t i = 0; i < result.size(); ++i) out[i] = uniform(low, high, gen);
  return result;
}

Array randn(const Shape& shape, Generator& gen) {
  Array result = Array::from_shape(shape);
  Scalar* out = result.data();  // (as in rand_uniform)
  for (std::size_t i = 0; i < result.size(); ++i) out[i] = standard_normal(gen);
  return result;
}

Array bernoulli_mask(const Shape& shape, Scalar prob_one, Generator& gen) {
  if (!(prob_one >= 0.0 && prob_one <= 1.0)) {
    throw std::invalid_argument("bernoulli_mask: prob_one must be in [0, 1], got " +
                                std::to_string(prob_one));
  }
  Array result = Array::from_shape(shape);
  kernels::fill_bernoulli(result, prob_one, gen);  // the draws of uniform01(gen) < prob_one
  return result;
}

std::vector<std::size_t> permutation(std::size_t n, Generator& gen) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) {
    std::swap(order[i - 1], order[uniform_index(i, gen)]);
  }
  return order;
}

}  // namespace autograd
