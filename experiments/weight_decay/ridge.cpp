#include "experiments/weight_decay/ridge.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace weight_decay {

std::vector<double> solve(const autograd::Array& A, const std::vector<double>& b) {
  const std::size_t n = b.size();
  if (A.dimension() != 2 || A.shape()[0] != n || A.shape()[1] != n) {
    throw std::invalid_argument("solve: A must be " + std::to_string(n) + "×" + std::to_string(n) +
                                " to match b");
  }
  autograd::Array rows = autograd::Array::from_shape({n, n + 1});  // [A | b]
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) rows(i, j) = A(i, j);
    rows(i, n) = b[i];
  }
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t pivot = k;
    for (std::size_t i = k + 1; i < n; ++i) {
      if (std::abs(rows(i, k)) > std::abs(rows(pivot, k))) pivot = i;
    }
    if (rows(pivot, k) == 0) throw std::domain_error("solve: the matrix is singular");
    for (std::size_t j = 0; j <= n; ++j) std::swap(rows(k, j), rows(pivot, j));
    for (std::size_t i = k + 1; i < n; ++i) {
      const double factor = rows(i, k) / rows(k, k);
      for (std::size_t j = k; j <= n; ++j) rows(i, j) -= factor * rows(k, j);
    }
  }
  std::vector<double> x(n);
  for (std::size_t i = n; i-- > 0;) {
    double sum = rows(i, n);
    for (std::size_t j = i + 1; j < n; ++j) sum -= rows(i, j) * x[j];
    x[i] = sum / rows(i, i);
  }
  return x;
}

std::vector<double> ridge_solution(const autograd::Array& X, const autograd::Array& y,
                                   double lambda) {
  if (X.dimension() != 2 || y.size() != X.shape()[0]) {
    throw std::invalid_argument("ridge_solution: X must be (n, d) and y (n)");
  }
  if (!(lambda >= 0)) throw std::invalid_argument("ridge_solution: λ must be ≥ 0");
  const std::size_t n = X.shape()[0], d = X.shape()[1];
  autograd::Array normal = autograd::Array::from_shape({d, d});
  std::vector<double> right(d, 0.0);
  for (std::size_t j = 0; j < d; ++j) {
    for (std::size_t k = 0; k < d; ++k) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += X(i, j) * X(i, k);
      normal(j, k) = sum;
    }
    normal(j, j) += static_cast<double>(n) * lambda / 2;  // XᵀX + (nλ/2)·I
    for (std::size_t i = 0; i < n; ++i) right[j] += X(i, j) * y.data()[i];
  }
  return solve(normal, right);
}

std::vector<double> loss_gradient(const autograd::Array& X, const autograd::Array& y,
                                  const std::vector<double>& theta) {
  const std::size_t n = X.shape()[0], d = X.shape()[1];
  std::vector<double> gradient(d, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double residual = -y.data()[i];
    for (std::size_t j = 0; j < d; ++j) residual += X(i, j) * theta[j];
    for (std::size_t j = 0; j < d; ++j) gradient[j] += 2 * X(i, j) * residual / n;
  }
  return gradient;
}

}  // namespace weight_decay
