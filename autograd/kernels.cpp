// The loops here read and write through raw pointers, not xtensor expressions: at the engine's
// sizes (64 elements) an expression's set-up costs several times its arithmetic. `__restrict`
// where the output is a fresh buffer, so the compiler vectorises without alias checks.
// Measurements: benchmarks/README.md, "Why the kernels look as they do".
#include "autograd/kernels.hpp"

#include <cblas.h>  // OpenBLAS's CBLAS, the library behind xtensor-blas

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace autograd::kernels {

namespace {
// out_i = f(x_i), in a fresh array of x's shape.
template <class F>
Array map_elements(const Array& x, F f) {
  Array result = Array::from_shape(x.shape());
  const Scalar* __restrict in = x.data();
  Scalar* __restrict out = result.data();
  for (std::size_t i = 0; i < result.size(); ++i) out[i] = f(in[i]);
  return result;
}
}  // namespace

Array sigmoid(const Array& x) {
  return map_elements(x, [](Scalar v) { return sigmoid(v); });
}

Array softplus(const Array& x) {
  return map_elements(x, [](Scalar v) { return softplus(v); });
}

Array relu(const Array& x) {
  // "v <= 0 ? 0 : v" rather than max(v, 0), so that a NaN passes through.
  return map_elements(x, [](Scalar v) { return v <= 0 ? 0.0 : v; });
}

Array relu_backward(const Array& grad_output, const Array& x) {
  Array result = Array::from_shape(grad_output.shape());
  const Scalar* __restrict in = x.data();
  const Scalar* __restrict grad = grad_output.data();
  Scalar* __restrict out = result.data();
  for (std::size_t i = 0; i < result.size(); ++i) out[i] = in[i] > 0 ? grad[i] : 0.0;
  return result;
}

Array mask_scale(const Array& x, const Array& mask, Scalar scale) {
  Array result = Array::from_shape(x.shape());
  const Scalar* __restrict in = x.data();
  const Scalar* __restrict m = mask.data();
  Scalar* __restrict out = result.data();
  for (std::size_t i = 0; i < result.size(); ++i) out[i] = in[i] * m[i] * scale;
  return result;
}

void add_into(Array& target, const Array& addend) {
  Scalar* out = target.data();
  const Scalar* add = addend.data();
  for (std::size_t i = 0; i < addend.size(); ++i) out[i] += add[i];
}

Scalar sum(const Array& a) {
  const Scalar* in = a.data();
  Scalar total = 0;
  for (std::size_t i = 0; i < a.size(); ++i) total += in[i];
  return total;
}

void add_bias_rows(Array& y, const Array& bias) {
  const std::size_t rows = y.shape()[0];
  const std::size_t cols = y.shape()[1];
  const Scalar* __restrict b = bias.data();
  Scalar* __restrict out = y.data();
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) out[i * cols + j] += b[j];
  }
}

Array sum_rows(const Array& a) {
  const std::size_t rows = a.shape()[0];
  const std::size_t cols = a.shape()[1];
  Array total = xt::zeros<Scalar>({cols});
  const Scalar* __restrict in = a.data();
  Scalar* __restrict sums = total.data();
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) sums[j] += in[i * cols + j];
  }
  return total;
}

Array transpose(const Array& a) {
  const std::size_t rows = a.shape()[0];
  const std::size_t cols = a.shape()[1];
  Array result = Array::from_shape({cols, rows});
  const Scalar* __restrict in = a.data();
  Scalar* __restrict out = result.data();
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) out[j * rows + i] = in[i * cols + j];
  }
  return result;
}

namespace {

using blas_int = blasint;  // OpenBLAS's CBLAS index type

// op(A)·op(B) into a new array, op = transpose when asked.
Array product(const Array& a, bool transpose_a, const Array& b, bool transpose_b) {
  const std::size_t m = transpose_a ? a.shape()[1] : a.shape()[0];  // op(A): (m, k)
  const std::size_t k = transpose_a ? a.shape()[0] : a.shape()[1];
  const std::size_t n = transpose_b ? b.shape()[0] : b.shape()[1];  // op(B): (k, n)
  if (m == 0 || n == 0 || k == 0) return xt::zeros<Scalar>({m, n});
  Array c = Array::from_shape({m, n});  // every path below writes every element
  const auto lda = static_cast<blas_int>(a.shape()[1]);
  const auto ldb = static_cast<blas_int>(b.shape()[1]);
  const auto b_rows = static_cast<blas_int>(b.shape()[0]);
  const auto a_rows = static_cast<blas_int>(a.shape()[0]);
  // dgemm packs both operands into blocks before multiplying, which dominates for the
  // vector-shaped products of batch-1 training: a vector operand (one row or one column) is
  // contiguous either way (stride 1), and dgemv multiplies it without packing.
  if (m == 1) {  // a row times op(B): cᵀ = op(B)ᵀ·a
    cblas_dgemv(CblasRowMajor, transpose_b ? CblasNoTrans : CblasTrans, b_rows, ldb, 1.0, b.data(),
                ldb, a.data(), 1, 0.0, c.data(), 1);
  } else if (n == 1) {  // op(A) times a column: c = op(A)·b
    cblas_dgemv(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans, a_rows, lda, 1.0, a.data(),
                lda, b.data(), 1, 0.0, c.data(), 1);
  } else if (k == 1) {  // a column times a row: the outer product c_ij = a_i·b_j
    // (dger would need c zeroed first and adds row by row; one pass writes it directly)
    const Scalar* __restrict column = a.data();
    const Scalar* __restrict row = b.data();
    Scalar* __restrict out = c.data();
    for (std::size_t i = 0; i < m; ++i) {
      const Scalar column_i = column[i];
      Scalar* __restrict out_row = out + i * n;
      for (std::size_t j = 0; j < n; ++j) out_row[j] = column_i * row[j];
    }
  } else {
    cblas_dgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
                transpose_b ? CblasTrans : CblasNoTrans, static_cast<blas_int>(m),
                static_cast<blas_int>(n), static_cast<blas_int>(k), 1.0, a.data(), lda, b.data(),
                ldb, 0.0, c.data(), static_cast<blas_int>(n));
  }
  return c;
}

}  // namespace

