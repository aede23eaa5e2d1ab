// Dropout on the inputs of linear regression, marginalised (Srivastava et al., 2014, JMLR,
// §9.1). With R_ij ~ Bernoulli(p) (p = retain_prob) and Γ = diag(XᵀX)^½,
//
//   E_R ||y − (R∗X)w||² = ||y − pXw||² + p(1−p)·||Γw||²                         (theorem)
//
// and with PyTorch's inverted dropout (drop_prob q = 1 − p, survivors scaled by 1/p),
//
//   E_R ||y − (R∗X/p)w||² = ||y − Xw||² + ((1−p)/p)·||Γw||².
//
// Both follow from E[R_ij] = p and Var[R_ij] = p(1−p): the cross-entry terms vanish and each
// entry contributes its variance times x_ij²·w_j², which summed over i is (XᵀX)_jj·w_j².
#pragma once

#include "autograd/tensor.hpp"

namespace dropout_ridge {

using autograd::Array;
using autograd::Scalar;
using autograd::Tensor;

// Γ² = diag(XᵀX) as a vector: the sum of squares of each column.
Array gamma_squared(const Array& X);

// The closed forms above, in plain arithmetic (X: (N, D), y: (N), w: (D)).
Scalar srivastava_expected_loss(const Array& X, const Array& y, const Array& w, Scalar retain_prob);
Scalar inverted_expected_loss(const Array& X, const Array& y, const Array& w, Scalar retain_prob);

// The theorem's right-hand side as an autograd graph in w, so backward() gives its gradient
//   ∇ = −2p·Xᵀ(y − pXw) + 2p(1−p)·Γ²∗w.
Tensor srivastava_marginalised_loss(const Array& X, const Array& y, const Tensor& w,
                                    Scalar retain_prob);

// Exact moments of the dropout loss L(R) = ||y − (R∗X·scale)w||², by enumerating all 2^D
// masks of each row (rows are independent, so means and variances add over rows).
// scale = 1 for the theorem's convention, 1/retain_prob for inverted dropout.
struct LossMoments {
  Scalar mean = 0;
  Scalar variance = 0;
};
LossMoments enumerate_loss_moments(const Array& X, const Array& y, const Array& w,
                                   Scalar retain_prob, Scalar scale);

// E_R[∇_w L(R)] in the theorem's convention, by the same enumeration:
//   ∇_w L(R) = −2·Σ_i (y_i − Σ_j R_ij x_ij w_j)·(R_i∗x_i).
Array enumerate_expected_gradient(const Array& X, const Array& y, const Array& w,
                                  Scalar retain_prob);

// The minimiser of the marginalised loss: w* = (p·XᵀX + (1−p)·Γ²)⁻¹·Xᵀy (LAPACK gesv).
Array srivastava_minimiser(const Array& X, const Array& y, Scalar retain_prob);

// Ridge regression with a penalty per feature: argmin ||y − Xv||² + Σ_j λ_j v_j²
//   = (XᵀX + diag(λ))⁻¹·Xᵀy. The deployed predictor p·w* is this with λ_j = ((1−p)/p)·Γ²_j.
Array ridge_solution(const Array& X, const Array& y, const Array& penalties);

// The largest eigenvalue of a symmetric matrix (LAPACK syevd).
Scalar largest_eigenvalue(const Array& symmetric);

}  // namespace dropout_ridge
