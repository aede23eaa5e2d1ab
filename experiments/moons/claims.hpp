// The moons experiment's claims: the post's sentences about its Table 1, each decided by named
// checks on the replay, the corrected runs and the drop-probability sweep, or marked as
// reasoning. Each claim is a function of typed numbers, so a test can drive its verdict both
// ways; `moons_claims` reads them from summary.json's blocks and writes the table's text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"

namespace moons {

// |paired mean / its standard error| beyond which a difference between models is called real.
constexpr double kSignificantZ = 3;

// A paired difference over seeds: its mean and the standard error of that mean.
struct Paired {
  double mean = 0;
  double se = 0;
  double z() const;  // mean/se; NaN when se = 0 and mean = 0, ±inf when only se = 0
};

// Paired differences of per-seed numbers, b − a.
Paired paired(const std::vector<double>& a, const std::vector<double>& b);

struct ReplayFacts {
  std::size_t seeds = 0;
  double acc_weight_decay = 0, acc_dropout = 0;  // seed 0, as the post's code evaluates
  std::size_t weight_decay_constant_seeds = 0, dropout_constant_seeds = 0;
  std::size_t equal_accuracy_seeds = 0;  // with both bugs
  std::size_t equal_accuracy_seeds_without_bugs = 0;
};

struct CorrectedFacts {
  Paired dropout_minus_weight_decay;  // test accuracy
  Paired dropout_minus_none;          // test accuracy
  Paired generalisation_gap;          // no regulariser: training − test accuracy
  double se_one_split = 0;            // binomial SE of one accuracy on the test split
};

// The drop-probability sweep: eval-mode training loss per grid value and seed.
struct DropSweep {
  std::vector<double> drop_probs;                  // ascending
  std::vector<std::vector<double>> loss_per_seed;  // [grid value][seed]
};

// The trend test of "p = 0.5 regularises most": the per-seed least-squares slope of the
// eval-mode training loss against the drop probability, averaged over seeds with its SE; and
// the paired difference of the loss at the largest drop probability and at 0.5.
Paired loss_slope(const DropSweep& sweep);
Paired loss_beyond_half(const DropSweep& sweep);
// The smallest paired z of loss(0.5) − loss(q) over the other grid values q: ≥ kSignificantZ
// when 0.5 regularises most.
double half_over_others_min_z(const DropSweep& sweep);

experiments::Claim same_accuracy_claim(const ReplayFacts& replay, const CorrectedFacts& corrected,
                                       std::string measured);
experiments::Claim evidence_claim(const ReplayFacts& replay, std::string argument);
experiments::Claim default_p_claim(const ReplayFacts& replay, const CorrectedFacts& corrected,
                                   std::string argument);
experiments::Claim p_half_claim(const DropSweep& sweep, std::string measured);
experiments::Claim not_overfitted_claim(const CorrectedFacts& corrected, std::string measured);
// The post's split, inferred: the denominators up to 3000 that give 0.487879 to 6 digits.
std::vector<int> denominators_giving(double accuracy, int digits, int largest);
experiments::Claim inferred_split_claim(const std::vector<int>& denominators);

// All of them, from the summary's blocks (the sweep claim only when the sweep ran).
std::vector<experiments::Claim> moons_claims(const nlohmann::json& summary);

}  // namespace moons
