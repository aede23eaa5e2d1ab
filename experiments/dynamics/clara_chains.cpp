#include "experiments/dynamics/clara_chains.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"
#include "experiments/common/linalg.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

AffineRecursion clara_recursion(const Array& X, const Array& y, Scalar retain_prob,
                                ClaraScheme scheme) {
  const std::size_t D = X.shape()[1];
  const Array gram = linalg::gram(X);
  const Array correlation = linalg::transpose_dot(X, y);
  AffineRecursion recursion;
  recursion.dim = D;
  for (const Mask& mask : all_masks(D, retain_prob)) {
    Array G = xt::zeros<Scalar>({D, D});
    Array b = xt::zeros<Scalar>({D});
    for (std::size_t j = 0; j < D; ++j) {
      if (!mask.kept(j)) continue;
      b(j) = correlation(j);
      for (std::size_t l = 0; l < D; ++l) {
        // (D·XᵀX·D)_jl = m_j·m_l·(XᵀX)_jl;  (D·XᵀX)_jl = m_j·(XᵀX)_jl
        if (scheme == ClaraScheme::plain_residual || mask.kept(l)) G(j, l) = gram(j, l);
      }
    }
    recursion.outcomes.push_back({mask.prob, G, b});
  }
  return recursion;
}

ClaraChains run_clara_chains(const Array& X, const Array& y, Scalar retain_prob, Scalar alpha,
                             ClaraScheme scheme, std::size_t chains, std::size_t steps,
                             const std::vector<std::size_t>& checkpoints, std::uint64_t seed) {
  if (X.dimension() != 2 || y.dimension() != 1 || y.shape()[0] != X.shape()[0]) {
    throw std::invalid_argument("run_clara_chains: need X (N, D) and y (N)");
  }
  for (std::size_t k : checkpoints) {
    if (k > steps) throw std::invalid_argument("run_clara_chains: checkpoint beyond the run");
  }
  const std::size_t D = X.shape()[1];
  // Precomputed once: D·Xᵀ(y − X·u) = D·(Xᵀy − XᵀX·u), u = D·β or β.
  const Array gram_array = linalg::gram(X);
  const Array correlation_array = linalg::transpose_dot(X, y);
  const std::vector<double> gram(gram_array.begin(), gram_array.end());
  const std::vector<double> correlation(correlation_array.begin(), correlation_array.end());
  autograd::Generator gen(seed);
  ClaraChains result{xt::zeros<Scalar>({chains, D}), xt::zeros<Scalar>({checkpoints.size(), D})};
  std::vector<double> beta(D), kept(D), u(D);
  for (std::size_t chain = 0; chain < chains; ++chain) {
    std::fill(beta.begin(), beta.end(), 0.0);
    std::size_t next = 0;
    for (std::size_t k = 0; k <= steps; ++k) {
      while (next < checkpoints.size() && checkpoints[next] == k) {
        for (std::size_t j = 0; j < D; ++j) result.state_sums(next, j) += beta[j];
        ++next;
      }
      if (k == steps) break;
      for (std::size_t j = 0; j < D; ++j) {
        kept[j] = autograd::uniform01(gen) < retain_prob ? 1.0 : 0.0;
        u[j] = scheme == ClaraScheme::masked_residual ? kept[j] * beta[j] : beta[j];
      }
      for (std::size_t j = 0; j < D; ++j) {
        if (kept[j] == 0.0) continue;  // D zeroes this coordinate's update
        double gradient = correlation[j];
        for (std::size_t l = 0; l < D; ++l) gradient -= gram[j * D + l] * u[l];
        beta[j] += alpha * gradient;
      }
    }
    for (std::size_t j = 0; j < D; ++j) result.final_states(chain, j) = beta[j];
  }
  return result;
}

}  // namespace dynamics
