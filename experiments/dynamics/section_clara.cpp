// 2. Full-batch gradient descent with one dropout mask per step (Clara, Langer &
// Schmidt-Hieber, 2023), on design A with retain probability p: many independent chains
// against the exact mean β̃ and the exact stationary covariance (clara_chains.hpp), for several
// step sizes α; and the simplified scheme without the mask in the residual, which converges to
// ordinary least squares.
#include <cmath>
#include <string>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/clara_chains.hpp"
#include "experiments/dynamics/parallel.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/series.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"

namespace dynamics {

using nlohmann::json;

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

struct ChainStatistics {
  std::vector<double> mean, mean_se, variance, variance_se;
};

ChainStatistics chain_statistics(const std::vector<ClaraChains>& batches, const Array& shift) {
  const std::size_t D = shift.size();
  ChainStatistics stats;
  for (std::size_t j = 0; j < D; ++j) {
    experiments::RunningMoments moments(shift(j));
    for (const ClaraChains& batch : batches) {
      for (std::size_t c = 0; c < batch.final_states.shape()[0]; ++c) {
        moments.add(batch.final_states(c, j));
      }
    }
    stats.mean.push_back(moments.mean());
    stats.mean_se.push_back(moments.mean_se());
    stats.variance.push_back(moments.variance());
    stats.variance_se.push_back(moments.variance_se());
  }
  return stats;
}

}  // namespace

