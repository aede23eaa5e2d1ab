// experiments/theorem: Srivastava's dropout–ridge identity for linear regression (Srivastava et
// al., 2014, JMLR, §9.1), checked exactly (enumerating masks), by Monte Carlo (with the
// project's nn dropout), through autodiff (gradients), and in its consequences (the minimiser,
// the deployed ridge predictor, and how the regularisation depends on p).
//
// The typed results of one run. Their field names are summary.json's keys: each struct's
// to_json (nlohmann's macro; vectors as lists through xtensor's xjson.hpp) lists them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xtensor/xjson.hpp>

#include "autograd/tensor.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/dropout_ridge/gaussian_design.hpp"
#include "experiments/dropout_ridge/montecarlo.hpp"

namespace theorem {

using autograd::Array;

struct Settings {
  double retain_prob = dropout_ridge::kDefaultRetainProb;  // the theorem's p
  std::size_t draws = 1'000'000;                           // Monte Carlo draws of the loss
  std::size_t gradient_draws = 100'000;                    // ... of the gradient
  // --quick, the tests' variant: fewer draws (the flags still win).
  void make_quick() {
    draws = 20'000;
    gradient_draws = 5'000;
  }
};

// The identity in one convention: closed form, exact enumeration of the masks, Monte Carlo.
struct IdentityCheck {
  double closed_form = 0, enumerated = 0, enumerated_rel_error = 0;
  double mc_mean = 0, mc_se = 0;
  std::size_t mc_draws = 0;
  double mc_z = 0;  // (mc_mean − closed_form)/mc_se
  double exact_variance = 0, sample_variance = 0, sample_variance_se = 0, variance_z = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdentityCheck, closed_form, enumerated, enumerated_rel_error,
                                   mc_mean, mc_se, mc_draws, mc_z, exact_variance, sample_variance,
                                   sample_variance_se, variance_z)

// E[∇ dropout loss] = ∇ marginalised loss: backward() through the marginalised graph
// (closed_form), the formula, the enumeration, and the Monte Carlo mean of backward().
struct GradientCheck {
  Array closed_form, formula, enumerated, mc_mean, mc_se, mc_z;
  double formula_max_abs_difference = 0, enumerated_max_rel_error = 0, mc_max_abs_z = 0;
  std::size_t mc_draws = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GradientCheck, closed_form, formula, formula_max_abs_difference,
                                   enumerated, enumerated_max_rel_error, mc_mean, mc_se, mc_draws,
                                   mc_z, mc_max_abs_z)

// The minimiser w*, the deployed p·w* against the per-feature ridge solve, gradient descent.
struct MinimiserCheck {
  Array w_star, deployed, ridge_penalties, ridge_solution;
  double deployed_vs_ridge_max_abs_difference = 0, gd_learning_rate = 0, gd_max_error = 0;
  std::size_t gd_steps = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MinimiserCheck, w_star, deployed, ridge_penalties,
                                   ridge_solution, deployed_vs_ridge_max_abs_difference,
                                   gd_learning_rate, gd_steps, gd_max_error)

// One p of the sweep: the post's factor p(1−p), the deployed ridge strength (1−p)/p, and the
// deployed predictor's ‖Γ·p·w*‖ (alone and over ‖Γ·w_ols‖) and training squared error.
struct SweepRow {
  double retain_prob = 0, penalty_factor = 0, ridge_lambda = 0;
  double deployed_gamma_norm = 0, deployed_gamma_norm_over_ols = 0, train_sse = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SweepRow, retain_prob, penalty_factor, ridge_lambda,
                                   deployed_gamma_norm, deployed_gamma_norm_over_ols, train_sse)

struct DesignResult {
  std::string key, name;  // as the Design's
  std::size_t N = 0, D = 0;
  Array w, gamma_squared;  // gamma_squared: diag(XᵀX)
  IdentityCheck srivastava, inverted;
  GradientCheck gradient;
  MinimiserCheck minimiser;
  std::vector<SweepRow> p_sweep;                 // ascending p
  std::vector<dropout_ridge::TracePoint> trace;  // running Monte Carlo mean (design A only)
  double gamma_squared_ratio() const;            // max/min of diag(XᵀX) over features
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DesignResult, N, D, w, gamma_squared, srivastava, inverted,
                                   gradient, minimiser, p_sweep)

struct Results {
  Settings settings;
  std::uint64_t seed = 0;
  bool quick = false;
  dropout_ridge::GaussianDesign gaussian_design;
  DesignResult design_a, gaussian;
};

// Every check on both designs, on up to context.threads threads. Monte Carlo stage k of a
// design reseeds from derive_seed(seed, stage_base + k), so a design's numbers depend on neither
// the other design nor the thread it runs on.
Results compute(const Settings& settings, const experiments::Context& context);

// compute → claims → report (report.cpp): summary.json, section.md, the CSV tables and figures.
// What main() hands to the runner.
experiments::Report run(const Settings& settings, const experiments::Context& context);

}  // namespace theorem
