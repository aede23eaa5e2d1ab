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
#include <algorithm>
#include <cmath>
#include <vector>

#include "datasets/regression.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/common/to_vector.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dynamics/results.hpp"
#include "experiments/dynamics/sgd_runs.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

datasets::Dataset standardised_design_A() {
  datasets::Dataset d = datasets::design_A();
  const Array mean = xt::mean(d.X, {0});
  const Array sd = xt::sqrt(xt::mean(xt::square(d.X - mean), {0}));
  d.X = (d.X - mean) / sd;
  d.y = d.y - xt::mean(d.y)();
  return d;
}

double weight_decay_for(double drop_prob) {
  return 2 * drop_prob / (1 - drop_prob);
}
double drop_prob_for(double weight_decay) {
  return weight_decay / (2 + weight_decay);
}

namespace {

// One method's runs against the ridge solution and against its own exact moments.
MethodEstimate estimate(const std::vector<SgdRun>& runs, const SgdSetup& setup, double lr,
                        const Array& ridge, std::size_t batch_length) {
  MethodEstimate e;
  for (std::size_t j = 0; j < ridge.size(); ++j) {
    experiments::RunningMoments moments(ridge(j));
    for (const SgdRun& run : runs) {
      for (const auto& state : run.batch_state) moments.add(state[j]);
    }
    // The mean of equal-length batch means is the tail average; its SE is s/√(batches).
    e.averaged.push_back(moments.mean());
    e.se.push_back(moments.mean_se());
    e.z.push_back((moments.mean() - ridge(j)) / moments.mean_se());
  }
  const experiments::RunningMoments msq = batch_sq_moments(runs);
  const AffineRecursion recursion = sgd_recursion(setup);
  const Array M = stationary_covariance(recursion, lr);
  const Array long_run = long_run_covariance(recursion, lr, M);
  const LongRunEstimate long_run_estimate = batch_means_long_run_trace(runs, batch_length);
  e.long_run_trace = long_run_estimate.trace;
  e.long_run_trace_se = long_run_estimate.se;
  e.exact_long_run_trace = trace(long_run);
  e.stationary_msq = msq.mean();
  e.stationary_msq_se = msq.mean_se();
  e.exact_stationary_msq = trace(M);
  e.second_moment_rate = second_moment_rate(recursion, lr);
  return e;
}

// The largest |difference| and |z| of the tail averages from the ridge solutions, and of the
// exact fixed points (the marginalised objectives' minimisers) from them.
void worst_cases(EquivalenceResult& eq, const std::vector<SgdSetup>& setups) {
  for (std::size_t pair = 0; pair < eq.pairs.size(); ++pair) {
    const EquivalencePair& p = eq.pairs[pair];
    for (const MethodEstimate* e : {&p.dropout, &p.weight_decay_sgd}) {
      for (std::size_t j = 0; j < p.ridge.size(); ++j) {
        eq.max_difference = std::max(eq.max_difference, std::abs(e->averaged[j] - p.ridge[j]));
        eq.max_abs_z = std::max(eq.max_abs_z, std::abs(e->z[j]));
      }
    }
    for (std::size_t method = 0; method < 2; ++method) {
      const Array fixed_point = sgd_recursion(setups[2 * pair + method]).fixed_point();
      for (std::size_t j = 0; j < p.ridge.size(); ++j) {
        eq.fixed_points_vs_ridge =
            std::max(eq.fixed_points_vs_ridge, std::abs(fixed_point(j) - p.ridge[j]));
      }
    }
  }
}

// The fast loop against nn::Dropout / optim::SGD(weight_decay), same draws.
double nn_check_difference(const std::vector<SgdSetup>& setups, const Settings& s) {
  double difference = 0;
  for (std::size_t config = 0; config < 2; ++config) {
    const std::uint64_t seed = experiments::derive_seed(s.seed, kStageEquivalenceCheck + config);
    difference = std::max(difference, nn_vs_fast_difference(setups[config], s.equivalence_lr,
                                                            s.nn_check_steps, seed));
  }
  return difference;
}

}  // namespace

EquivalenceResult measure_equivalence(const Settings& s) {
  const datasets::Dataset design = standardised_design_A();
  const Array& X = design.X;
  const Array& y = design.y;
  const std::size_t N = X.shape()[0], D = X.shape()[1];
  EquivalenceResult eq;
  eq.wd_for_q_half = weight_decay_for(kPostDropProb);
  eq.q_for_wd_0_2 = drop_prob_for(kPostWeightDecay);
  eq.column_norm_sq_vs_N = xt::amax(xt::abs(dropout_ridge::gamma_squared(X) - N))();
  eq.lr = s.equivalence_lr;
  eq.steps = s.equivalence_steps;
  eq.runs = s.equivalence_runs;
  eq.batch_length = s.equivalence_steps * 9 / 10 / s.batches_per_run;
  // The two matched pairs: the post's dropout with its weight decay, and the post's weight
  // decay with its dropout.
  std::vector<SgdSetup> setups;  // config 2·pair + {0: dropout, 1: weight decay}
  std::vector<Array> ridges;
  const double drop_probs[] = {kPostDropProb, eq.q_for_wd_0_2};
  const double weight_decays[] = {eq.wd_for_q_half, kPostWeightDecay};
  for (std::size_t k = 0; k < 2; ++k) {
    EquivalencePair pair;
    pair.drop_prob = drop_probs[k];
    pair.weight_decay = weight_decays[k];
    pair.ridge_penalty = static_cast<double>(N) * drop_probs[k] / (1 - drop_probs[k]);
    ridges.push_back(
        dropout_ridge::ridge_solution(X, y, pair.ridge_penalty * xt::ones<Scalar>({D})));
    pair.ridge = experiments::to_vector(ridges.back());
    setups.push_back(inverted_dropout_sgd(X, y, pair.drop_prob));
    setups.push_back(weight_decay_sgd(X, y, pair.weight_decay));
    eq.pairs.push_back(pair);
  }
  const auto runs = run_grid<SgdRun>(
      s, "dynamics: weight decay and dropout SGD runs", setups.size(), s.equivalence_runs,
      [&](std::size_t config, std::size_t run) {
        return run_sgd(setups[config], s.equivalence_lr, ridges[config / 2], {s.equivalence_steps},
                       s.batches_per_run, eq.batch_length,
                       experiments::derive_seed(s.seed, kStageEquivalence + 100 * config + run));
      });
  for (std::size_t config = 0; config < setups.size(); ++config) {
    EquivalencePair& pair = eq.pairs[config / 2];
    (config % 2 == 0 ? pair.dropout : pair.weight_decay_sgd) = estimate(
        runs[config], setups[config], s.equivalence_lr, ridges[config / 2], eq.batch_length);
  }
  worst_cases(eq, setups);
  eq.post_pair_ridge_distance = linalg::norm(ridges[0] - ridges[1]);
  eq.nn_check = {s.nn_check_steps, s.equivalence_lr, nn_check_difference(setups, s)};
  return eq;
}

}  // namespace dynamics