json clara_section(const Settings& s, const experiments::Output& out) {
  const datasets::Dataset design = datasets::design_A();
  const Array& X = design.X;
  const Array& y = design.y;
  const Scalar p = s.clara_retain_prob;
  const std::size_t D = X.shape()[1];
  const Array gram = xt::linalg::dot(xt::transpose(X), X);
  const Scalar lambda_max = dropout_ridge::largest_eigenvalue(gram);
  const AffineRecursion recursion = clara_recursion(X, y, p, ClaraScheme::masked_residual);
  const Array beta_tilde = recursion.fixed_point();
  // (p·XᵀX + (1−p)·diag(XᵀX))·β̃ = Xᵀy, the theorem's w* at retain probability p.
  const Array w_star = dropout_ridge::srivastava_minimiser(X, y, p);
  const std::size_t tasks_per_alpha = (s.clara_chains + kChainsPerTask - 1) / kChainsPerTask;

  std::vector<double> alphas;
  for (std::size_t a = 0; a < s.clara_alphas; ++a) {
    alphas.push_back(s.clara_alpha_factor / lambda_max / std::pow(2.0, static_cast<double>(a)));
  }
  std::vector<std::size_t> steps;
  std::vector<double> rates_mean, rates_second;
  std::vector<Array> covariances;
  for (const double alpha : alphas) {
    rates_mean.push_back(mean_rate(recursion, alpha));
    rates_second.push_back(second_moment_rate(recursion, alpha));
    steps.push_back(steps_to_forget(rates_second.back(), kForgetTolerance));
    covariances.push_back(stationary_covariance(recursion, alpha));
  }
  // The mean trajectory is recorded at every step for the default (first) α.
  std::vector<std::size_t> every_step(steps[0] + 1);
  for (std::size_t k = 0; k <= steps[0]; ++k) every_step[k] = k;

  std::vector<ClaraChains> batches(alphas.size() * tasks_per_alpha);
  run_tasks(
      batches.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t a = task / tasks_per_alpha, t = task % tasks_per_alpha;
        const std::size_t chains = std::min(kChainsPerTask, s.clara_chains - t * kChainsPerTask);
        batches[task] =
            run_clara_chains(X, y, p, alphas[a], ClaraScheme::masked_residual, chains, steps[a],
                             a == 0 ? every_step : std::vector<std::size_t>{},
                             experiments::derive_seed(s.seed, kStageClara + 100 * a + t));
      },
      "dynamics: Clara et al. chains");

  json result;
  result["retain_prob"] = p;
  result["beta_tilde"] = to_vector(beta_tilde);
  result["beta_tilde_vs_srivastava_minimiser"] = xt::amax(xt::abs(beta_tilde - w_star))();
  result["lambda_max"] = lambda_max;
  result["alpha"] = alphas;
  result["chains"] = s.clara_chains;
  result["steps"] = steps;
  result["mean_rate"] = rates_mean;
  result["second_moment_rate"] = rates_second;
  json exact_variance = json::array(), chain_variance = json::array(),
       chain_variance_se = json::array(), chain_variance_z = json::array(),
       chain_mean = json::array(), chain_mean_se = json::array(), chain_mean_z = json::array(),
       total_variance = json::array();
  std::vector<std::vector<double>> variance_rows;
  for (std::size_t a = 0; a < alphas.size(); ++a) {
    const std::vector<ClaraChains> mine(batches.begin() + a * tasks_per_alpha,
                                        batches.begin() + (a + 1) * tasks_per_alpha);
    const ChainStatistics stats = chain_statistics(mine, beta_tilde);
    std::vector<double> exact, variance_z, mean_z;
    std::vector<double> row{alphas[a]};
    for (std::size_t j = 0; j < D; ++j) {
      exact.push_back(covariances[a](j, j));
      variance_z.push_back((stats.variance[j] - exact[j]) / stats.variance_se[j]);
      mean_z.push_back((stats.mean[j] - beta_tilde(j)) / stats.mean_se[j]);
      row.insert(row.end(), {exact[j], stats.variance[j], stats.variance_se[j]});
    }
    variance_rows.push_back(row);
    exact_variance.push_back(exact);
    chain_variance.push_back(stats.variance);
    chain_variance_se.push_back(stats.variance_se);
    chain_variance_z.push_back(variance_z);
    chain_mean.push_back(stats.mean);
    chain_mean_se.push_back(stats.mean_se);
    chain_mean_z.push_back(mean_z);
    total_variance.push_back(xt::sum(xt::diagonal(covariances[a]))());
  }
  result["exact_variance"] = exact_variance;
  result["chain_variance"] = chain_variance;
  result["chain_variance_se"] = chain_variance_se;
  result["chain_variance_z"] = chain_variance_z;
  result["chain_mean"] = chain_mean;
  result["chain_mean_se"] = chain_mean_se;
  result["chain_mean_z"] = chain_mean_z;
  result["exact_total_variance"] = total_variance;

  // The mean over chains against the exact mean path E[β_k] − β̃ = C^k·(β_0 − β̃), C = I − α·H.
  const Array H = recursion.mean_G();
  const Array C = xt::eye<Scalar>(D) - alphas[0] * H;
  Array exact_mean_error = -beta_tilde;  // β_0 = 0
  std::vector<std::vector<double>> trajectory_rows;
  for (std::size_t k = 0; k <= steps[0]; ++k) {
    Array chain_sum = xt::zeros<Scalar>({D});
    for (std::size_t t = 0; t < tasks_per_alpha; ++t) {
      chain_sum += xt::view(batches[t].state_sums, k, xt::all());
    }
    const Array chain_mean_error = chain_sum / static_cast<double>(s.clara_chains) - beta_tilde;
    // The floor the chain mean cannot beat: its own standard error, √(tr M_k / chains) ≤
    // √(tr M / chains) once stationary.
    trajectory_rows.push_back(
        {static_cast<double>(k), xt::linalg::norm(chain_mean_error),
         xt::linalg::norm(exact_mean_error),
         std::sqrt(total_variance[0].get<double>() / static_cast<double>(s.clara_chains))});
    exact_mean_error = xt::linalg::dot(C, exact_mean_error);
  }
  result["mean_path_final_error"] = trajectory_rows.back()[1];

  // The simplified scheme: same masks, no mask in the residual. Its fixed point is OLS and its
  // exact stationary covariance (the same solver) is zero.
  const AffineRecursion plain = clara_recursion(X, y, p, ClaraScheme::plain_residual);
  const Array ols = dropout_ridge::ridge_solution(X, y, xt::zeros<Scalar>({D}));
  const Scalar plain_rate = second_moment_rate(plain, alphas[0]);
  // Errors shrink like rate^(k/2) in RMS: run until that is 1e-15 relative, twice over.
  const std::size_t plain_steps = 2 * steps_to_forget(plain_rate, 1e-30);
  const std::size_t plain_tasks = 2;
  std::vector<ClaraChains> plain_batches(plain_tasks);
  run_tasks(
      plain_tasks, s.threads,
      [&](std::size_t t) {
        plain_batches[t] = run_clara_chains(X, y, p, alphas[0], ClaraScheme::plain_residual,
                                            kChainsPerTask / 2, plain_steps, {},
                                            experiments::derive_seed(s.seed, kStageClaraPlain + t));
      },
      "dynamics: simplified scheme chains");
  double max_error = 0;
  for (const ClaraChains& batch : plain_batches) {
    for (std::size_t c = 0; c < batch.final_states.shape()[0]; ++c) {
      for (std::size_t j = 0; j < D; ++j) {
        max_error = std::max(max_error, std::abs(batch.final_states(c, j) - ols(j)));
      }
    }
  }
  result["simplified_max_error_to_ols"] = max_error;
  result["simplified"] = {
      {"ols", to_vector(ols)},
      {"fixed_point_vs_ols", xt::amax(xt::abs(plain.fixed_point() - ols))()},
      {"exact_stationary_trace", xt::sum(xt::diagonal(stationary_covariance(plain, alphas[0])))()},
      {"second_moment_rate", plain_rate},
      {"steps", plain_steps},
      {"chains", plain_tasks * (kChainsPerTask / 2)},
      {"alpha", alphas[0]}};

  std::vector<std::string> header{"alpha"};
  for (std::size_t j = 0; j < D; ++j) {
    const std::string index = std::to_string(j);
    header.insert(header.end(), {"exact_variance_" + index, "chain_variance_" + index,
                                 "chain_variance_se_" + index});
  }
  out.write_csv("clara_variance.csv", header, variance_rows);
  out.write_csv("clara_mean_path.csv",
                {"step", "chain_mean_error_norm", "exact_mean_error_norm", "chain_mean_se_floor"},
                trajectory_rows);
  return result;
}

}  // namespace dynamics
