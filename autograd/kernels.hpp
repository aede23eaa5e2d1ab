// The engine's kernels: every raw loop, BLAS call and bit trick behind the ops, each a named
// function with a one-line contract.
//
// The ops (arithmetic.cpp, pointwise.cpp, linear.cpp, nn/dropout.cpp, nn/losses.cpp, ...) state
// their maths, the value and the backward, and call these by name; here is how each is made
// fast at the engine's sizes, where a batch-1 training step is a few microseconds and
// xtensor's expression machinery costs more than the arithmetic (benchmarks/README.md, "Why
// the kernels look as they do"). Each kernel computes exactly what its contract says, in the
// same order of operations as the plain xtensor expression it replaces, so the two agree bit
// for bit (tests/autograd/test_kernels.cpp checks each against that expression).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"

namespace autograd::kernels {

// ----- stable scalar functions (one formula for scalars and arrays) --------------------------

// σ(x) = 1/(1 + e^−x) for x ≥ 0 and e^x/(1 + e^x) for x < 0: the exponent is never positive,
// so nothing overflows at x = ±800 and σ(−800) is e^−800/(1 + e^−800), not 1/∞.
inline Scalar sigmoid(Scalar x) {
  const Scalar e = std::exp(-std::abs(x));
  return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|): exact in both tails (x = ±1e4).
inline Scalar softplus(Scalar x) {
  return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

Array sigmoid(const Array& x);   // σ(x_i) element by element
Array softplus(const Array& x);  // softplus(x_i) element by element

// ----- element-wise ---------------------------------------------------------------------------

Array relu(const Array& x);  // x_i ≤ 0 ? 0 : x_i (a NaN passes through, as in PyTorch)
// grad_output_i where x_i > 0, else 0 (0 at the kink, as PyTorch); same shapes.
Array relu_backward(const Array& grad_output, const Array& x);
// x_i·mask_i·scale, in that order; same shapes.
Array mask_scale(const Array& x, const Array& mask, Scalar scale);
// target_i += addend_i; same shapes (checked by the caller: `+=` would broadcast silently).
void add_into(Array& target, const Array& addend);
// Σ_i a_i, added in storage order (a left fold, as std::accumulate).
Scalar sum(const Array& a);

// ----- matrices (2-D, row-major; shapes checked by the caller) --------------------------------

void add_bias_rows(Array& y, const Array& bias);  // y_ij += bias_j, y (rows, cols), bias (cols)
Array sum_rows(const Array& a);                   // Σ_i a_ij: (rows, cols) -> (cols)
Array transpose(const Array& a);                  // aᵀ, a copy: (rows, cols) -> (cols, rows)

// Matrix products through BLAS, named by what they compute. The transposed operand is read in
// place (BLAS transposes on the fly), so backward's G·Bᵀ and Aᵀ·G copy nothing. Each picks
// dgemv when one side is a vector and a direct loop for an outer product, dgemm otherwise.
Array matmul(const Array& a, const Array& b);     // a·b:  (m, k)·(k, n) -> (m, n)
Array matmul_nt(const Array& a, const Array& b);  // a·bᵀ: (m, k)·(n, k)ᵀ -> (m, n)
Array matmul_tn(const Array& a, const Array& b);  // aᵀ·b: (k, m)ᵀ·(k, n) -> (m, n)

// ----- random draws ---------------------------------------------------------------------------

// The integer t with u < t exactly when uniform01's u·2^−53 < prob_one, for 53-bit u:
// t = ceil(prob_one·2^53) (both sides times 2^53 are exact).
std::uint64_t bernoulli_threshold(Scalar prob_one);
// out_i = 1 if uniform01(gen) < prob_one else 0, in row-major order: the same draws and the
// same mask as that comparison, one 64-bit draw per element.
void fill_bernoulli(Array& out, Scalar prob_one, Generator& gen);

// ----- optimizer updates (in place; θ, grad and the buffer have one shape) --------------------

// θ_i −= lr·grad_i
void sgd_update(Array& theta, const Array& grad, Scalar lr);
// θ_i −= lr·(grad_i + weight_decay·θ_i)
void sgd_update_weight_decay(Array& theta, const Array& grad, Scalar lr, Scalar weight_decay);
// torch.optim.SGD with momentum, per element: g = grad + wd·θ (wd·θ only when wd ≠ 0);
// buffer = g on the first step, else momentum·buffer + (1 − dampening)·g;
// θ −= lr·(g + momentum·buffer) with nesterov, else θ −= lr·buffer.
struct SgdMomentum {
  Scalar lr, momentum, dampening, weight_decay;
  bool nesterov;
};
void sgd_momentum_update(Array& theta, const Array& grad, Array& buffer, const SgdMomentum& options,
                         bool first_step);
// torch.optim.Adam and AdamW per element, in the order of torch's _single_tensor_adam(w)
// (optim/adam.hpp derives it), with t the parameter's step count:
//   θ_i = θ_i·decay_factor (only when decay_factor ≠ 1: AdamW's 1 − lr·λ)
//   g_i = grad_i + l2·θ_i (only when l2 ≠ 0: Adam's weight decay λ)
//   m_i = β₁·m_i + (1 − β₁)·g_i,  v_i = β₂·v_i + (1 − β₂)·g_i·g_i
//   with v_max: v_max_i = max(v_max_i, v_i) (a NaN in v propagates), and v_max replaces v below
//   θ_i −= step_size·m_i / (√v_i / bias_correction2_sqrt + eps)
// `denom` is scratch for the denominators, grown to θ's size when smaller.
struct AdamUpdate {
  Scalar beta1, beta2, eps;
  Scalar step_size;              // lr / (1 − β₁ᵗ)
  Scalar bias_correction2_sqrt;  // √(1 − β₂ᵗ)
  Scalar l2 = 0;                 // Adam: the λ of g = grad + λθ
  Scalar decay_factor = 1;       // AdamW: the 1 − lr·λ of θ·(1 − lr·λ)
};
void adam_update(Array& theta, const Array& grad, Array& m, Array& v, Array* v_max,
                 std::vector<Scalar>& denom, const AdamUpdate& options);

// ----- binary cross-entropy with logits (nn/losses.cpp) ---------------------------------------
// x the logits, y the targets, pos_weight (may be null) materialised at x's shape; with
// w_i = 1 + (pos_weight_i − 1)·y_i (1 without pos_weight):

// ℓ_i = (1 − y_i)·x_i + w_i·softplus(−x_i)
Array bce_with_logits(const Array& x, const Array& y, const Array* pos_weight);
// g_i·((1 − y_i) − w_i·σ(−x_i)), g_i = grad_output_i·scale, or grad_output_0·scale for every i
// when grad_output has one element (a reduced loss)
Array bce_with_logits_backward_logits(const Array& grad_output, Scalar scale, const Array& x,
                                      const Array& y, const Array* pos_weight);
// g_i·(−x_i + (pos_weight_i − 1)·softplus(−x_i)), g_i as above (pos_weight_i − 1 = 0 without)
Array bce_with_logits_backward_target(const Array& grad_output, Scalar scale, const Array& x,
                                      const Array& y, const Array* pos_weight);

}  // namespace autograd::kernels
