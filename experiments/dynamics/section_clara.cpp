// 2. Full-batch gradient descent with one dropout mask per step (Clara, Langer &
// Schmidt-Hieber, 2023), on design A with retain probability p: many independent chains
// against the exact mean β̃ and the exact stationary covariance (clara_chains.hpp), for several
// step sizes α; and the simplified scheme without the mask in the residual, which converges to
// ordinary least squares.
#include <algorithm>
#include <cmath>
#include <vector>

#include <xtensor/xview.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/common/to_vector.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/clara_chains.hpp"
#include "experiments/dynamics/results.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

namespace {

// Chains per task: tasks are the unit of parallel work and of seeding.
constexpr std::size_t kChainsPerTask = 250;

// Steps after which the start is forgotten: the second moments approach their fixed point like
// rate^k (the spectral radius of Σ_D P(D)·B_D⊗B_D), so after log(tolerance)/log(rate) steps
// what is left of the start, relative to ||β̃||², is below the tolerance.
std::size_t steps_to_forget(Scalar rate, Scalar tolerance) {
  return static_cast<std::size_t>(std::ceil(std::log(tolerance) / std::log(rate)));
}
constexpr Scalar kForgetTolerance = 1e-12;  // far below a variance's relative SE (≈ 2–5%)

// The chains' mean and variance of each coordinate at the end of one α, against the exact ones.
void chain_statistics(ClaraResult& clara, const std::vector<ClaraChains>& batches,
                      const Array& beta_tilde, const Array& covariance) {
  for (Curves* curves :
       {&clara.exact_variance, &clara.chain_variance, &clara.chain_variance_se,
        &clara.chain_variance_z, &clara.chain_mean, &clara.chain_mean_se, &clara.chain_mean_z}) {
    curves->emplace_back();
  }
  for (std::size_t j = 0; j < beta_tilde.size(); ++j) {
    experiments::RunningMoments moments(beta_tilde(j));
    for (const ClaraChains& batch : batches) {
      for (std::size_t c = 0; c < batch.final_states.shape()[0]; ++c) {
        moments.add(batch.final_states(c, j));
      }
    }
    clara.chain_mean.back().push_back(moments.mean());
    clara.chain_mean_se.back().push_back(moments.mean_se());
    clara.chain_mean_z.back().push_back((moments.mean() - beta_tilde(j)) / moments.mean_se());
    clara.exact_variance.back().push_back(covariance(j, j));
    clara.chain_variance.back().push_back(moments.variance());
    clara.chain_variance_se.back().push_back(moments.variance_se());
    clara.chain_variance_z.back().push_back((moments.variance() - covariance(j, j)) /
                                            moments.variance_se());
  }
  clara.exact_total_variance.push_back(trace(covariance));
}

// The chains' mean against the exact mean path, C^k·(β_0 − β̃) with C = I − α·H, at every step
// of the first α.
ClaraMeanPath chain_mean_path(const ClaraResult& clara, const AffineRecursion& recursion,
                              const std::vector<ClaraChains>& first_alpha,
                              const Array& beta_tilde) {
  const std::size_t D = beta_tilde.size();
  const Array C = xt::eye<Scalar>(D) - clara.alpha[0] * recursion.mean_G();
  Array exact_mean_error = -beta_tilde;  // β_0 = 0
  ClaraMeanPath path;
  for (std::size_t k = 0; k <= clara.steps[0]; ++k) {
    Array chain_sum = xt::zeros<Scalar>({D});
    for (const ClaraChains& batch : first_alpha) {
      chain_sum += xt::view(batch.state_sums, k, xt::all());
    }
    const Array chain_mean_error = chain_sum / static_cast<double>(clara.chains) - beta_tilde;
    path.chain_mean_error_norm.push_back(linalg::norm(chain_mean_error));
    path.exact_mean_error_norm.push_back(linalg::norm(exact_mean_error));
    exact_mean_error = linalg::dot(C, exact_mean_error);
  }
  path.chain_mean_se_floor =
      std::sqrt(clara.exact_total_variance[0] / static_cast<double>(clara.chains));
  return path;
}

// The simplified scheme: same masks, no mask in the residual. Its fixed point is OLS and its
// exact stationary covariance (the same solver) is zero.
void simplified_scheme(ClaraResult& clara, const Array& X, const Array& y, const Settings& s) {
  const double alpha = clara.alpha[0];
  const AffineRecursion plain =
      clara_recursion(X, y, s.clara_retain_prob, ClaraScheme::plain_residual);
  const Array ols = dropout_ridge::ridge_solution(X, y, xt::zeros<Scalar>({X.shape()[1]}));
  ClaraSimplified& r = clara.simplified;
  r.ols = experiments::to_vector(ols);
  r.fixed_point_vs_ols = xt::amax(xt::abs(plain.fixed_point() - ols))();
  r.exact_stationary_trace = trace(stationary_covariance(plain, alpha));
  r.second_moment_rate = second_moment_rate(plain, alpha);
  r.alpha = alpha;
  // Errors shrink like rate^(k/2) in RMS: run until that is 1e-15 relative, twice over.
  r.steps = 2 * steps_to_forget(r.second_moment_rate, 1e-30);
  const auto batches = run_grid<ClaraChains>(
      s, "dynamics: simplified scheme chains", 1, 2, [&](std::size_t, std::size_t t) {
        return run_clara_chains(X, y, s.clara_retain_prob, alpha, ClaraScheme::plain_residual,
                                kChainsPerTask / 2, r.steps, {},
                                experiments::derive_seed(s.seed, kStageClaraPlain + t));
      })[0];
  r.chains = batches.size() * (kChainsPerTask / 2);
  for (const ClaraChains& batch : batches) {
    for (std::size_t c = 0; c < batch.final_states.shape()[0]; ++c) {
      for (std::size_t j = 0; j < ols.size(); ++j) {
        clara.simplified_max_error_to_ols = std::max(clara.simplified_max_error_to_ols,
                                                     std::abs(batch.final_states(c, j) - ols(j)));
      }
    }
  }
}

}  // namespace

