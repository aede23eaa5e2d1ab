#include "experiments/weight_decay/ridge.hpp"

#include <stdexcept>

#include <xtensor/xbuilder.hpp>

#include "experiments/dropout_ridge/marginalised.hpp"

namespace weight_decay {

std::vector<double> ridge_solution(const autograd::Array& X, const autograd::Array& y,
                                   double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("ridge_solution: λ must be ≥ 0");
  if (X.dimension() != 2) throw std::invalid_argument("ridge_solution: X must be (n, d)");
  const double n = static_cast<double>(X.shape()[0]);
  autograd::Array penalties = xt::zeros<double>({X.shape()[1]});
  penalties.fill(n * lambda / 2);  // (λ/2)‖θ‖² against a loss (1/n)‖Xθ − y‖²
  const autograd::Array theta = dropout_ridge::ridge_solution(X, y, penalties);
  return {theta.begin(), theta.end()};
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
