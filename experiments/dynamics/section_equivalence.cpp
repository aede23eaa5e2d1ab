// 3. Weight decay and inverted input dropout, trained by averaged SGD, land on one ridge
// solution when matched.
//
// Setting: standardised X (columns of mean 0 and variance 1, ddof 0, so (XᵀX)_jj = N), centred
// y, a bias-free linear model and the mean-squared error L(w) = (1/N)·||y − Xw||².
//  * torch.optim.SGD with weight_decay wd steps along ∇L + wd·w: it minimises L + (wd/2)·||w||².
//  * Inverted dropout q on the inputs (x̃_ij = x_ij·m_ij/(1−q), m ~ Bernoulli(1−q)) adds, in
//    expectation, (1/N)·Σ_ij Var(x̃_ij)·w_j² = (q/(1−q))·(1/N)·Σ_j (XᵀX)_jj·w_j²
//    = (q/(1−q))·||w||², since Var(x̃_ij) = x_ij²·q/(1−q) (experiments/theorem, inverted form).
// The two objectives coincide when wd/2 = q/(1−q), i.e. wd = 2q/(1−q) and q = wd/(2 + wd):
// q = 0.5 ↔ wd = 2, and wd = 0.2 ↔ q = 1/11. Both minimisers solve (XᵀX + N·(wd/2)·I)·w = Xᵀy,
// the closed-form ridge solution with penalty λ = N·q/(1−q) on every coordinate.
//
// Each run's estimate is its average over the last 90% of the steps (tail averaging, so the
// start-up transient does not bias it); the standard errors come from batch means.
#include <cmath>
#include <string>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/parallel.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/series.hpp"
#include "experiments/dynamics/sgd_runs.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"

