// The theorem experiment's claims: the post's sentences about the dropout–ridge identity, each
// decided by named checks on the typed results of both designs (the model: common/claims.hpp).
// Each claim is a function of DesignResults, so a test can drive its verdict both ways.
#pragma once

#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/theorem/theorem.hpp"

namespace theorem {

// Thresholds, stated once (the report quotes them).
using experiments::kMaxAbsZ;                   // Monte Carlo: within 4 SE (common/claims.hpp)
constexpr double kExactRelativeError = 1e-12;  // enumeration against the closed form
constexpr double kMinimiserError = 1e-10;      // gradient descent against w*
constexpr double kRidgeDifference = 1e-9;      // p·w* against the per-feature ridge solve
// The pair of retain probabilities with the same p(1−p) that the p = 0.5 claim compares.
constexpr double kLowRetainProb = 0.2, kHighRetainProb = 0.8;

// Steps of the sweep (ascending p) at which the deployed shrinkage fails to grow as p falls,
// i.e. ‖Γ·p·w*‖ does not increase from one p to the next: 0 when monotone over the grid.
double non_monotone_steps(const DesignResult& d);
// The retain probability on the sweep where ‖Γ·p·w*‖ is smallest (the strongest shrinkage).
double strongest_shrinkage_retain_prob(const DesignResult& d);

experiments::Claim identity_claim(const DesignResult& a, const DesignResult& g);
experiments::Claim minimiser_claim(const DesignResult& a, const DesignResult& g);
experiments::Claim ridge_claim(const DesignResult& a, const DesignResult& g);
experiments::Claim p_half_claim(const DesignResult& a, const DesignResult& g);
experiments::Claim conventions_claim(const DesignResult& a, const DesignResult& g,
                                     double retain_prob);

// All of them, in the report's order.
std::vector<experiments::Claim> theorem_claims(const Results& results);

}  // namespace theorem