Array matmul(const Array& a, const Array& b) {
  return product(a, false, b, false);
}
Array matmul_nt(const Array& a, const Array& b) {
  return product(a, false, b, true);
}
Array matmul_tn(const Array& a, const Array& b) {
  return product(a, true, b, false);
}

std::uint64_t bernoulli_threshold(Scalar prob_one) {
  // uniform01 returns u·2^−53 for the integer u = gen() >> 11; u·2^−53 < p ⇔ u < p·2^53, and
  // for an integer u that is u < ceil(p·2^53).
  return static_cast<std::uint64_t>(std::ceil(prob_one * 0x1.0p53));
}

void fill_bernoulli(Array& out, Scalar prob_one, Generator& gen) {
  const std::uint64_t threshold = bernoulli_threshold(prob_one);
  Scalar* values = out.data();
  // u < threshold as arithmetic, not as a branch (GCC turns `u < threshold ? 1 : 0` into one,
  // and at p = 0.5 a branch is mispredicted on half the draws). Both numbers are below 2^54,
  // so u − threshold wraps around, setting bit 63, exactly when u < threshold.
  for (std::size_t i = 0; i < out.size(); ++i) {
    values[i] = static_cast<Scalar>(((gen() >> 11) - threshold) >> 63);
  }
}

// The SGD loops take the options as local values, so the compiler can keep them in registers
// and vectorise (a loop re-reading an object's members cannot assume they stay unchanged).
void sgd_update(Array& theta, const Array& grad, Scalar lr) {
  Scalar* param = theta.data();
  const Scalar* g = grad.data();
  for (std::size_t k = 0; k < grad.size(); ++k) param[k] -= lr * g[k];
}

void sgd_update_weight_decay(Array& theta, const Array& grad, Scalar lr, Scalar weight_decay) {
  Scalar* param = theta.data();
  const Scalar* g = grad.data();
  for (std::size_t k = 0; k < grad.size(); ++k) param[k] -= lr * (g[k] + weight_decay * param[k]);
}

void sgd_momentum_update(Array& theta, const Array& grad, Array& buffer, const SgdMomentum& options,
                         bool first_step) {
  const Scalar lr = options.lr, momentum = options.momentum, dampening = options.dampening;
  const Scalar weight_decay = options.weight_decay;
  const bool nesterov = options.nesterov;
  Scalar* param = theta.data();
  const Scalar* gradient = grad.data();
  Scalar* buf = buffer.data();
  for (std::size_t k = 0; k < grad.size(); ++k) {
    const Scalar g = weight_decay != 0 ? gradient[k] + weight_decay * param[k] : gradient[k];
    buf[k] = first_step ? g : momentum * buf[k] + (1.0 - dampening) * g;
    param[k] -= lr * (nesterov ? g + momentum * buf[k] : buf[k]);
  }
}

namespace {
// x_k = √x_k for k < n: std::sqrt, 4 (AVX) or 2 (SSE2) values at a time. GCC does not
// vectorise a loop over std::sqrt unless errno is off for the whole file (-fno-math-errno; the
// optimize attribute does not reach the builtin), and the square root is the bulk of an Adam
// step (benchmarks/README.md, "Why the kernels look as they do"). IEEE square roots are
// correctly rounded, so the bits are std::sqrt's.
void sqrt_in_place(Scalar* x, std::size_t n) {
  std::size_t k = 0;
#if defined(__AVX__)
  for (; k + 4 <= n; k += 4) _mm256_storeu_pd(x + k, _mm256_sqrt_pd(_mm256_loadu_pd(x + k)));
#elif defined(__SSE2__)
  for (; k + 2 <= n; k += 2) _mm_storeu_pd(x + k, _mm_sqrt_pd(_mm_loadu_pd(x + k)));
#endif
  for (; k < n; ++k) x[k] = std::sqrt(x[k]);
}
}  // namespace

