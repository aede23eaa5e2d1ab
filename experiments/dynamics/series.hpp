// Small helpers for curves: logarithmic step grids, log-log slopes, arrays as JSON vectors.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "autograd/tensor.hpp"

namespace dynamics {

// round(first·10^(m/per_decade)) for m = 0, 1, … while ≤ last, then `last` itself if it is not
// on the grid: step counts at which a run is observed.
inline std::vector<std::size_t> log_grid(std::size_t first, std::size_t last,
                                         std::size_t per_decade) {
  if (first == 0 || last < first || per_decade == 0) {
    throw std::invalid_argument("log_grid: need 0 < first <= last and per_decade > 0");
  }
  std::vector<std::size_t> grid;
  for (std::size_t m = 0;; ++m) {
    const double value = std::round(static_cast<double>(first) *
                                    std::pow(10.0, static_cast<double>(m) / per_decade));
    if (value > static_cast<double>(last)) break;
    const auto step = static_cast<std::size_t>(value);
    if (grid.empty() || step > grid.back()) grid.push_back(step);
  }
  if (grid.back() != last) grid.push_back(last);
  return grid;
}

// Least-squares line through (log x, log y): its slope and the slope's standard error from the
// residuals (points on one run's curve are correlated, so the SE is indicative only).
struct SlopeFit {
  double slope = 0;
  double slope_se = 0;
  std::size_t points = 0;
};
inline SlopeFit loglog_slope(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 3) {
    throw std::invalid_argument("loglog_slope: need at least 3 points of x and y");
  }
  const double n = static_cast<double>(x.size());
  double mean_u = 0, mean_v = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mean_u += std::log(x[i]) / n;
    mean_v += std::log(y[i]) / n;
  }
  double suu = 0, suv = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double du = std::log(x[i]) - mean_u;
    suu += du * du;
    suv += du * (std::log(y[i]) - mean_v);
  }
  SlopeFit fit;
  fit.slope = suv / suu;
  fit.points = x.size();
  double residual_sq = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = std::log(y[i]) - mean_v - fit.slope * (std::log(x[i]) - mean_u);
    residual_sq += r * r;
  }
  fit.slope_se = std::sqrt(residual_sq / (n - 2) / suu);
  return fit;
}

inline std::vector<double> to_vector(const autograd::Array& a) {
  return {a.begin(), a.end()};
}

}  // namespace dynamics
