// The experiment's typed results: the post's three computations replayed and measured, and
// what L2 and dropout actually do. Claims (claims.hpp), the report and the figures (report.hpp)
// and summary.json (to_json) are all made from these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/illustrations/geometry.hpp"
#include "experiments/illustrations/replay.hpp"
#include "experiments/illustrations/weights.hpp"

namespace illustrations {

// The post's loop: `for n in range(1, 16)`.
constexpr std::size_t kPostSteps = 15;
// "Our outlier {3, 7}": the last row of the post's matrix.
constexpr std::size_t kOutlierRow = 2;
// Gradient descent stops when every weight is this close to the ridge solution.
constexpr Scalar kDescentTolerance = 1e-12;
constexpr std::size_t kMaxDescentSteps = 1'000'000;
// The replayed variation curve "departs" from the exact one where they differ by more than
// this (relative): far above the ~1e-15 agreement of the first steps, far below the factor-of-
// several disagreement once rounding takes over.
constexpr Scalar kDepartureTolerance = 0.01;

struct Settings {
  std::uint64_t points_per_cluster = 1000;  // the post's rvs(1000)
  Scalar weight_decay = 1.0;                // λ; the post's λ' = 1
  Scalar retain_prob = 0.5;                 // the theorem's p; the post's p = 0.5
};

// The post's first two cells: X and two steps of each rule, and what each does to the points.
struct MatrixReplay {
  std::vector<Array> l2, dropout;       // X, X₁, X₂ under each rule
  std::vector<Array> figure2_as_drawn;  // what the dropout cell stacks: the L2 matrices again
  std::vector<Scalar> l2_added;         // the number each L2 step adds to every entry
  Scalar dropout_factor = 0, dropout_second_factor = 0;
  // Σ_i ‖f·x_i‖^½ = √f·Σ_i ‖x_i‖^½, so the second factor is f^{3/2}: |f₂/f^{3/2} − 1|.
  Scalar second_factor_identity_error = 0;
  // Largest |difference| between the stacked points of the post's figures.
  Scalar figure2_as_drawn_vs_figure1 = 0, figure2_as_meant_vs_as_drawn = 0;
  RuleGeometry l2_geometry, dropout_geometry;
};
MatrixReplay replay_matrices();

// The third cell: the clusters' variation curve, replayed in doubles (as the post computed it)
// and in exact arithmetic, and where and why the two part.
struct VariationResults {
  Array data;                                // the clusters, points_per_cluster rows each
  VariationReplay replay;                    // the post's loop in doubles
  ExactVariation exact;                      // the same loop without rounding the data
  TranslationCheck translation;              // the first step's shift, checked on its own
  std::vector<Scalar> exact_ratio_per_step;  // v(n+1)/v(n) of the exact curve
  Scalar exact_ratio_min = 0, exact_ratio_max = 0;
  Scalar predicted_ratio = 0;  // 1/(1 + √(N·D))
  Scalar exact_decades_per_step = 0;
  Scalar offsets_max_relative_difference = 0;      // replayed vs exact offsets
  std::vector<Scalar> replay_vs_exact_difference;  // |replay − exact|/exact per step
  // The first step (1-based) where the replay differs from the exact curve by more than
  // kDepartureTolerance, and where the rounded data alone drift by that much; 0: never.
  std::size_t first_departure_step = 0, first_data_departure_step = 0;
  std::size_t replay_argmin_step = 0;
  Scalar replay_min = 0;
  Scalar replay_after_departure_min = 0, replay_after_departure_max = 0;  // 0 without departure
  // At the departure step (when there is one): the offset, the column sums numpy forms there,
  // the spacing of doubles near both, and the two drifts.
  Scalar offset_at_departure = 0, offset_spacing_at_departure = 0;
  Scalar column_sum_at_departure = 0, column_sum_spacing_at_departure = 0;
  Scalar spread_drift_at_departure = 0, data_drift_at_departure = 0;
  Scalar last_agreeing_step_spread_drift = 0;
};
VariationResults analyse_variation(const Array& data, std::size_t steps);

struct Results {
  Settings settings;
  std::uint64_t seed = 0;
  bool quick = false;
  MatrixReplay matrices;
  VariationResults variation;
  WeightsResults weights;
};
Results compute(const Settings& settings, std::uint64_t seed, bool quick);

// summary.json's keys, but "claims" and "verdicts" (claims.hpp).
nlohmann::json to_json(const Results& results);

}  // namespace illustrations