void adam_update(Array& theta, const Array& grad, Array& m, Array& v, Array* v_max,
                 std::vector<Scalar>& denom, const AdamUpdate& options) {
  // Local copies and flags, so that the compiler sees them constant through the loops (and
  // makes a vectorised copy of the first loop for each combination of the flags).
  const Scalar beta1 = options.beta1, beta2 = options.beta2, eps = options.eps;
  const Scalar l2 = options.l2, decay_factor = options.decay_factor;
  const Scalar step_size = options.step_size, bias_correction2_sqrt = options.bias_correction2_sqrt;
  const bool decoupled = decay_factor != 1, l2_in_gradient = l2 != 0, amsgrad = v_max != nullptr;
  const std::size_t n = theta.size();
  if (denom.size() < n) denom.resize(n);
  Scalar* param = theta.data();
  const Scalar* gradient = grad.data();
  Scalar* m_data = m.data();
  Scalar* v_data = v.data();
  Scalar* v_max_data = amsgrad ? v_max->data() : nullptr;
  Scalar* d = denom.data();
  // Each line one torch call, element by element; the square root in a pass of its own so that
  // all three passes run vectorised.
  for (std::size_t k = 0; k < n; ++k) {
    if (decoupled) param[k] *= decay_factor;  // param.mul_(1 - lr * weight_decay)
    const Scalar g = l2_in_gradient ? gradient[k] + l2 * param[k] : gradient[k];  // grad.add(…)
    m_data[k] = m_data[k] * beta1 + (1 - beta1) * g;  // exp_avg.mul_(beta1).add_(grad, 1-beta1)
    // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2): value·g first, then ·g
    v_data[k] = v_data[k] * beta2 + (1 - beta2) * g * g;
    if (amsgrad) {
      // torch.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
      v_max_data[k] = v_data[k] <= v_max_data[k] ? v_max_data[k] : v_data[k];
    }
    d[k] = amsgrad ? v_max_data[k] : v_data[k];
  }
  sqrt_in_place(d, n);  // .sqrt()
  for (std::size_t k = 0; k < n; ++k) {
    d[k] = d[k] / bias_correction2_sqrt + eps;  // (… / bias_correction2_sqrt).add_(eps)
    param[k] += -step_size * m_data[k] / d[k];  // param.addcdiv_(exp_avg, denom, -step_size)
  }
}

Array bce_with_logits(const Array& x, const Array& y, const Array* pos_weight) {
  Array loss = Array::from_shape(x.shape());
  const Scalar* logit = x.data();
  const Scalar* target = y.data();
  const Scalar* pw = pos_weight != nullptr ? pos_weight->data() : nullptr;
  Scalar* out = loss.data();
  for (std::size_t i = 0; i < loss.size(); ++i) {
    const Scalar w = pw != nullptr ? 1.0 + (pw[i] - 1.0) * target[i] : 1.0;
    out[i] = (1.0 - target[i]) * logit[i] + w * softplus(-logit[i]);
  }
  return loss;
}

Array bce_with_logits_backward_logits(const Array& grad_output, Scalar scale, const Array& x,
                                      const Array& y, const Array* pos_weight) {
  Array grad = Array::from_shape(x.shape());
  const Scalar* logit = x.data();
  const Scalar* target = y.data();
  const Scalar* pw = pos_weight != nullptr ? pos_weight->data() : nullptr;
  const Scalar* upstream = grad_output.data();
  const bool reduced = grad_output.size() == 1;
  Scalar* out = grad.data();
  for (std::size_t i = 0; i < grad.size(); ++i) {
    const Scalar g = upstream[reduced ? 0 : i] * scale;
    const Scalar w = pw != nullptr ? 1.0 + (pw[i] - 1.0) * target[i] : 1.0;
    out[i] = g * ((1.0 - target[i]) - w * sigmoid(-logit[i]));
  }
  return grad;
}

Array bce_with_logits_backward_target(const Array& grad_output, Scalar scale, const Array& x,
                                      const Array& y, const Array* pos_weight) {
  Array grad = Array::from_shape(y.shape());
  const Scalar* logit = x.data();
  const Scalar* pw = pos_weight != nullptr ? pos_weight->data() : nullptr;
  const Scalar* upstream = grad_output.data();
  const bool reduced = grad_output.size() == 1;
  Scalar* out = grad.data();
  for (std::size_t i = 0; i < grad.size(); ++i) {
    const Scalar g = upstream[reduced ? 0 : i] * scale;
    const Scalar pw_minus_1 = pw != nullptr ? pw[i] - 1.0 : 0.0;
    out[i] = g * (-logit[i] + pw_minus_1 * softplus(-logit[i]));
  }
  return grad;
}

}  // namespace autograd::kernels