ClaraResult measure_clara(const Settings& s) {
  const datasets::Dataset design = datasets::design_A();
  const Array& X = design.X;
  const Array& y = design.y;
  const AffineRecursion recursion =
      clara_recursion(X, y, s.clara_retain_prob, ClaraScheme::masked_residual);
  const Array beta_tilde = recursion.fixed_point();
  ClaraResult clara;
  clara.retain_prob = s.clara_retain_prob;
  clara.lambda_max = dropout_ridge::largest_eigenvalue(linalg::gram(X));
  clara.beta_tilde = experiments::to_vector(beta_tilde);
  // (p·XᵀX + (1−p)·diag(XᵀX))·β̃ = Xᵀy, the theorem's w* at retain probability p.
  clara.beta_tilde_vs_srivastava_minimiser = xt::amax(
      xt::abs(beta_tilde - dropout_ridge::srivastava_minimiser(X, y, s.clara_retain_prob)))();
  clara.chains = s.clara_chains;
  std::vector<Array> covariances;
  for (std::size_t a = 0; a < s.clara_alphas; ++a) {
    const double alpha =
        s.clara_alpha_factor / clara.lambda_max / std::pow(2.0, static_cast<double>(a));
    clara.alpha.push_back(alpha);
    clara.mean_rate.push_back(mean_rate(recursion, alpha));
    clara.second_moment_rate.push_back(second_moment_rate(recursion, alpha));
    clara.steps.push_back(steps_to_forget(clara.second_moment_rate.back(), kForgetTolerance));
    covariances.push_back(stationary_covariance(recursion, alpha));
  }
  // The mean trajectory is recorded at every step for the default (first) α.
  std::vector<std::size_t> every_step(clara.steps[0] + 1);
  for (std::size_t k = 0; k < every_step.size(); ++k) every_step[k] = k;

  const std::size_t tasks_per_alpha = (s.clara_chains + kChainsPerTask - 1) / kChainsPerTask;
  const auto batches = run_grid<ClaraChains>(
      s, "dynamics: Clara et al. chains", clara.alpha.size(), tasks_per_alpha,
      [&](std::size_t a, std::size_t t) {
        const std::size_t chains = std::min(kChainsPerTask, s.clara_chains - t * kChainsPerTask);
        return run_clara_chains(X, y, s.clara_retain_prob, clara.alpha[a],
                                ClaraScheme::masked_residual, chains, clara.steps[a],
                                a == 0 ? every_step : std::vector<std::size_t>{},
                                experiments::derive_seed(s.seed, kStageClara + 100 * a + t));
      });
  for (std::size_t a = 0; a < clara.alpha.size(); ++a) {
    chain_statistics(clara, batches[a], beta_tilde, covariances[a]);
  }
  clara.mean_path = chain_mean_path(clara, recursion, batches[0], beta_tilde);
  clara.mean_path_final_error = clara.mean_path.chain_mean_error_norm.back();
  simplified_scheme(clara, X, y, s);
  return clara;
}

}  // namespace dynamics
