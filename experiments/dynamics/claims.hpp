// The dynamics experiment's claims: the post's sentences about dropout's noise under gradient
// descent, each decided by named checks on the measured numbers against their closed forms, or
// argued (the post's reading of Clara et al.). Each claim is a function of typed numbers, so a
// test can drive its verdict both ways.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "experiments/common/claims.hpp"

namespace dynamics {

constexpr double kMaxAbsZ = 4;                           // Monte Carlo vs exact, in SEs
constexpr double kSlopeLow = -0.65, kSlopeHigh = -0.35;  // the averaged iterate's slope
constexpr double kSqrtLawTolerance = 0.05;               // |exact ratio/√(lr ratio) − 1|
constexpr double kQuadraticHolds = 0.10;     // Wager et al.: |quadratic/exact − 1| ≤ 10%
constexpr double kSquareLawTolerance = 0.2;  // |slope − 2| of the small-s relative error
constexpr double kDivergedShare = 0.5;       // "diverges": at least half the runs blow up

// Dropout SGD at its two main learning rates (index 0: the larger).
struct SgdFacts {
  double averaged_slope[2] = {-0.5, -0.5};
  double averaged_slope_runs_mean[2] = {-0.5, -0.5};
  double averaged_slope_runs_se[2] = {0.01, 0.01};
  double long_run_z[2] = {0, 0};
  double stationary_z[2] = {0, 0};
  double rms_ratio_z = 0;                // measured stall ratio against the exact one
  double exact_rms_ratio_over_sqrt = 1;  // exact stall ratio / √(lr ratio)
};

// At and above the second moments' stability bound, and dropout's cost at matched penalties.
struct StabilityFacts {
  double lr_bound = 0.1;
  double plain_lr_bound = 0.1;  // the same bound for plain SGD (no dropout) on the same rows
  std::size_t runs = 8;
  std::size_t diverged_at_bound = 0;
  double highest_factor = 3;            // the largest lr run, over the bound
  std::size_t diverged_at_highest = 8;  // runs that blew up there
  double noise_ratio = 4;               // long-run covariance, dropout over weight decay
};

// Weight-decay SGD without dropout at two learning rates.
struct WeightDecayStallFacts {
  double stationary_z[2] = {0, 0};
  double ratio_z = 0;  // measured ratio against the exact one
  double exact_ratio_over_sqrt = 1;
};

struct ClaraFacts {
  double max_variance_z = 0, max_mean_z = 0;
  double non_shrinking_steps = 0;  // α halvings that do not shrink tr M
  double simplified_error = 0;     // the maskless residual's chains against least squares
};

struct EquivalenceFacts {
  double max_abs_z = 0;                 // averaged SGD against the ridge solution
  double post_pair_ridge_distance = 1;  // the post's pair's two ridge solutions apart
  double weight_decay_for_half = 2;     // the weight decay that matches q = 0.5
};

struct WagerFacts {
  double best_abs_ratio_error = 0;   // min over cells of |quadratic/exact − 1|
  double worst_abs_ratio_error = 1;  // max over cells
  double small_s_slope_min = 2, small_s_slope_max = 2;
};

experiments::Claim throw_off_claim(const SgdFacts& sgd, const StabilityFacts& stability,
                                   std::string measured);
experiments::Claim last_iterate_claim(const SgdFacts& sgd, const WeightDecayStallFacts& wd,
                                      std::string measured);
experiments::Claim introduce_noise_claim(double noise_ratio_half, double noise_ratio_post,
                                         std::string measured);
experiments::Claim clara_claim(const ClaraFacts& clara, std::string measured);
experiments::Claim clara_d_squared_claim();
experiments::Claim weight_decay_match_claim(const EquivalenceFacts& eq, std::string measured);
experiments::Claim wager_claim(const WagerFacts& wager, std::string measured);

}  // namespace dynamics
