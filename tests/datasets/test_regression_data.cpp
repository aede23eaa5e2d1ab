// Given code (no exercise tag): the synthetic regression data and the fixed designs of the
// dropout-vs-L2 comparison.
#include <cmath>
#include <vector>

#include "datasets/datasets.hpp"
#include "test_helpers.hpp"

using autograd::Array;

namespace {

double column_sample_std(const Array& X, std::size_t column) {
  const std::size_t n = X.shape()[0];
  double mean = 0.0;
  for (std::size_t i = 0; i < n; ++i) mean += X(i, column);
  mean /= static_cast<double>(n);
  double sum_squares = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum_squares += (X(i, column) - mean) * (X(i, column) - mean);
  return std::sqrt(sum_squares / static_cast<double>(n - 1));
}

}  // namespace

TEST_CASE(
    "make_gaussian_regression column j has standard deviation column_scales[j] (within "
    "4 SE)",
    "[datasets]") {
  const std::size_t n = 20000;
  const std::vector<double> scales{0.1, 1.0, 3.0, 10.0};
  const datasets::Dataset data =
      datasets::make_gaussian_regression(n, scales, {1.0, -2.0, 0.5, 0.0}, 0.5, 4);
  REQUIRE(data.X.shape() == Array::shape_type{n, 4});
  REQUIRE(data.y.shape() == Array::shape_type{n});
  for (std::size_t j = 0; j < scales.size(); ++j) {
    const double std_error = scales[j] / std::sqrt(2.0 * static_cast<double>(n));
    INFO("column " << j << ": sample std " << column_sample_std(data.X, j));
    REQUIRE(std::abs(column_sample_std(data.X, j) - scales[j]) <= 4.0 * std_error);
  }
}

TEST_CASE(
    "make_gaussian_regression with noise 0 gives y = X·w_true exactly; with noise σ the "
    "residual has std σ",
    "[datasets]") {
  const std::vector<double> scales{1.0, 2.0, 0.5};
  const std::vector<double> weights{0.3, -1.2, 2.0};
  const datasets::Dataset clean = datasets::make_gaussian_regression(500, scales, weights, 0.0, 1);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    double expected = 0.0;
    for (std::size_t j = 0; j < weights.size(); ++j) expected += clean.X(i, j) * weights[j];
    REQUIRE(clean.y(i) == expected);
  }

  const std::size_t n = 20000;
  const double noise = 0.7;
  const datasets::Dataset noisy = datasets::make_gaussian_regression(n, scales, weights, noise, 1);
  Array residual = Array::from_shape({n, 1});
  for (std::size_t i = 0; i < n; ++i) {
    double signal = 0.0;
    for (std::size_t j = 0; j < weights.size(); ++j) signal += noisy.X(i, j) * weights[j];
    residual(i, 0) = noisy.y(i) - signal;
  }
  REQUIRE(std::abs(column_sample_std(residual, 0) - noise) <=
          4.0 * noise / std::sqrt(2.0 * static_cast<double>(n)));
}

TEST_CASE("make_gaussian_regression is reproducible for a seed and differs between seeds",
          "[datasets]") {
  const auto a = datasets::make_gaussian_regression(50, {1.0, 2.0}, {1.0, 1.0}, 0.1, 7);
  const auto b = datasets::make_gaussian_regression(50, {1.0, 2.0}, {1.0, 1.0}, 0.1, 7);
  const auto c = datasets::make_gaussian_regression(50, {1.0, 2.0}, {1.0, 1.0}, 0.1, 8);
  REQUIRE_ALL_CLOSE(a.X, b.X, 0);
  REQUIRE_ALL_CLOSE(a.y, b.y, 0);
  REQUIRE_FALSE(test::all_close(a.X, c.X, 0));
}

TEST_CASE("make_gaussian_regression rejects mismatched sizes, naming both", "[datasets]") {
  REQUIRE_THROWS_AS(datasets::make_gaussian_regression(10, {1.0, 2.0, 3.0}, {1.0, 2.0}, 0.1, 0),
                    std::invalid_argument);
  REQUIRE_THROWS_WITH(
      datasets::make_gaussian_regression(10, {1.0, 2.0, 3.0}, {1.0, 2.0}, 0.1, 0),
      Catch::Contains("column_scales has 3") && Catch::Contains("true_weights has 2"));
  REQUIRE_THROWS_WITH(datasets::make_gaussian_regression(10, {1.0}, {1.0}, -1.0, 0),
                      Catch::Contains("noise = -1"));
  REQUIRE_THROWS_WITH(datasets::make_gaussian_regression(0, {1.0}, {1.0}, 0.0, 0),
                      Catch::Contains("n = 0"));
}

TEST_CASE("design_A is the 10x4 design x_ij = sin(0.7(i+1)(j+1) + 0.3(j+1)), y_i = cos(0.5(i+1))",
          "[datasets]") {
  const datasets::Dataset design = datasets::design_A();
  REQUIRE(design.X.shape() == Array::shape_type{10, 4});
  REQUIRE(design.y.shape() == Array::shape_type{10});
  // Hand-computed: x_00 = sin(0.7 + 0.3) = sin(1), y_0 = cos(0.5).
  REQUIRE(design.X(0, 0) == Approx(0.8414709848078965).margin(1e-15));
  REQUIRE(design.y(0) == Approx(0.8775825618903728).margin(1e-15));
  // x_23 = sin(0.7·3·4 + 0.3·4) = sin(9.6); x_91 = sin(0.7·10·2 + 0.3·2) = sin(14.6);
  // x_30 = sin(0.7·4 + 0.3) = sin(3.1); y_9 = cos(5).
  REQUIRE(design.X(2, 3) == Approx(std::sin(9.6)).margin(1e-14));
  REQUIRE(design.X(9, 1) == Approx(std::sin(14.6)).margin(1e-14));
  REQUIRE(design.X(3, 0) == Approx(std::sin(3.1)).margin(1e-14));
  REQUIRE(design.y(9) == Approx(std::cos(5.0)).margin(1e-15));
  // And every entry by the formula.
  for (std::size_t i = 0; i < 10; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      const double expected = std::sin(0.7 * double(i + 1) * double(j + 1) + 0.3 * double(j + 1));
      REQUIRE(design.X(i, j) == Approx(expected).margin(1e-15));
    }
    REQUIRE(design.y(i) == Approx(std::cos(0.5 * double(i + 1))).margin(1e-15));
  }
}

TEST_CASE("design_C is the 20x6 design x_ij = sin(0.37(i+1)(j+1) + 0.5j) with all-zero y",
          "[datasets]") {
  const datasets::Dataset design = datasets::design_C();
  REQUIRE(design.X.shape() == Array::shape_type{20, 6});
  REQUIRE(design.y.shape() == Array::shape_type{20});
  // x_00 = sin(0.37); x_15 = sin(0.37·2·6 + 2.5) = sin(6.94); x_19,2 = sin(0.37·20·3 + 1).
  REQUIRE(design.X(0, 0) == Approx(std::sin(0.37)).margin(1e-15));
  REQUIRE(design.X(1, 5) == Approx(std::sin(6.94)).margin(1e-14));
  REQUIRE(design.X(19, 2) == Approx(std::sin(23.2)).margin(1e-14));
  for (std::size_t i = 0; i < 20; ++i) {
    for (std::size_t j = 0; j < 6; ++j) {
      const double expected = std::sin(0.37 * double(i + 1) * double(j + 1) + 0.5 * double(j));
      REQUIRE(design.X(i, j) == Approx(expected).margin(1e-15));
    }
    REQUIRE(design.y(i) == 0.0);
  }
}
