// Given code (no exercise tag): make_moons reproduces scikit-learn 1.2's two half circles.
#include <cmath>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/datasets.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

using autograd::Array;

namespace {

std::size_t count_label(const Array& y, double label) {
  std::size_t count = 0;
  for (const double value : y) count += value == label ? 1 : 0;
  return count;
}

nlohmann::json load_reference() {
  std::ifstream file(std::string(test::fixtures_dir()) + "/pytorch_reference.json");
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

// Rows (x0, x1, y) as a sorted multiset, to compare datasets up to row order.
std::multiset<std::vector<double>> row_multiset(const datasets::Dataset& data) {
  std::multiset<std::vector<double>> rows;
  for (std::size_t i = 0; i < data.size(); ++i)
    rows.insert({data.X(i, 0), data.X(i, 1), data.y(i)});
  return rows;
}

// Sample standard deviation (n − 1 in the denominator).
double sample_std(const std::vector<double>& values) {
  double mean = 0.0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double sum_squares = 0.0;
  for (const double v : values) sum_squares += (v - mean) * (v - mean);
  return std::sqrt(sum_squares / static_cast<double>(values.size() - 1));
}

}  // namespace

TEST_CASE("make_moons gives n/2 outer points labelled 0 and the rest inner, labelled 1",
          "[datasets]") {
  const datasets::Dataset even = datasets::make_moons(1000, 0.1, 3);
  REQUIRE(even.X.shape() == Array::shape_type{1000, 2});
  REQUIRE(even.y.shape() == Array::shape_type{1000});
  REQUIRE(even.size() == 1000);
  REQUIRE(count_label(even.y, 0.0) == 500);
  REQUIRE(count_label(even.y, 1.0) == 500);

  // sklearn: n_samples_out = n // 2 = 3, n_samples_in = 4.
  const datasets::Dataset odd = datasets::make_moons(7, 0.0, 0, false);
  REQUIRE(count_label(odd.y, 0.0) == 3);
  REQUIRE(count_label(odd.y, 1.0) == 4);

  // n = 1: no outer point, one inner point at t = 0, (1 − cos 0, 1 − sin 0 − 0.5) = (0, 0.5).
  const datasets::Dataset one = datasets::make_moons(1, 0.0, 0, false);
  REQUIRE(one.X.shape() == Array::shape_type{1, 2});
  REQUIRE(one.X(0, 0) == 0.0);
  REQUIRE(one.X(0, 1) == 0.5);
  REQUIRE(one.y(0) == 1.0);
}

TEST_CASE("noise-free unshuffled make_moons equals scikit-learn's points and labels to 1e-12",
          "[datasets]") {
  const nlohmann::json reference = load_reference();
  const nlohmann::json& cases = reference.at("make_moons_noise_free");
  REQUIRE(cases.size() >= 2);
  for (const nlohmann::json& expected : cases) {
    const auto n = expected.at("n_samples").get<std::size_t>();
    INFO("n_samples = " << n);
    const datasets::Dataset moons = datasets::make_moons(n, 0.0, 0, false);
    REQUIRE(moons.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
      INFO("row " << i);
      REQUIRE(std::abs(moons.X(i, 0) - expected.at("X")[i][0].get<double>()) <= 1e-12);
      REQUIRE(std::abs(moons.X(i, 1) - expected.at("X")[i][1].get<double>()) <= 1e-12);
      REQUIRE(moons.y(i) == expected.at("y")[i].get<double>());
    }
  }
}

TEST_CASE(
    "noise-free points lie on the upper unit half circle (label 0) or the lower one "
    "centred at (1, 0.5) (label 1)",
    "[datasets]") {
  for (const bool shuffle : {false, true}) {
    const datasets::Dataset moons = datasets::make_moons(101, 0.0, 7, shuffle);
    for (std::size_t i = 0; i < moons.size(); ++i) {
      const double x = moons.X(i, 0);
      const double y = moons.X(i, 1);
      INFO("shuffle = " << shuffle << ", row " << i << ": (" << x << ", " << y << ") label "
                        << moons.y(i));
      if (moons.y(i) == 0.0) {
        REQUIRE(std::abs(x * x + y * y - 1.0) <= 1e-12);
        REQUIRE(y >= -1e-12);
      } else {
        REQUIRE(moons.y(i) == 1.0);
        REQUIRE(std::abs((x - 1.0) * (x - 1.0) + (y - 0.5) * (y - 0.5) - 1.0) <= 1e-12);
        REQUIRE(y <= 0.5 + 1e-12);
      }
    }
  }
}

TEST_CASE("shuffling only reorders the rows of the unshuffled moons", "[datasets]") {
  const datasets::Dataset ordered = datasets::make_moons(50, 0.0, 0, false);
  const datasets::Dataset shuffled = datasets::make_moons(50, 0.0, 0, true);
  REQUIRE(row_multiset(shuffled) == row_multiset(ordered));
  REQUIRE_FALSE(test::all_close(shuffled.X, ordered.X, 0));
}

TEST_CASE("make_moons with the same seed is identical, with another seed different", "[datasets]") {
  const datasets::Dataset a = datasets::make_moons(200, 0.1, 42);
  const datasets::Dataset b = datasets::make_moons(200, 0.1, 42);
  const datasets::Dataset c = datasets::make_moons(200, 0.1, 43);
  REQUIRE_ALL_CLOSE(a.X, b.X, 0);
  REQUIRE_ALL_CLOSE(a.y, b.y, 0);
  REQUIRE_FALSE(test::all_close(a.X, c.X, 0));
  REQUIRE_FALSE(test::all_close(a.y, c.y, 0));

  // Its own generator: make_moons neither reads nor advances the library generator.
  autograd::manual_seed(5);
  const double expected_next = autograd::uniform01(autograd::generator());
  autograd::manual_seed(5);
  (void)datasets::make_moons(100, 0.2, 1);
  REQUIRE(autograd::uniform01(autograd::generator()) == expected_next);
}

TEST_CASE("make_moons noise is N(0, noise^2) on every coordinate: sample std within 4 SE",
          "[datasets]") {
  const std::size_t n = 20000;
  const double noise = 0.3;
  const datasets::Dataset clean = datasets::make_moons(n, 0.0, 11, false);
  const datasets::Dataset noisy = datasets::make_moons(n, noise, 11, false);
  REQUIRE_ALL_CLOSE(noisy.y, clean.y, 0);
  for (std::size_t column = 0; column < 2; ++column) {
    std::vector<double> residuals(n);
    double mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      residuals[i] = noisy.X(i, column) - clean.X(i, column);
      mean += residuals[i] / static_cast<double>(n);
    }
    const double std_error_of_std = noise / std::sqrt(2.0 * static_cast<double>(n));
    const double std_error_of_mean = noise / std::sqrt(static_cast<double>(n));
    INFO("column " << column << ": sample std " << sample_std(residuals) << ", mean " << mean);
    REQUIRE(std::abs(sample_std(residuals) - noise) <= 4.0 * std_error_of_std);
    REQUIRE(std::abs(mean) <= 4.0 * std_error_of_mean);
  }
}

TEST_CASE("make_moons rejects n_samples = 0 and negative noise, naming the argument",
          "[datasets]") {
  REQUIRE_THROWS_AS(datasets::make_moons(0), std::invalid_argument);
  REQUIRE_THROWS_WITH(datasets::make_moons(0), Catch::Contains("n_samples = 0"));
  REQUIRE_THROWS_AS(datasets::make_moons(10, -0.5), std::invalid_argument);
  REQUIRE_THROWS_WITH(datasets::make_moons(10, -0.5), Catch::Contains("noise = -0.5"));
  REQUIRE_THROWS_WITH(datasets::make_moons(10, std::nan("")), Catch::Contains("noise = nan"));
}
