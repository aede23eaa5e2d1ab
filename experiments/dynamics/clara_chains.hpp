// Full-batch gradient descent with one dropout mask per step, the iterative dropout scheme of
// Clara, Langer & Schmidt-Hieber (2023, "Dropout regularization versus ℓ2-penalization in the
// linear model"):
//
//   β_{k+1} = β_k + α·D_k·Xᵀ(y − X·D_k·β_k),   D_k = diag(m), m_j ~ Bernoulli(p) i.i.d.
//
// Mean dynamics. With E[D] = p·I and E[D·XᵀX·D]_jl = (XᵀX)_jl·E[m_j·m_l]
// = p²·(XᵀX)_jl + p(1−p)·(XᵀX)_jj·[j = l], i.e. E[D·XᵀX·D] = p²·XᵀX + p(1−p)·diag(XᵀX),
// E[β_{k+1}] = E[β_k] + α·(p·Xᵀy − (p²·XᵀX + p(1−p)·diag(XᵀX))·E[β_k]). Its fixed point β̃
// solves (p·XᵀX + (1−p)·diag(XᵀX))·β̃ = Xᵀy: the minimiser of the marginalised dropout loss
// with retain probability p (experiments/theorem, dropout_ridge::srivastava_minimiser).
//
// Fluctuations. e_k = β_k − β̃ obeys e_{k+1} = (I − α·A_D)·e_k + α·ξ_D with A_D = D·XᵀX·D and
// ξ_D = D·Xᵀ(y − X·D·β̃) (mean zero), a random affine recursion (affine_recursion.hpp) whose
// stationary covariance is not zero: the iterates never settle.
//
// The simplified scheme without the mask in the residual,
//
//   β_{k+1} = β_k + α·D_k·Xᵀ(y − X·β_k),
//
// has error recursion e_{k+1} = (I − α·D_k·XᵀX)·e_k + α·D_k·Xᵀ(y − X·β_ols) around the ordinary
// least-squares fit, and the last term is zero by the normal equations Xᵀ(y − X·β_ols) = 0:
// no noise is injected at β_ols, so every chain converges to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "experiments/dynamics/affine_recursion.hpp"

namespace dynamics {

enum class ClaraScheme {
  masked_residual,  // β ← β + α·D·Xᵀ(y − X·D·β)   (Clara et al.)
  plain_residual    // β ← β + α·D·Xᵀ(y − X·β)     (the simplified variant)
};

// Either scheme as an affine recursion over the 2^D masks, with lr = α: b_D = D·Xᵀy and
// G_D = D·XᵀX·D (masked residual) or D·XᵀX (plain residual; not symmetric).
AffineRecursion clara_recursion(const Array& X, const Array& y, Scalar retain_prob,
                                ClaraScheme scheme);

struct ClaraChains {
  Array final_states;  // (chains, D): β after `steps` steps
  Array state_sums;    // (checkpoints, D): Σ over chains of β_k at each checkpoint k
};

// `chains` independent chains from β = 0, one after the other from one generator seeded with
// `seed`; each step draws its mask as autograd::bernoulli_mask does (one uniform per input).
ClaraChains run_clara_chains(const Array& X, const Array& y, Scalar retain_prob, Scalar alpha,
                             ClaraScheme scheme, std::size_t chains, std::size_t steps,
                             const std::vector<std::size_t>& checkpoints, std::uint64_t seed);

}  // namespace dynamics
