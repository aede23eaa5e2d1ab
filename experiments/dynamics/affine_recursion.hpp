// Exact first and second moments of a random affine recursion
//
//   w_{k+1} = w_k − lr·(G_s·w_k − b_s),   s drawn i.i.d. from finitely many outcomes (prob π_s).
//
// Every training scheme of this experiment is of this form, because the loss is quadratic in w
// once the sample and the mask are fixed:
//  * per-sample dropout SGD:  s = (row i, mask r), x̃ = r∗x_i·scale, G_s = 2x̃x̃ᵀ + wd·I,
//    b_s = 2·y_i·x̃  (the gradient of (y_i − x̃·w)² + (wd/2)·||w||²);
//  * Clara et al.'s full-batch dropout GD: s = the mask D, G_s = D·XᵀX·D, b_s = D·Xᵀy.
//
// Taking expectations (s is independent of w_k): E[w_{k+1}] = (I − lr·H)·E[w_k] + lr·E[b] with
// H = E[G_s]. So the mean converges to the fixed point w̄ = H⁻¹E[b] whenever the spectral radius
// of I − lr·H is below one, and w̄ is the minimiser of the *expected* (marginalised) objective.
//
// The error e = w − w̄ obeys e_{k+1} = B_s·e_k + lr·ζ_s with B_s = I − lr·G_s and
// ζ_s = b_s − G_s·w̄ (mean zero by the definition of w̄). Once the mean error is zero the cross
// terms vanish (E[B_s·e_k·ζ_sᵀ] = E[B_s·E[e_k]·ζ_sᵀ] = 0, e_k being independent of s), and the
// covariance M_k = E[e_k·e_kᵀ] follows the linear map
//
//   M_{k+1} = Σ_s π_s·B_s·M_k·B_sᵀ + lr²·Σ_s π_s·ζ_s·ζ_sᵀ.
//
// Its fixed point, the stationary covariance, solves a linear system in the D² entries of M:
// with row-major vec, vec(B·M·Bᵀ) = (B⊗B)·vec(M), so (I − Σ_s π_s·B_s⊗B_s)·vec(M) =
// lr²·vec(Σ_s π_s·ζ_s·ζ_sᵀ). It exists when the spectral radius of T = Σ_s π_s·B_s⊗B_s (the
// rate at which second moments forget the start) is below one.
#pragma once

#include <cstddef>
#include <vector>

#include "autograd/tensor.hpp"

namespace dynamics {

using autograd::Array;
using autograd::Scalar;

struct Outcome {
  Scalar prob = 0;
  Array G;  // (D, D)
  Array b;  // (D)
};

struct AffineRecursion {
  std::size_t dim = 0;
  std::vector<Outcome> outcomes;  // probabilities sum to one

  Array mean_G() const;       // H = Σ_s π_s·G_s
  Array mean_b() const;       // Σ_s π_s·b_s
  Array fixed_point() const;  // w̄ = H⁻¹·E[b]
};

// The stationary covariance M of w_k − w̄ (see above), for step size lr. Throws
// std::domain_error when the second moments do not converge (rate ≥ 1).
Array stationary_covariance(const AffineRecursion& recursion, Scalar lr);

// The long-run covariance of the iterates, Σ∞ = Σ_{h∈ℤ} Cov(e_{k+h}, e_k) in stationarity:
// Cov(e_{k+h}, e_k) = C^h·M for h ≥ 0 with C = I − lr·H (the conditional mean of e_{k+h} given
// e_k is C^h·e_k), so Σ∞ = M + F·M + M·Fᵀ with F = Σ_{h≥1} C^h = C·(lr·H)⁻¹. The Polyak–Ruppert
// average ē_K = (1/K)·Σ_k e_k then has K·E[ē_K·ē_Kᵀ] → Σ∞: its error shrinks like 1/√K.
Array long_run_covariance(const AffineRecursion& recursion, Scalar lr, const Array& stationary);

// tr M, the sum of the diagonal (of a covariance: the expected squared norm).
Scalar trace(const Array& matrix);

// Spectral radius of I − lr·H: the geometric rate of the mean.
Scalar mean_rate(const AffineRecursion& recursion, Scalar lr);
// Spectral radius of T = Σ_s π_s·B_s⊗B_s: the geometric rate of the second moments.
Scalar second_moment_rate(const AffineRecursion& recursion, Scalar lr);

// All 2^D masks of D inputs, each with its probability under independent Bernoulli(prob_one)
// entries; bit j of `bits` is entry j.
struct Mask {
  std::size_t bits = 0;
  Scalar prob = 0;
  bool kept(std::size_t j) const { return (bits >> j) & 1U; }
};
std::vector<Mask> all_masks(std::size_t dim, Scalar prob_one);

}  // namespace dynamics
