#include "experiments/illustrations/results.hpp"

#include <algorithm>
#include <cmath>

#include <xtensor/xview.hpp>

#include "autograd/random.hpp"
#include "experiments/common/arrays.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/illustrations/replay.hpp"

namespace illustrations {

namespace {

// The first step (1-based) whose value exceeds kDepartureTolerance; 0: none.
std::size_t first_step_above_tolerance(const std::vector<Scalar>& values) {
  for (std::size_t n = 0; n < values.size(); ++n) {
    if (values[n] > kDepartureTolerance) return n + 1;
  }
  return 0;
}

// Where the replay leaves the exact curve, and why there (results.hpp).
void measure_departure(VariationResults& v) {
  const std::size_t departure = v.first_departure_step;
  if (departure == 0) return;
  const std::vector<Scalar>& replayed = v.replay.variation;
  v.replay_after_departure_min =
      *std::min_element(replayed.begin() + (departure - 1), replayed.end());
  v.replay_after_departure_max =
      *std::max_element(replayed.begin() + (departure - 1), replayed.end());
  // The spacing of doubles near x: the size of one rounding step there.
  const auto spacing = [](Scalar x) { return std::nextafter(x, INFINITY) - x; };
  v.offset_at_departure = v.exact.offsets[departure - 1];
  v.offset_spacing_at_departure = spacing(v.offset_at_departure);
  // What numpy's mean sums up to, per column.
  v.column_sum_at_departure = static_cast<Scalar>(v.data.shape()[0]) * v.offset_at_departure;
  v.column_sum_spacing_at_departure = spacing(v.column_sum_at_departure);
  v.spread_drift_at_departure = v.replay.spread_drift[departure - 1];
  v.data_drift_at_departure = v.replay.data_drift[departure - 1];
  v.last_agreeing_step_spread_drift = departure > 1 ? v.replay.spread_drift[departure - 2] : 0.0;
}

}  // namespace

MatrixReplay replay_matrices() {
  MatrixReplay r;
  const Array X = post_matrix();
  r.l2 = {X, post_l2_step(X)};
  r.l2.push_back(post_l2_step(r.l2[1]));
  r.dropout = {X, post_dropout_step(X)};
  r.dropout.push_back(post_dropout_step(r.dropout[1]));
  r.l2_added = {(r.l2[1] - r.l2[0])(0, 0), (r.l2[2] - r.l2[1])(0, 0)};
  r.dropout_factor = post_dropout_factor(X);
  r.dropout_second_factor = post_dropout_factor(r.dropout[1]);
  r.second_factor_identity_error =
      std::abs(r.dropout_second_factor / std::pow(r.dropout_factor, 1.5) - 1);
  // Figure 1 stacks the L2 matrices; the post's second cell stacks them again
  // (`result = np.vstack([initial_matrix, matrix_l2_1, matrix_l2_2])`), so Figure 2 is drawn
  // from this, while it meant to draw the dropout matrices.
  r.figure2_as_drawn = {r.l2[0], r.l2[1], r.l2[2]};
  r.figure2_as_drawn_vs_figure1 = experiments::max_abs_difference(r.figure2_as_drawn, r.l2);
  r.figure2_as_meant_vs_as_drawn = experiments::max_abs_difference(r.dropout, r.figure2_as_drawn);
  r.l2_geometry = measure_rule(r.l2, kOutlierRow);
  r.dropout_geometry = measure_rule(r.dropout, kOutlierRow);
  return r;
}

VariationResults analyse_variation(const Array& data, std::size_t steps) {
  VariationResults v;
  v.data = data;
  v.replay = replay_variation(data, steps);
  v.exact = exact_variation(data, steps);
  v.translation = check_translation(data, v.replay.added.front());
  // The added norms themselves are not what rounding spoils: they agree with the exact ones.
  Scalar replay_offset = 0;
  for (std::size_t n = 0; n < steps; ++n) {
    replay_offset += v.replay.added[n];
    v.offsets_max_relative_difference =
        std::max(v.offsets_max_relative_difference,
                 std::abs(replay_offset - v.exact.offsets[n]) / v.exact.offsets[n]);
  }
  const std::vector<Scalar>& exact = v.exact.variation;
  for (std::size_t n = 1; n < steps; ++n) v.exact_ratio_per_step.push_back(exact[n] / exact[n - 1]);
  const auto [low, high] =
      std::minmax_element(v.exact_ratio_per_step.begin(), v.exact_ratio_per_step.end());
  v.exact_ratio_min = *low;
  v.exact_ratio_max = *high;
  // For a large offset C, σ_max(data + C·11ᵀ) ≈ C·‖11ᵀ‖₂ = C·√(N·D): each step multiplies the
  // offset, hence divides the variation, by about 1 + √(N·D).
  const Scalar rows = data.shape()[0], columns = data.shape()[1];
  v.predicted_ratio = 1.0 / (1.0 + std::sqrt(rows * columns));
  v.exact_decades_per_step =
      (std::log10(exact.front()) - std::log10(exact.back())) / static_cast<Scalar>(steps - 1);
  for (std::size_t n = 0; n < steps; ++n) {
    v.replay_vs_exact_difference.push_back(std::abs(v.replay.variation[n] - exact[n]) / exact[n]);
  }
  v.first_departure_step = first_step_above_tolerance(v.replay_vs_exact_difference);
  // The same for the rounding of the data alone (compensated sums, replay.hpp).
  v.first_data_departure_step = first_step_above_tolerance(v.replay.data_drift);
  const auto smallest = std::min_element(v.replay.variation.begin(), v.replay.variation.end());
  v.replay_argmin_step = static_cast<std::size_t>(smallest - v.replay.variation.begin()) + 1;
  v.replay_min = *smallest;
  measure_departure(v);
  return v;
}

Results compute(const Settings& settings, std::uint64_t seed, bool quick) {
  Results r;
  r.settings = settings;
  r.seed = seed;
  r.quick = quick;
  r.matrices = replay_matrices();
  autograd::Generator gen(experiments::derive_seed(seed, 1));
  const Array data = sample_clusters(post_clusters(), settings.points_per_cluster, gen);
  r.variation = analyse_variation(data, kPostSteps);
  r.weights = analyse_weights(settings.weight_decay, settings.retain_prob, kDescentTolerance,
                              kMaxDescentSteps);
  return r;
}

}  // namespace illustrations
