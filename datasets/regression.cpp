#include "datasets/regression.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

Dataset make_gaussian_regression(std::size_t n, const std::vector<double>& column_scales,
                                 const std::vector<double>& true_weights, double noise,
                                 std::uint64_t seed) {
  const std::size_t d = column_scales.size();
  if (n == 0) {
    throw std::invalid_argument("make_gaussian_regression: n must be positive, got n = 0");
  }
  if (d == 0) {
    throw std::invalid_argument(
        "make_gaussian_regression: column_scales is empty, need one scale per feature");
  }
  if (true_weights.size() != d) {
    throw std::invalid_argument("make_gaussian_regression: column_scales has " + std::to_string(d) +
                                " entries but true_weights has " +
                                std::to_string(true_weights.size()) + "; they must match");
  }
  if (!(noise >= 0.0)) {
    throw std::invalid_argument("make_gaussian_regression: noise must be >= 0, got noise = " +
                                detail::format_value(noise));
  }

  autograd::Generator gen(seed);
  Dataset data;
  data.X = autograd::Array::from_shape({n, d});
  data.y = autograd::Array::from_shape({n});
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) {
      data.X(i, j) = column_scales[j] * autograd::standard_normal(gen);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    double signal = 0.0;
    for (std::size_t j = 0; j < d; ++j) signal += data.X(i, j) * true_weights[j];
    data.y(i) = signal + noise * autograd::standard_normal(gen);
  }
  return data;
}

Dataset design_A() {
  constexpr std::size_t n = 10;
  constexpr std::size_t d = 4;
  Dataset data;
  data.X = autograd::Array::from_shape({n, d});
  data.y = autograd::Array::from_shape({n});
  for (std::size_t i = 0; i < n; ++i) {
    const double row = static_cast<double>(i + 1);
    for (std::size_t j = 0; j < d; ++j) {
      const double column = static_cast<double>(j + 1);
      data.X(i, j) = std::sin(0.7 * row * column + 0.3 * column);
    }
    data.y(i) = std::cos(0.5 * row);
  }
  return data;
}

Dataset design_C() {
  constexpr std::size_t n = 20;
  constexpr std::size_t d = 6;
  Dataset data;
  data.X = autograd::Array::from_shape({n, d});
  data.y = autograd::Array::from_shape({n});
  for (std::size_t i = 0; i < n; ++i) {
    const double row = static_cast<double>(i + 1);
    for (std::size_t j = 0; j < d; ++j) {
      data.X(i, j) =
          std::sin(0.37 * row * static_cast<double>(j + 1) + 0.5 * static_cast<double>(j));
    }
    data.y(i) = 0.0;  // no target: design_C is an X only
  }
  return data;
}

}  // namespace datasets
