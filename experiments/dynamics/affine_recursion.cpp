#include "experiments/dynamics/affine_recursion.hpp"

#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

#include "experiments/common/linalg.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

namespace {
void check(const AffineRecursion& recursion) {
  if (recursion.dim == 0 || recursion.outcomes.empty()) {
    throw std::invalid_argument("AffineRecursion: needs a dimension and at least one outcome");
  }
  Scalar total = 0;
  for (const Outcome& outcome : recursion.outcomes) {
    if (outcome.G.shape() != std::vector<std::size_t>{recursion.dim, recursion.dim} ||
        outcome.b.shape() != std::vector<std::size_t>{recursion.dim}) {
      throw std::invalid_argument("AffineRecursion: every G must be (D, D) and b (D), D = " +
                                  std::to_string(recursion.dim));
    }
    total += outcome.prob;
  }
  if (std::abs(total - 1) > 1e-12) {
    throw std::invalid_argument("AffineRecursion: probabilities sum to " + std::to_string(total));
  }
}

// T = Σ_s π_s·B_s⊗B_s, B_s = I − lr·G_s, indexed so that T·vec(M) = vec(Σ_s π_s·B_s·M·B_sᵀ)
// with row-major vec (entry (a, b) at a·D + b): (B·M·Bᵀ)_ab = Σ_cd B_ac·M_cd·B_bd.
Array second_moment_operator(const AffineRecursion& recursion, Scalar lr) {
  const std::size_t D = recursion.dim;
  Array T = xt::zeros<Scalar>({D * D, D * D});
  const Array identity = xt::eye<Scalar>(D);
  for (const Outcome& outcome : recursion.outcomes) {
    const Array B = identity - lr * outcome.G;
    for (std::size_t a = 0; a < D; ++a)
      for (std::size_t b = 0; b < D; ++b)
        for (std::size_t c = 0; c < D; ++c)
          for (std::size_t d = 0; d < D; ++d)
            T(a * D + b, c * D + d) += outcome.prob * B(a, c) * B(b, d);
  }
  return T;
}

Scalar spectral_radius(const Array& matrix) {
  const auto eigenvalues = linalg::eigvals(matrix);
  Scalar radius = 0;
  for (const auto& value : eigenvalues) radius = std::max(radius, std::abs(value));
  return radius;
}
}  // namespace

Array AffineRecursion::mean_G() const {
  check(*this);
  Array H = xt::zeros<Scalar>({dim, dim});
  for (const Outcome& outcome : outcomes) H += outcome.prob * outcome.G;
  return H;
}

Array AffineRecursion::mean_b() const {
  check(*this);
  Array mean = xt::zeros<Scalar>({dim});
  for (const Outcome& outcome : outcomes) mean += outcome.prob * outcome.b;
  return mean;
}

Array AffineRecursion::fixed_point() const {
  return linalg::solve(mean_G(), mean_b());
}

Array stationary_covariance(const AffineRecursion& recursion, Scalar lr) {
  check(recursion);
  const std::size_t D = recursion.dim;
  const Array T = second_moment_operator(recursion, lr);
  if (const Scalar rate = spectral_radius(T); !(rate < 1)) {
    throw std::domain_error("stationary_covariance: second moments do not converge at lr = " +
                            std::to_string(lr) + " (rate " + std::to_string(rate) + ")");
  }
  const Array w_bar = recursion.fixed_point();
  // Right-hand side lr²·vec(Σ_s π_s·ζ_s·ζ_sᵀ), ζ_s = b_s − G_s·w̄.
  Array noise = xt::zeros<Scalar>({D * D});
  for (const Outcome& outcome : recursion.outcomes) {
    const Array zeta = outcome.b - linalg::dot(outcome.G, w_bar);
    for (std::size_t a = 0; a < D; ++a)
      for (std::size_t b = 0; b < D; ++b) noise(a * D + b) += outcome.prob * zeta(a) * zeta(b);
  }
  const Array system = xt::eye<Scalar>(D * D) - T;
  const Array vec_M = linalg::solve(system, lr * lr * noise);
  Array M = xt::reshape_view(vec_M, {D, D});
  return 0.5 * (M + xt::transpose(M));  // symmetric up to rounding; make it exactly so
}

Array long_run_covariance(const AffineRecursion& recursion, Scalar lr, const Array& stationary) {
  const std::size_t D = recursion.dim;
  const Array H = recursion.mean_G();
  const Array C = xt::eye<Scalar>(D) - lr * H;
  // F·M = C·(lr·H)⁻¹·M, through a solve rather than an inverse.
  const Array FM = linalg::dot(C, linalg::solve(lr * H, stationary));
  return stationary + FM + xt::transpose(FM);
}

Scalar trace(const Array& matrix) {
  return xt::sum(xt::diagonal(matrix))();
}

Scalar mean_rate(const AffineRecursion& recursion, Scalar lr) {
  return spectral_radius(Array(xt::eye<Scalar>(recursion.dim) - lr * recursion.mean_G()));
}

Scalar second_moment_rate(const AffineRecursion& recursion, Scalar lr) {
  check(recursion);
  return spectral_radius(second_moment_operator(recursion, lr));
}

std::vector<Mask> all_masks(std::size_t dim, Scalar prob_one) {
  if (dim > 20) throw std::invalid_argument("all_masks: 2^D masks, D must be <= 20");
  std::vector<Mask> masks;
  for (std::size_t bits = 0; bits < (std::size_t{1} << dim); ++bits) {
    Scalar prob = 1;
    for (std::size_t j = 0; j < dim; ++j) prob *= ((bits >> j) & 1U) ? prob_one : 1 - prob_one;
    masks.push_back({bits, prob});
  }
  return masks;
}

}  // namespace dynamics
