// The four parts of the dynamics experiment. Each computes its numbers, writes its CSV tables
// into `out`, and returns its part of summary.json; report.cpp turns the summary into figures
// and the Markdown section.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "datasets/dataset.hpp"
#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/dynamics/settings.hpp"

namespace dynamics {

// Seed stages (experiments::derive_seed(seed, stage)): each part, learning rate, α and run has
// its own stream, so no part's numbers depend on which others ran.
inline constexpr std::uint64_t kStageSgd = 1'000;          // + 100·lr index + run
inline constexpr std::uint64_t kStageSgdCheck = 1'900;     // nn/optim vs fast loop
inline constexpr std::uint64_t kStageClara = 2'000;        // + 100·α index + task
inline constexpr std::uint64_t kStageClaraPlain = 2'900;   // + task
inline constexpr std::uint64_t kStageEquivalence = 3'000;  // + 100·config + run
inline constexpr std::uint64_t kStageEquivalenceCheck = 3'900;
inline constexpr std::uint64_t kStageStability = 4'000;         // + 100·lr index + run
inline constexpr std::uint64_t kStageFixedOrder = 5'000;        // + 100·lr index + run
inline constexpr std::uint64_t kStageWeightDecayStall = 6'000;  // + 100·lr index + run

// 1. Per-sample dropout SGD against the marginalised minimiser w*: "sgd".
nlohmann::json sgd_section(const Settings& settings, const experiments::Output& out);
// 2. Clara et al.'s full-batch dropout GD, its exact stationary covariance: "clara".
nlohmann::json clara_section(const Settings& settings, const experiments::Output& out);
// 3. Weight decay 2q/(1−q) and inverted dropout q land on one ridge solution: "equivalence".
nlohmann::json equivalence_section(const Settings& settings, const experiments::Output& out);
// 1b. Dropout SGD at and above the stability bound of its second moments ("sgd_stability"), in
// the post's fixed row order ("sgd_fixed_order"), and weight-decay SGD's stall at two learning
// rates ("weight_decay_stall"): returns an object with those three keys.
nlohmann::json stability_section(const Settings& settings, const experiments::Output& out);

// Design A with standardised columns (ddof 0) and centred target (the weight-decay rows).
datasets::Dataset standardised_design_A();

// 4. Wager et al.'s quadratic approximation of the logistic dropout penalty: returns
// {"table": [...], "small_s": {...}} (summary keys "wager" and "wager_small_s").
nlohmann::json wager_section(const experiments::Output& out);

// The figures and section.md (report.cpp); returns the claims its verdict table shows.
std::vector<experiments::Claim> write_report(const nlohmann::json& summary,
                                             const experiments::Output& out);

}  // namespace dynamics