namespace dynamics {

using nlohmann::json;

datasets::Dataset standardised_design_A() {
  datasets::Dataset d = datasets::design_A();
  const Array mean = xt::mean(d.X, {0});
  const Array sd = xt::sqrt(xt::mean(xt::square(d.X - mean), {0}));
  d.X = (d.X - mean) / sd;
  d.y = d.y - xt::mean(d.y)();
  return d;
}

namespace {

double weight_decay_for(double drop_prob) {
  return 2 * drop_prob / (1 - drop_prob);
}
double drop_prob_for(double weight_decay) {
  return weight_decay / (2 + weight_decay);
}

struct Estimate {
  std::vector<double> mean, se;
  double stationary_msq = 0, stationary_msq_se = 0;
};

Estimate estimate(const std::vector<SgdRun>& runs, std::size_t D, const Array& ridge) {
  Estimate e;
  for (std::size_t j = 0; j < D; ++j) {
    experiments::RunningMoments moments(ridge(j));
    for (const SgdRun& run : runs) {
      for (const auto& state : run.batch_state) moments.add(state[j]);
    }
    // The mean of equal-length batch means is the tail average; its SE is s/√(batches).
    e.mean.push_back(moments.mean());
    e.se.push_back(moments.mean_se());
  }
  experiments::RunningMoments msq;
  for (const SgdRun& run : runs) {
    for (const double b : run.batch_sq_error) msq.add(b);
  }
  e.stationary_msq = msq.mean();
  e.stationary_msq_se = msq.mean_se();
  return e;
}

}  // namespace

json equivalence_section(const Settings& s, const experiments::Output& out) {
  const datasets::Dataset design = standardised_design_A();
  const Array& X = design.X;
  const Array& y = design.y;
  const std::size_t N = X.shape()[0], D = X.shape()[1];
  const double column_norm_sq_error = xt::amax(xt::abs(dropout_ridge::gamma_squared(X) - N))();
  // The two matched pairs: the post's dropout with its weight decay, and the post's weight
  // decay with its dropout.
  const std::vector<double> drop_probs{kPostDropProb, drop_prob_for(kPostWeightDecay)};
  const std::vector<double> weight_decays{weight_decay_for(kPostDropProb), kPostWeightDecay};
  const std::vector<std::size_t> K{s.equivalence_steps};
  const std::size_t batch_length = s.equivalence_steps * 9 / 10 / s.batches_per_run;

  std::vector<SgdSetup> setups;  // config 2·pair + {0: dropout, 1: weight decay}
  std::vector<Array> ridges;
  for (std::size_t pair = 0; pair < drop_probs.size(); ++pair) {
    setups.push_back(inverted_dropout_sgd(X, y, drop_probs[pair]));
    setups.push_back(weight_decay_sgd(X, y, weight_decays[pair]));
    const double penalty = static_cast<double>(N) * drop_probs[pair] / (1 - drop_probs[pair]);
    ridges.push_back(dropout_ridge::ridge_solution(X, y, penalty * xt::ones<Scalar>({D})));
  }
  std::vector<SgdRun> runs(setups.size() * s.equivalence_runs);
  run_tasks(
      runs.size(), s.threads,
      [&](std::size_t task) {
        const std::size_t config = task / s.equivalence_runs, run = task % s.equivalence_runs;
        runs[task] = run_sgd(
            setups[config], s.equivalence_lr, ridges[config / 2], K, s.batches_per_run,
            batch_length, experiments::derive_seed(s.seed, kStageEquivalence + 100 * config + run));
      },
      "dynamics: weight decay and dropout SGD runs");

  json pairs = json::array();
  double max_difference = 0, max_abs_z = 0, max_fixed_point_error = 0;
  std::vector<std::vector<double>> csv_rows;
  for (std::size_t pair = 0; pair < drop_probs.size(); ++pair) {
    json methods;
    for (std::size_t method = 0; method < 2; ++method) {
      const std::size_t config = 2 * pair + method;
      const std::vector<SgdRun> mine(runs.begin() + config * s.equivalence_runs,
                                     runs.begin() + (config + 1) * s.equivalence_runs);
      const Estimate e = estimate(mine, D, ridges[pair]);
      const LongRunEstimate long_run_estimate = batch_means_long_run_trace(mine, batch_length);
      const AffineRecursion recursion = sgd_recursion(setups[config]);
      const Array M = stationary_covariance(recursion, s.equivalence_lr);
      const Array long_run = long_run_covariance(recursion, s.equivalence_lr, M);
      // The marginalised objective's minimiser, from the exact mean dynamics, is the ridge fit.
      max_fixed_point_error = std::max(
          max_fixed_point_error,
          static_cast<double>(xt::amax(xt::abs(recursion.fixed_point() - ridges[pair]))()));
      std::vector<double> z;
      for (std::size_t j = 0; j < D; ++j) {
        const double difference = e.mean[j] - ridges[pair](j);
        z.push_back(difference / e.se[j]);
        max_difference = std::max(max_difference, std::abs(difference));
        max_abs_z = std::max(max_abs_z, std::abs(z.back()));
        csv_rows.push_back({static_cast<double>(pair), static_cast<double>(method),
                            static_cast<double>(j), ridges[pair](j), e.mean[j], e.se[j]});
      }
      methods[method == 0 ? "dropout" : "weight_decay"] = {
          {"averaged", e.mean},
          {"se", e.se},
          {"z", z},
          {"long_run_trace", long_run_estimate.trace},
          {"long_run_trace_se", long_run_estimate.se},
          {"exact_long_run_trace", xt::sum(xt::diagonal(long_run))()},
          {"stationary_msq", e.stationary_msq},
          {"stationary_msq_se", e.stationary_msq_se},
          {"exact_stationary_msq", xt::sum(xt::diagonal(M))()},
          {"second_moment_rate", second_moment_rate(recursion, s.equivalence_lr)}};
    }
    pairs.push_back(
        {{"drop_prob", drop_probs[pair]},
         {"weight_decay", weight_decays[pair]},
         {"ridge_penalty", static_cast<double>(N) * drop_probs[pair] / (1 - drop_probs[pair])},
         {"ridge", to_vector(ridges[pair])},
         {"dropout", methods["dropout"]},
         {"weight_decay_sgd", methods["weight_decay"]}});
  }

  // The fast loop against nn::Dropout / optim::SGD(weight_decay), same draws.
  double nn_difference = 0;
  for (std::size_t config = 0; config < 2; ++config) {
    const std::uint64_t check_seed =
        experiments::derive_seed(s.seed, kStageEquivalenceCheck + config);
    const Array through_nn =
        nn_sgd_iterates(setups[config], s.equivalence_lr, s.nn_check_steps, check_seed);
    const Array fast =
        fast_sgd_iterates(setups[config], s.equivalence_lr, s.nn_check_steps, check_seed);
    nn_difference =
        std::max(nn_difference, static_cast<double>(xt::amax(xt::abs(through_nn - fast))()));
  }

  out.write_csv("equivalence.csv", {"pair", "method", "coordinate", "ridge", "averaged", "se"},
                csv_rows);
  return {
      {"wd_for_q_half", weight_decay_for(kPostDropProb)},
      {"q_for_wd_0_2", drop_prob_for(kPostWeightDecay)},
      {"max_difference", max_difference},
      {"max_abs_z", max_abs_z},
      {"fixed_points_vs_ridge", max_fixed_point_error},
      {"column_norm_sq_vs_N", column_norm_sq_error},
      {"lr", s.equivalence_lr},
      {"steps", s.equivalence_steps},
      {"runs", s.equivalence_runs},
      {"batch_length", batch_length},
      {"post_pair_ridge_distance", static_cast<double>(xt::linalg::norm(ridges[0] - ridges[1]))},
      {"pairs", pairs},
      {"nn_check", {{"steps", s.nn_check_steps}, {"max_abs_difference", nn_difference}}}};
}

}  // namespace dynamics
