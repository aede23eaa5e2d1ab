// The post's three computations, replayed: checked against values derived by hand and against
// numpy/scipy (the reference values below were printed by /usr/bin/python3 with numpy 1.24 and
// scipy 1.10, running the post's own expressions; the script is quoted beside each value).
#include <cmath>

#include "experiments/illustrations/replay.hpp"
#include "test_helpers.hpp"

namespace il = illustrations;
using autograd::Array;

TEST_CASE("illustrations: the post's L2 step adds half the sum of squares to every entry",
          "[experiments][illustrations]") {
  const Array X = il::post_matrix();
  // Σ X² = 1 + 1 + 4 + 9 + 9 + 49 = 73, so X₁ = X + 36.5.
  const Array X1 = il::post_l2_step(X);
  const Array expected1{{37.5, 37.5}, {38.5, 39.5}, {39.5, 43.5}};
  REQUIRE((X1 == expected1));
  // Σ X₁² = 2·37.5² + 38.5² + 2·39.5² + 43.5² = 2812.5 + 1482.25 + 3120.5 + 1892.25 = 9307.5,
  // so X₂ = X₁ + 4653.75 (every number here is a short binary fraction: exact in doubles).
  const Array X2 = il::post_l2_step(X1);
  const Array expected2{{4691.25, 4691.25}, {4692.25, 4693.25}, {4693.25, 4697.25}};
  REQUIRE((X2 == expected2));
}

// numpy 1.24 on an AVX-512 machine (this one) evaluates np.power through SVML, whose
// np.power(58., 0.5) is one unit in the last place below the correctly rounded √58 that glibc's
// pow returns; so numpy's dropout numbers may differ from ours in the last bits. We require
// our numbers exactly equal to the formula evaluated here, and within 1e-15 (relative, a few
// units in the last place) of numpy's.
namespace {
constexpr double kNumpyUlps = 1e-15;

// The post's multiplier Σᵢ √(√((XXᵀ)ᵢᵢ)) evaluated from scratch, row by row.
double factor_by_hand(const Array& X) {
  double factor = 0;
  for (std::size_t i = 0; i < X.shape()[0]; ++i) {
    const double squared_norm = X(i, 0) * X(i, 0) + X(i, 1) * X(i, 1);
    factor += std::sqrt(std::pow(squared_norm, 0.5));
  }
  return factor;
}

void require_close_to_numpy(const Array& ours, const Array& numpy) {
  INFO("ours " << test::to_string(ours) << "\nnumpy " << test::to_string(numpy));
  REQUIRE(ours.shape() == numpy.shape());
  for (std::size_t k = 0; k < ours.size(); ++k) {
    REQUIRE(std::abs(ours.data()[k] - numpy.data()[k]) <= kNumpyUlps * std::abs(numpy.data()[k]));
  }
}
}  // namespace

TEST_CASE("illustrations: the post's dropout factor is the sum of the rows' fourth-root norms",
          "[experiments][illustrations]") {
  const Array X = il::post_matrix();
  // diag(XXᵀ) = (2, 13, 58); the factor is 2^¼ + 13^¼ + 58^¼.
  const double factor = il::post_dropout_factor(X);
  REQUIRE(factor == factor_by_hand(X));
  const double fourth_roots = std::pow(2.0, 0.25) + std::pow(13.0, 0.25) + std::pow(58.0, 0.25);
  REQUIRE(std::abs(factor - fourth_roots) <= 1e-15 * fourth_roots);
  // numpy: np.sum(np.sqrt(np.power(np.diag(np.dot(X, X.T)), (1/2)))) = 5.847705058190557
  REQUIRE(std::abs(factor - 5.847705058190557) <= kNumpyUlps * factor);
  // Σᵢ ‖f·xᵢ‖^½ = √f·Σᵢ ‖xᵢ‖^½: the second factor is f^{3/2} (numpy: 14.140937079320217).
  const Array X1 = il::post_dropout_step(X);
  const double second = il::post_dropout_factor(X1);
  REQUIRE(second == factor_by_hand(X1));
  REQUIRE(std::abs(second - std::pow(factor, 1.5)) <= 1e-14 * second);
  REQUIRE(std::abs(second - 14.140937079320217) <= kNumpyUlps * second);
}

