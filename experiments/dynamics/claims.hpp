// The dynamics experiment's claims: the post's sentences about dropout's noise under gradient
// descent, each decided by named checks on the typed results (results.hpp) against their closed
// forms, or argued (the post's reading of Clara et al.). A test can drive each verdict both ways
// by changing a result.
#pragma once

#include <string>

#include "experiments/common/claims.hpp"
#include "experiments/dynamics/results.hpp"

namespace dynamics {

using experiments::kMaxAbsZ;                 // Monte Carlo vs exact: within 4 SE (claims.hpp)
constexpr double kSlopeTolerance = 0.15;     // |averaged iterate's slope + ½|
constexpr double kSqrtLawTolerance = 0.05;   // |exact ratio/√(lr ratio) − 1|
constexpr double kQuadraticHolds = 0.10;     // Wager et al.: |quadratic/exact − 1| ≤ 10%
constexpr double kSquareLawTolerance = 0.2;  // |slope − 2| of the small-s relative error
constexpr double kDivergedShare = 0.5;       // "diverges": at least half the runs blow up

// The numbers the checks compare that are not in the results as they stand (the report quotes
// them too).
double max_abs_mean_z(const ClaraResult& clara);      // over α and coordinates
double max_abs_variance_z(const ClaraResult& clara);  // over α and coordinates
// |quadratic ÷ exact − 1| at a cell of the logistic table: within kQuadraticHolds, it holds.
double ratio_error(const WagerCell& cell);
struct WagerExtremes {
  double best_ratio_error = 1e300, worst_ratio_error = 0;  // over the table's cells
  double slope_min = 1e300, slope_max = -1e300;            // of the small-s relative errors
};
WagerExtremes extremes(const std::vector<WagerCell>& table,
                       const std::vector<WagerSmallS>& small_s);

// "measured" is the claim's description of what was measured (report.cpp writes it).
experiments::Claim throw_off_claim(const SgdResult& sgd, const StabilityResult& stability,
                                   const EquivalenceResult& eq, std::string measured);
experiments::Claim last_iterate_claim(const SgdResult& sgd, const WeightDecayStallResult& wd,
                                      std::string measured);
experiments::Claim introduce_noise_claim(const EquivalenceResult& eq, std::string measured);
experiments::Claim clara_claim(const ClaraResult& clara, std::string measured);
experiments::Claim clara_d_squared_claim();
experiments::Claim weight_decay_match_claim(const EquivalenceResult& eq, std::string measured);
experiments::Claim wager_claim(const std::vector<WagerCell>& table,
                               const std::vector<WagerSmallS>& small_s, std::string measured);

}  // namespace dynamics
