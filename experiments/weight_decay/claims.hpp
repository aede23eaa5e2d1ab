// Every row of the weight-decay section as a claim (experiments/common/claims.hpp): each
// measured verdict chosen by named checks on the typed results, with thresholds that can fail.
#pragma once

#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/settings.hpp"
#include "experiments/weight_decay/sweep.hpp"

namespace weight_decay {

// Penalty in the loss against weight_decay: "to rounding" in double. The parameters are O(1),
// so an absolute bound this small leaves room for a few roundings and none for a real
// difference (AdamW against Adam + L2 differs by more than 0.1 on the same runs).
constexpr double kEqualityTolerance = 1e-12;
// An end point "is" ridge when every shrinkage factor θⱼ/θⱼᴼᴸˢ agrees to 1e-3 (the tail
// average of a constant-lr Adam; measured agreement is near 1e-9).
constexpr double kRidgeTolerance = 1e-3;
// ... and is "not ridge" when some factor differs by more than 0.05.
constexpr double kNotRidge = 0.05;
// The box's KKT conditions hold when each coordinate is within 1% of the face |θⱼ| = 1/λ or
// its gradient is within 1% of its value at θ = 0.
constexpr double kBoxTolerance = 0.01;
// Rescaling: a method follows ridge when its factor of feature 0 is within 0.01 of ridge's at
// every scale.
constexpr double kTrackTolerance = 0.01;
// Seed-averaged differences: real from 3 standard errors of the paired difference
// (experiments/common/claims.hpp).
using experiments::kSignificantZ;

experiments::Claim sgd_claim(const LinearResults& linear, const MoonsResults& moons);
experiments::Claim adam_l2_claim(const LinearResults& linear, const MoonsResults& moons);
experiments::Claim adamw_not_l2_claim(const LinearResults& linear);
experiments::Claim adam_l2_end_point_claim(const LinearResults& linear);
experiments::Claim rescaling_claim(const LinearResults& linear);
experiments::Claim per_step_claim();
experiments::Claim same_number_claim(const MoonsSettings& settings, const MoonsResults& moons);
experiments::Claim dropout_claim(const MoonsSettings& settings, const MoonsResults& moons);

std::vector<experiments::Claim> all_claims(const Settings& settings, const LinearResults& linear,
                                           const MoonsResults& moons);

}  // namespace weight_decay