TEST_CASE("illustrations: the post's dropout matrices are X times the factor, twice, as in numpy",
          "[experiments][illustrations]") {
  const Array X = il::post_matrix();
  const Array X1 = il::post_dropout_step(X);
  const Array X2 = il::post_dropout_step(X1);
  const Array expected1 = X * factor_by_hand(X);
  const Array expected2 = expected1 * factor_by_hand(expected1);
  REQUIRE((X1 == expected1));
  REQUIRE((X2 == expected2));
  // numpy: [float(x).hex() for x in matrix_droput_1.ravel()] and the same for matrix_droput_2
  require_close_to_numpy(X1, Array{{0x1.7640ccb765431p+2, 0x1.7640ccb765431p+2},
                                   {0x1.7640ccb765431p+3, 0x1.18b099898bf25p+4},
                                   {0x1.18b099898bf25p+4, 0x1.4778b320789abp+5}});
  require_close_to_numpy(X2, Array{{0x1.4ac4a353420c9p+6, 0x1.4ac4a353420c9p+6},
                                   {0x1.4ac4a353420c9p+7, 0x1.f026f4fce312dp+7},
                                   {0x1.f026f4fce312dp+7, 0x1.216c0ee8d9cb0p+9}});
}

TEST_CASE("illustrations: spectral norm, std and variation agree with numpy and scipy",
          "[experiments][illustrations]") {
  const Array A{{1.0, 2.0, 0.5}, {3.0, -1.0, 2.0}, {0.0, 4.0, 1.0}, {2.0, 2.0, 3.0}};
  // np.linalg.norm(A, 2); A.std(axis=0); scipy.stats.variation(A)
  REQUIRE(std::abs(il::spectral_norm(A) - 5.88252680190018) <= 1e-14 * 5.88252680190018);
  REQUIRE(std::abs(il::spectral_norm(il::post_matrix()) - 8.509997068819919) <= 1e-14 * 8.51);
  REQUIRE_ALL_CLOSE(il::column_std(A),
                    (Array{1.118033988749895, 1.7853571071357126, 0.960143218483576}), 1e-14);
  REQUIRE_ALL_CLOSE(il::column_variation(A),
                    (Array{0.7453559924999299, 1.0202040612204073, 0.5908573652206621}), 1e-14);
  REQUIRE_THROWS_AS(il::column_std(Array{1.0, 2.0}), std::invalid_argument);
}

TEST_CASE("illustrations: the post's variation loop agrees with numpy for five steps",
          "[experiments][illustrations]") {
  const Array A{{1.0, 2.0, 0.5}, {3.0, -1.0, 2.0}, {0.0, 4.0, 1.0}, {2.0, 2.0, 3.0}};
  // d = A; for n in 1..5: d = d + np.linalg.norm(d, 2); print(variation(d).mean())
  const double numpy[] = {0.17108276968968786, 0.0383461455375245, 0.0085934730365635,
                          0.001925224665107134, 0.00043127882256279457};
  const il::VariationReplay replay = il::replay_variation(A, 5);
  REQUIRE(replay.variation.size() == 5);
  for (std::size_t n = 0; n < 5; ++n) {
    INFO("step " << n + 1 << ": ours " << replay.variation[n] << ", numpy " << numpy[n]);
    // The data carry an offset of up to ~1e4, whose rounding (spacing ~2e-12) perturbs the
    // unit-sized spread; 1e-9 leaves room for numpy's different summation order.
    REQUIRE(std::abs(replay.variation[n] - numpy[n]) <= 1e-9 * numpy[n]);
  }
}

TEST_CASE("illustrations: compensated sums keep the spread where numpy-style sums lose it",
          "[experiments][illustrations]") {
  const Array A = test::random_array({3000, 3}, 31);
  REQUIRE_ALL_CLOSE(il::compensated_column_std(A), il::column_std(A), 1e-13);
  // 3000 numbers near 3e14 sum to ~1e18, where doubles are 128 apart: the plain running sum
  // misses the mean by a good part of the unit spread; the compensated one does not. The data
  // themselves, rounded to multiples of 1/16, keep their spread to well under 1%.
  const Array shifted = A + 3.0712345678e14;  // not a round number: its low bits matter
  const Array truth = il::column_std(A);
  const Array compensated_error = xt::abs(il::compensated_column_std(shifted) / truth - 1.0);
  const Array plain_error = xt::abs(il::column_std(shifted) / truth - 1.0);
  INFO("compensated " << test::to_string(compensated_error) << ", plain "
                      << test::to_string(plain_error));
  REQUIRE(xt::amax(compensated_error)() < 0.01);
  REQUIRE(xt::amax(plain_error)() > 10 * xt::amax(compensated_error)());
}
