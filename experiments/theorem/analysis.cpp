// The computation: the identity in both conventions, the gradient, the minimiser and the p
// sweep on one design, and both designs side by side.
#include <cmath>
#include <iostream>

#include <xtensor/xadapt.hpp>

#include "autograd/autograd.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/linalg.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/theorem/theorem.hpp"
#include "nn/dropout.hpp"
#include "optim/sgd.hpp"

namespace theorem {

namespace linalg = experiments::linalg;

namespace {

namespace dr = dropout_ridge;
using autograd::Scalar;
using autograd::Tensor;
using experiments::z_score;

// A design X (N, D), y (N), and the point w (D) at which the identity is checked.
struct Design {
  std::string key;   // summary.json key: design_A, design_gaussian
  std::string name;  // for the report: design A, Gaussian design
  Array X, y, w;
};

enum class Convention { srivastava, inverted };

Scalar max_abs(const Array& a) {
  return xt::amax(xt::abs(a))();
}

// The identity in one convention: the theorem's (SrivastavaDropout, no rescaling) or PyTorch's
// inverted one (Dropout(1 − p), survivors × 1/p).
IdentityCheck check_identity(const Design& d, Scalar p, std::size_t draws, std::uint64_t seed,
                             Convention convention, std::vector<dr::TracePoint>* trace) {
  const bool inverted = convention == Convention::inverted;
  const Scalar closed = inverted ? dr::inverted_expected_loss(d.X, d.y, d.w, p)
                                 : dr::srivastava_expected_loss(d.X, d.y, d.w, p);
  const dr::LossMoments exact = dr::enumerate_loss_moments(d.X, d.y, d.w, p, inverted ? 1 / p : 1);
  autograd::manual_seed(seed);
  nn::SrivastavaDropout theorem_dropout(p);
  nn::Dropout pytorch_dropout(1 - p);
  nn::Module& dropout = inverted ? static_cast<nn::Module&>(pytorch_dropout) : theorem_dropout;
  const std::string label = d.key + (inverted ? " inverted" : " srivastava") + " Monte Carlo";
  const dr::MonteCarloLoss mc =
      dr::monte_carlo_loss(d.X, d.y, d.w, dropout, draws, closed, label.c_str(), trace);
  return {closed,
          exact.mean,
          std::abs(exact.mean - closed) / std::abs(closed),
          mc.mean,
          mc.mean_se,
          mc.draws,
          z_score(mc.mean, closed, mc.mean_se),
          exact.variance,
          mc.sample_variance,
          mc.variance_se,
          z_score(mc.sample_variance, exact.variance, mc.variance_se)};
}

GradientCheck check_gradient(const Design& d, Scalar p, std::size_t draws, std::uint64_t seed) {
  GradientCheck g;
  Tensor w(d.w, /*requires_grad=*/true);
  dr::srivastava_marginalised_loss(d.X, d.y, w, p).backward();
  g.closed_form = w.grad();
  // ∇ = −2p·Xᵀ(y − pXw) + 2p(1−p)·Γ²∗w
  const Array residual = d.y - p * linalg::dot(d.X, d.w);
  g.formula = -2 * p * linalg::transpose_dot(d.X, residual) +
              2 * p * (1 - p) * dr::gamma_squared(d.X) * d.w;
  g.formula_max_abs_difference = max_abs(g.formula - g.closed_form);
  g.enumerated = dr::enumerate_expected_gradient(d.X, d.y, d.w, p);
  g.enumerated_max_rel_error = max_abs(g.enumerated - g.closed_form) / max_abs(g.closed_form);
  autograd::manual_seed(seed);
  const std::string label = d.key + " gradient Monte Carlo";
  const dr::MonteCarloGradient mc =
      dr::monte_carlo_gradient(d.X, d.y, d.w, p, draws, label.c_str());
  g.mc_mean = mc.mean;
  g.mc_se = mc.mean_se;
  g.mc_draws = mc.draws;
  g.mc_z = (mc.mean - g.closed_form) / mc.mean_se;
  g.mc_max_abs_z = max_abs(g.mc_z);
  return g;
}

// The minimiser in closed form, as ridge regression once deployed, and found by gradient
// descent with autograd on the marginalised loss.
MinimiserCheck check_minimiser(const Design& d, Scalar p) {
  MinimiserCheck m;
  m.w_star = dr::srivastava_minimiser(d.X, d.y, p);
  m.deployed = p * m.w_star;
  m.ridge_penalties = (1 - p) / p * dr::gamma_squared(d.X);
  m.ridge_solution = dr::ridge_solution(d.X, d.y, m.ridge_penalties);
  m.deployed_vs_ridge_max_abs_difference = max_abs(m.deployed - m.ridge_solution);
  // Gradient descent with step 1/L, L = 2·λ_max(p²XᵀX + p(1−p)Γ²), the loss's curvature bound.
  const Array hessian_half =
      p * p * linalg::gram(d.X) + p * (1 - p) * xt::diag(dr::gamma_squared(d.X));
  m.gd_learning_rate = 1.0 / (2.0 * dr::largest_eigenvalue(hessian_half));
  Tensor w(xt::zeros_like(m.w_star), /*requires_grad=*/true);
  optim::SGD gd({w}, m.gd_learning_rate);
  // To 1e-11, a tenth of what the minimiser claim asks (kMinimiserError), or 2·10⁶ steps.
  constexpr Scalar kTargetError = 1e-11;
  constexpr std::size_t kMaxSteps = 2'000'000;
  m.gd_max_error = max_abs(w.value() - m.w_star);
  while (m.gd_max_error > kTargetError && m.gd_steps < kMaxSteps) {
    gd.zero_grad();
    dr::srivastava_marginalised_loss(d.X, d.y, w, p).backward();
    gd.step();
    ++m.gd_steps;
    m.gd_max_error = max_abs(w.value() - m.w_star);
  }
  return m;
}

// Over p = k/100, k = 1..99 (so 0.05, 0.2, 0.5, 0.8, 0.95 are on the grid exactly): the post's
// factor p(1−p), the deployed ridge strength (1−p)/p, and what the deployed p·w* does.
std::vector<SweepRow> sweep(const Design& d) {
  const Array gamma = xt::sqrt(dr::gamma_squared(d.X));
  const Array ols = dr::ridge_solution(d.X, d.y, xt::zeros_like(gamma));
  const Scalar ols_gamma_norm = linalg::norm(gamma * ols);
  std::vector<SweepRow> rows;
  for (int k = 1; k <= 99; ++k) {
    const Scalar p = k / 100.0;
    const Array deployed = p * dr::srivastava_minimiser(d.X, d.y, p);
    const Scalar gamma_norm = linalg::norm(gamma * deployed);
    const Array residual = d.y - linalg::dot(d.X, deployed);
    rows.push_back({p, p * (1 - p), (1 - p) / p, gamma_norm, gamma_norm / ols_gamma_norm,
                    xt::sum(residual * residual)()});
  }
  return rows;
}

DesignResult analyse(const Design& d, const Settings& s, std::uint64_t seed,
                     std::uint64_t stage_base, bool record_trace) {
  std::cerr << "theorem: " << d.name << "\n";
  const auto stage_seed = [&](std::uint64_t k) {
    return experiments::derive_seed(seed, stage_base + k);
  };
  DesignResult r;
  r.key = d.key;
  r.name = d.name;
  r.N = d.X.shape()[0];
  r.D = d.X.shape()[1];
  r.w = d.w;
  r.gamma_squared = dr::gamma_squared(d.X);
  r.srivastava = check_identity(d, s.retain_prob, s.draws, stage_seed(1), Convention::srivastava,
                                record_trace ? &r.trace : nullptr);
  r.inverted =
      check_identity(d, s.retain_prob, s.draws, stage_seed(2), Convention::inverted, nullptr);
  r.gradient = check_gradient(d, s.retain_prob, s.gradient_draws, stage_seed(3));
  r.minimiser = check_minimiser(d, s.retain_prob);
  r.p_sweep = sweep(d);
  return r;
}

}  // namespace

double DesignResult::gamma_squared_ratio() const {
  return xt::amax(gamma_squared)() / xt::amin(gamma_squared)();
}

Results compute(const Settings& settings, const experiments::Context& context) {
  Results results{settings, context.seed, context.quick, {}, {}, {}};
  const datasets::Dataset a = datasets::design_A();
  const datasets::Dataset g = results.gaussian_design.draw(context.seed);
  const Array gaussian_w = xt::adapt(results.gaussian_design.true_weights);
  const Design designs[] = {{"design_A", "design A", a.X, a.y, Array{0.5, -1.0, 1.5, 0.25}},
                            {"design_gaussian", "Gaussian design", g.X, g.y, gaussian_w}};
  DesignResult* slots[] = {&results.design_a, &results.gaussian};
  experiments::ParallelOptions parallel;
  parallel.threads = context.threads;
  experiments::parallel_for(
      2,
      [&](std::size_t i) {
        *slots[i] = analyse(designs[i], settings, context.seed, 100 * (i + 1), i == 0);
      },
      parallel);
  return results;
}

}  // namespace theorem
