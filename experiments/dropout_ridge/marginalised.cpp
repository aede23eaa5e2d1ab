#include "experiments/dropout_ridge/marginalised.hpp"

#include <cmath>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "autograd/arithmetic.hpp"
#include "autograd/matmul.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"
#include "autograd/shape_ops.hpp"
#include "experiments/common/linalg.hpp"

namespace dropout_ridge {

namespace linalg = experiments::linalg;

namespace {
void check_design(const Array& X, const Array& y, const Array* w) {
  if (X.dimension() != 2 || y.dimension() != 1 || y.shape()[0] != X.shape()[0] ||
      (w != nullptr && (w->dimension() != 1 || w->shape()[0] != X.shape()[1]))) {
    throw std::invalid_argument(
        "dropout_ridge: need X (N, D), y (N) and w (D); got X " +
        autograd::shape_to_string(X.shape()) + ", y " + autograd::shape_to_string(y.shape()) +
        (w ? ", w " + autograd::shape_to_string(w->shape()) : std::string()));
  }
}

void check_retain_prob(Scalar retain_prob) {
  if (!(retain_prob > 0.0 && retain_prob <= 1.0)) {
    throw std::invalid_argument("dropout_ridge: retain_prob must be in (0, 1], got " +
                                std::to_string(retain_prob));
  }
}

Scalar squared_norm(const Array& v) {
  return xt::sum(v * v)();
}
}  // namespace

Array gamma_squared(const Array& X) {
  return xt::sum(X * X, {0});
}

Scalar srivastava_expected_loss(const Array& X, const Array& y, const Array& w,
                                Scalar retain_prob) {
  check_design(X, y, &w);
  check_retain_prob(retain_prob);
  const Scalar p = retain_prob;
  const Array residual = y - p * linalg::dot(X, w);
  return squared_norm(residual) + p * (1 - p) * xt::sum(gamma_squared(X) * w * w)();
}

Scalar inverted_expected_loss(const Array& X, const Array& y, const Array& w, Scalar retain_prob) {
  check_design(X, y, &w);
  check_retain_prob(retain_prob);
  const Scalar p = retain_prob;
  const Array residual = y - linalg::dot(X, w);
  return squared_norm(residual) + (1 - p) / p * xt::sum(gamma_squared(X) * w * w)();
}

Tensor srivastava_marginalised_loss(const Array& X, const Array& y, const Tensor& w,
                                    Scalar retain_prob) {
  check_design(X, y, &w.value());
  check_retain_prob(retain_prob);
  // BEGIN EXERCISE 9.1: ||y - pXw||² + p(1-p)·Σ_j Γ²_j·w_j², as a graph in w (matmul, pow, sum)
  const Scalar p = retain_prob;
  const std::size_t D = X.shape()[1];
  const Tensor design(X);
  const Tensor target(y);
  // ||y − pXw||²: X (N, D) @ w (D, 1) → (N, 1), reshaped to (N).
  const Tensor prediction =
      autograd::reshape(autograd::matmul(design, autograd::reshape(w, {D, 1})), {X.shape()[0]});
  const Tensor fit = autograd::sum(autograd::pow(target - p * prediction, 2.0));
  // p(1−p)·||Γw||² = p(1−p)·Σ_j Γ²_j·w_j²
  const Tensor penalty = autograd::sum(Tensor(gamma_squared(X)) * autograd::pow(w, 2.0));
  return fit + p * (1 - p) * penalty;
  // END EXERCISE 9.1
}

namespace {
// Calls visit(probability, mask, residual) for each of the 2^D masks of row i (bit j of mask:
// input j kept), with residual = y_i − Σ_j kept_j·scale·x_ij·w_j.
template <class Visit>
void for_each_mask(const Array& X, const Array& y, const Array& w, std::size_t i,
                   Scalar retain_prob, Scalar scale, Visit visit) {
  const std::size_t D = X.shape()[1];
  if (D > 20) throw std::invalid_argument("dropout_ridge: 2^D masks, D must be <= 20");
  for (std::size_t mask = 0; mask < (std::size_t{1} << D); ++mask) {
    Scalar probability = 1;
    Scalar residual = y(i);
    for (std::size_t j = 0; j < D; ++j) {
      const bool kept = (mask >> j) & 1;
      probability *= kept ? retain_prob : 1 - retain_prob;
      if (kept) residual -= scale * X(i, j) * w(j);
    }
    visit(probability, mask, residual);
  }
}
}  // namespace

LossMoments enumerate_loss_moments(const Array& X, const Array& y, const Array& w,
                                   Scalar retain_prob, Scalar scale) {
  check_design(X, y, &w);
  check_retain_prob(retain_prob);
  LossMoments moments;
  for (std::size_t i = 0; i < X.shape()[0]; ++i) {
    // E[e²] and E[e⁴] of the row's residual e.
    Scalar second = 0;
    Scalar fourth = 0;
    for_each_mask(X, y, w, i, retain_prob, scale, [&](Scalar probability, std::size_t, Scalar e) {
      const Scalar squared = e * e;
      second += probability * squared;
      fourth += probability * squared * squared;
    });
    moments.mean += second;
    moments.variance += fourth - second * second;  // Var[e²] = E[e⁴] − E[e²]²
  }
  return moments;
}

Array enumerate_expected_gradient(const Array& X, const Array& y, const Array& w,
                                  Scalar retain_prob) {
  check_design(X, y, &w);
  check_retain_prob(retain_prob);
  const std::size_t D = X.shape()[1];
  Array gradient = xt::zeros<Scalar>({D});
  for (std::size_t i = 0; i < X.shape()[0]; ++i) {
    for_each_mask(X, y, w, i, retain_prob, 1, [&](Scalar probability, std::size_t mask, Scalar e) {
      for (std::size_t j = 0; j < D; ++j) {
        if ((mask >> j) & 1) gradient(j) += probability * -2.0 * e * X(i, j);
      }
    });
  }
  return gradient;
}

Array srivastava_minimiser(const Array& X, const Array& y, Scalar retain_prob) {
  check_design(X, y, nullptr);
  check_retain_prob(retain_prob);
  // BEGIN EXERCISE 9.2: solve (p·XᵀX + (1-p)·diag(Γ²)) w = Xᵀy with linalg::solve
  const Scalar p = retain_prob;
  const Array gram = linalg::gram(X);
  const Array system = p * gram + (1 - p) * xt::diag(gamma_squared(X));
  return linalg::solve(system, linalg::transpose_dot(X, y));
  // END EXERCISE 9.2
}

Array ridge_solution(const Array& X, const Array& y, const Array& penalties) {
  check_design(X, y, &penalties);
  const Array gram = linalg::gram(X);
  return linalg::solve(gram + xt::diag(penalties), linalg::transpose_dot(X, y));
}

Scalar largest_eigenvalue(const Array& symmetric) {
  const Array eigenvalues = linalg::eigvalsh(symmetric);
  return xt::amax(eigenvalues)();
}

}  // namespace dropout_ridge
