// The theorem experiment's claims: the post's sentences about the dropout–ridge identity, each
// decided by named checks on the measured numbers of both designs (claims.hpp in common/).
// Each claim is a function of typed measurements, so a test can drive its verdict both ways.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "experiments/common/claims.hpp"

namespace dropout_ridge {

// What the theorem experiment measured on one design, as the claims need it.
struct DesignMeasurements {
  std::string name;  // "design A", for the sentences
  // the identity, Srivastava's convention (retain probability p, no rescaling)
  double closed_form = 0, mc_mean = 0, mc_se = 0;
  std::size_t mc_draws = 0;
  double enumerated_rel_error = 0, mc_z = 0;
  // the identity, PyTorch's inverted convention (drop q = 1 − p, survivors × 1/p)
  double inverted_closed_form = 0, inverted_enumerated_rel_error = 0, inverted_mc_z = 0;
  // gradients and the minimiser
  double gradient_mc_max_abs_z = 0, gradient_enumerated_max_rel_error = 0, gd_max_error = 0;
  double deployed_vs_ridge_max_abs_difference = 0;
  double gamma_squared_ratio = 1;  // max/min of diag(XᵀX) over features
  // the p sweep: retain probability (ascending), ‖Γ·p·w*‖ and ‖Γ·p·w*‖/‖Γ·w_ols‖
  std::vector<double> sweep_retain_prob, sweep_deployed_gamma_norm, sweep_over_ols;
};

// Thresholds, stated once (the report quotes them).
constexpr double kMaxAbsZ = 4;                 // Monte Carlo: within 4 standard errors
constexpr double kExactRelativeError = 1e-12;  // enumeration against the closed form
constexpr double kMinimiserError = 1e-10;      // gradient descent against w*
constexpr double kRidgeDifference = 1e-9;      // p·w* against the per-feature ridge solve

// Steps of the sweep (ascending p) at which the deployed shrinkage fails to grow as p falls,
// i.e. ‖Γ·p·w*‖ does not increase from one p to the next: 0 when monotone over the grid.
double non_monotone_steps(const DesignMeasurements& d);
// The retain probability on the sweep where ‖Γ·p·w*‖ is smallest (the strongest shrinkage).
double strongest_shrinkage_retain_prob(const DesignMeasurements& d);

experiments::Claim identity_claim(const DesignMeasurements& a, const DesignMeasurements& g);
experiments::Claim minimiser_claim(const DesignMeasurements& a, const DesignMeasurements& g);
experiments::Claim ridge_claim(const DesignMeasurements& a, const DesignMeasurements& g);
experiments::Claim p_half_claim(const DesignMeasurements& a, const DesignMeasurements& g);
experiments::Claim conventions_claim(const DesignMeasurements& a, const DesignMeasurements& g,
                                     double retain_prob);

// All of them, in the report's order.
std::vector<experiments::Claim> theorem_claims(const DesignMeasurements& a,
                                               const DesignMeasurements& g, double retain_prob);

}  // namespace dropout_ridge
