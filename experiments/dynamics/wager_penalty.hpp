// The dropout penalty of a generalised linear model (Wager, Wang & Liang, 2013, "Dropout
// training as adaptive regularization", NeurIPS), for dropout on the inputs.
//
// Inputs are dropped with probability δ (drop_prob) and survivors rescaled, x̃_ij =
// x_ij·r_ij/(1 − δ) with r_ij ~ Bernoulli(1 − δ), so E[x̃_i] = x_i. For a GLM with log-partition
// A the negative log-likelihood of a row is A(x̃_i·β) − y_i·x̃_i·β; the linear term has the same
// expectation with and without noise, so the noise adds, in expectation, exactly
//
//   R(β) = Σ_i ( E[A(x̃_i·β)] − A(x_i·β) )                                   (exact penalty)
//
// whatever the labels. A second-order Taylor expansion of A around x_i·β, with
// Var(x̃_i·β) = Σ_j x_ij²·β_j²·Var(r/(1−δ)) = (δ/(1−δ))·Σ_j x_ij²·β_j², gives
//
//   R_q(β) = ½·(δ/(1−δ))·Σ_i A''(x_i·β)·Σ_j x_ij²·β_j²                       (quadratic)
//
// with A(t) = log(1 + eᵗ) and A'' = σ(1 − σ) for logistic regression. For β = s·β₀ and small s
// the next terms are A'''(t)·E[Δ³]/6 = O(s)·O(s³) (A''' is odd, and t = O(s)) and
// A''''·E[Δ⁴]/24 = O(s⁴), against a leading O(s²): the relative error shrinks like s².
#pragma once

#include <functional>

#include "autograd/tensor.hpp"

namespace dynamics {

using autograd::Array;
using autograd::Scalar;

// log(1 + eᵗ), stable in both tails (autograd::softplus_values).
Scalar logistic_log_partition(Scalar t);
// σ(t)·(1 − σ(t)), the second derivative of logistic_log_partition.
Scalar logistic_curvature(Scalar t);

// R(β), enumerating all 2^d masks of each row (d ≤ 20), for any convex A.
Scalar exact_dropout_penalty(const Array& X, const Array& beta, Scalar drop_prob,
                             const std::function<Scalar(Scalar)>& log_partition);
// R_q(β), with A'' given.
Scalar quadratic_dropout_penalty(const Array& X, const Array& beta, Scalar drop_prob,
                                 const std::function<Scalar(Scalar)>& curvature);

}  // namespace dynamics
