// The moons experiment's claims: the post's sentences about its Table 1, each decided by named
// checks on the typed summary (the replay, the corrected runs and the drop-probability sweep),
// or marked as reasoning. A test drives each verdict both ways by setting summary fields.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/moons/summary.hpp"

namespace moons {

// |paired mean / its standard error| from which a difference between models is called real: 3
// (experiments/common/claims.hpp).
using experiments::kSignificantZ;

// The trend test of "p = 0.5 regularises most", on the drop-probability sweep: the per-seed
// least-squares slope of the eval-mode training loss against the drop probability, averaged
// over seeds with its SE; and the paired difference of the loss at the largest drop
// probability and at 0.5.
experiments::MeanSe loss_slope(const std::vector<SweepPoint>& drop_sweep);
experiments::MeanSe loss_beyond_half(const std::vector<SweepPoint>& drop_sweep);
// The smallest paired z of loss(0.5) − loss(q) over the other grid values q: ≥ kSignificantZ
// when 0.5 regularises most.
double half_over_others_min_z(const std::vector<SweepPoint>& drop_sweep);

experiments::Claim inferred_split_claim(const std::vector<int>& denominators);
experiments::Claim same_accuracy_claim(const Summary& summary);
experiments::Claim evidence_claim(const Summary& summary);
experiments::Claim default_p_claim(const Summary& summary);
experiments::Claim p_half_claim(const Summary& summary);
experiments::Claim not_overfitted_claim(const Summary& summary);

// All of them (the sweep claim only when the sweep ran).
std::vector<experiments::Claim> moons_claims(const Summary& summary);

// Text the claims and the report share: "0.9515 ± 0.0061" (mean ± sd over seeds), "3 of 10",
// and a z-score ("—" when it is not finite).
std::string plus_minus(const SeedStats& stats);
std::string count_of(std::size_t count, std::size_t total);
std::string z_text(double z);

}  // namespace moons
