// Shared helpers for the unit tests: seeded random inputs and readable comparisons.
#pragma once

#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "autograd/autograd.hpp"

namespace test {

using autograd::Array;
using autograd::Shape;
using autograd::Tensor;

// Uniform values in [low, high) from a generator of the test's own, so a test's inputs do not
// depend on which tests ran before it.
inline Array random_array(const Shape& shape, std::uint64_t seed, double low = -2.0,
                          double high = 2.0) {
  autograd::Generator gen(seed);
  return autograd::rand_uniform(shape, low, high, gen);
}

// Values in ±[0.5, 2): away from 0, for ops with a kink or a pole there (relu, log, 1/x).
inline Array away_from_zero(const Shape& shape, std::uint64_t seed) {
  autograd::Generator gen(seed);
  Array magnitude = autograd::rand_uniform(shape, 0.5, 2.0, gen);
  Array sign = autograd::bernoulli_mask(shape, 0.5, gen) * 2.0 - 1.0;
  return magnitude * sign;
}

// An (n, 1) column: brace-initialising one ({{1.0}, {2.0}}) is ambiguous for xarray.
inline Array column(std::initializer_list<double> values) {
  Array result = Array::from_shape({values.size(), 1});
  std::copy(values.begin(), values.end(), result.begin());
  return result;
}

// The array as xtensor prints it. Defined in test_helpers.cpp, the one test source that includes
// <xtensor/xio.hpp>: that header's printer, instantiated for Array in every test binary's
// unit, cost each unit about a second of compile time (benchmarks/README.md, "Build time").
std::string to_string(const Array& a);

// Every element within tol (absolute + relative to expected), and the same shape.
inline bool all_close(const Array& actual, const Array& expected, double tol = 1e-12) {
  if (actual.shape() != expected.shape()) return false;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double a = actual.data()[i];
    const double e = expected.data()[i];
    if (!(std::abs(a - e) <= tol * (1.0 + std::abs(e)))) return false;
  }
  return true;
}

}  // namespace test

// Catch prints an Array in a failed REQUIRE(a == b) as test::to_string does (without this, with
// no operator<< in sight, it would print the elements as a flat list).
namespace Catch {
template <>
struct StringMaker<autograd::Array> {
  static std::string convert(const autograd::Array& a) { return test::to_string(a); }
};
}  // namespace Catch

// REQUIRE that two arrays agree, printing both on failure. Each argument is evaluated once.
#define REQUIRE_ALL_CLOSE(actual, expected, tol)                                      \
  do {                                                                                \
    const autograd::Array actual_value = (actual);                                    \
    const autograd::Array expected_value = (expected);                                \
    INFO("expected " << test::to_string(expected_value) << "\n  shape "               \
                     << autograd::shape_to_string(expected_value.shape()) << "\ngot " \
                     << test::to_string(actual_value) << "\n  shape "                 \
                     << autograd::shape_to_string(actual_value.shape()));             \
    REQUIRE(test::all_close(actual_value, expected_value, (tol)));                    \
  } while (0)

// Tolerances are tighter than PyTorch's defaults (atol 1e-5, rtol 1e-3): in double precision,
// central differences with eps = 1e-6 are accurate to about 1e-9, and a gradient that is off by
// a factor of 1.001 must fail.
#define REQUIRE_GRADCHECK(f, inputs)                                                    \
  do {                                                                                  \
    const auto gradcheck_result = autograd::gradcheck((f), (inputs), 1e-6, 1e-7, 1e-6); \
    INFO(gradcheck_result.report);                                                      \
    REQUIRE(gradcheck_result.ok);                                                       \
  } while (0)
