// The library's one random generator, and the draws built on it.
//
// Every random choice in the library (initialisation, dropout masks, shuffling, data) comes
// from a std::mt19937_64, whose output sequence the C++ standard fixes. The transforms to
// uniform, normal and Bernoulli draws are our own, because std:: distributions differ between
// standard libraries: the same seed gives the same numbers on every platform.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

using Generator = std::mt19937_64;

// The seed the library generator starts from until manual_seed is called.
inline constexpr std::uint64_t kDefaultSeed = 0;

void manual_seed(std::uint64_t seed);  // reseeds generator()
Generator& generator();                // the library generator (one per thread)

// Single draws.
Scalar uniform01(Generator& gen);                          // [0, 1), 53 random bits
Scalar uniform(Scalar low, Scalar high, Generator& gen);   // [low, high)
Scalar standard_normal(Generator& gen);                    // N(0, 1), Box–Muller
bool bernoulli(Scalar prob_true, Generator& gen);          // true with probability prob_true
std::size_t uniform_index(std::size_t n, Generator& gen);  // {0, …, n-1}, unbiased

// Arrays of independent draws, filled in row-major order.
Array rand_uniform(const Shape& shape, Scalar low, Scalar high, Generator& gen = generator());
Array randn(const Shape& shape, Generator& gen = generator());
// 1 with probability prob_one, else 0.
Array bernoulli_mask(const Shape& shape, Scalar prob_one, Generator& gen = generator());

// A uniformly random permutation of {0, …, n-1} (Fisher–Yates).
std::vector<std::size_t> permutation(std::size_t n, Generator& gen = generator());

}  // namespace autograd
