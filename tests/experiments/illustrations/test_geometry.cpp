// What the replayed computations do to the points: translations keep distances and spreads,
// the dropout rule scales distances, and the variation curve of exact arithmetic is geometric.
#include <cmath>

#include "autograd/random.hpp"
#include "experiments/illustrations/geometry.hpp"
#include "experiments/illustrations/replay.hpp"
#include "experiments/illustrations/results.hpp"
#include "test_helpers.hpp"

namespace il = illustrations;
using autograd::Array;

namespace {
Array clusters(std::uint64_t seed, std::size_t points_per_cluster = 1000) {
  autograd::Generator gen(seed);
  return il::sample_clusters(il::post_clusters(), points_per_cluster, gen);
}
}  // namespace

TEST_CASE("illustrations: the L2 replay keeps every distance and the dropout replay scales them",
          "[experiments][illustrations]") {
  const Array X = il::post_matrix();
  const auto distances = il::pairwise_distances(X);
  // Rows (1,1), (2,3), (3,7): distances √5, √40, √17.
  REQUIRE(distances.size() == 3);
  REQUIRE(std::abs(distances[0] - std::sqrt(5.0)) <= 1e-15);
  REQUIRE(std::abs(distances[1] - std::sqrt(40.0)) <= 1e-15);
  REQUIRE(std::abs(distances[2] - std::sqrt(17.0)) <= 1e-15);
  const Array X2 = il::post_l2_step(il::post_l2_step(X));
  const auto translated = il::pairwise_distances(X2);
  const double factor = il::post_dropout_factor(X);
  const auto scaled = il::pairwise_distances(il::post_dropout_step(X));
  for (std::size_t k = 0; k < 3; ++k) {
    REQUIRE(translated[k] == distances[k]);  // entries exact in doubles: no rounding at all
    REQUIRE(std::abs(scaled[k] - factor * distances[k]) <= 1e-14 * scaled[k]);
  }
  // {3, 7} from the centroid (1.5, 2) of the others: √(1.5² + 5²) = √27.25, before and after.
  REQUIRE(std::abs(il::distance_from_others(X, 2) - std::sqrt(27.25)) <= 1e-15);
  REQUIRE(il::distance_from_others(X2, 2) == il::distance_from_others(X, 2));
  // On log axes the translated points crowd together: their log-distances shrink.
  const auto log_before = il::log_pairwise_distances(X);
  const auto log_after = il::log_pairwise_distances(X2);
  for (std::size_t k = 0; k < 3; ++k) REQUIRE(log_after[k] < 0.01 * log_before[k]);
  REQUIRE_THROWS_AS(il::log_pairwise_distances(Array{{1.0, -1.0}, {2.0, 2.0}}),
                    std::invalid_argument);
}

TEST_CASE("illustrations: adding a constant leaves each column's spread unchanged to 1e-12",
          "[experiments][illustrations]") {
  const Array data = clusters(11);
  for (const double shift : {1.0, 10.0, 388.0, 1000.0}) {
    const il::TranslationCheck check = il::check_translation(data, shift);
    INFO("shift " << shift << ": std " << test::to_string(check.std_before) << " -> "
                  << test::to_string(check.std_after));
    REQUIRE(check.max_relative_std_change <= 1e-12);
    REQUIRE(check.max_relative_mean_error <= 1e-12);
    // and the variation falls exactly by mean/(mean + c): because the mean grew
    REQUIRE(check.max_variation_ratio_error <= 1e-12);
  }
}

TEST_CASE("illustrations: in exact arithmetic the variation falls by 1/(1 + sqrt(N*D)) per step",
          "[experiments][illustrations]") {
  const Array data = clusters(12);
  const il::ExactVariation exact = il::exact_variation(data, 15);
  REQUIRE(exact.variation.size() == 15);
  const double predicted = 1.0 / (1.0 + std::sqrt(3000.0 * 3.0));
  for (std::size_t n = 1; n < 15; ++n) {
    const double ratio = exact.variation[n] / exact.variation[n - 1];
    INFO("step " << n + 1 << ": ratio " << ratio << ", predicted " << predicted);
    // σ_max(data + C·11ᵀ) = C·√(N·D)·(1 + O(mean/C)): the ratio tends to the prediction.
    REQUIRE(std::abs(ratio - predicted) <= 0.01 * predicted);
  }
  // The first step agrees with the plain computation on data₀ + C₁ (no rounding issue yet).
  const il::VariationReplay replay = il::replay_variation(data, 15);
  REQUIRE(std::abs(replay.added[0] - exact.offsets[0]) <= 1e-13 * exact.offsets[0]);
  REQUIRE(std::abs(replay.variation[0] - exact.variation[0]) <= 1e-12 * exact.variation[0]);
}

TEST_CASE(
    "illustrations: the replay in doubles leaves exact arithmetic once the offset swamps "
    "the spread",
    "[experiments][illustrations]") {
  const Array data = clusters(13);
  const il::VariationReplay replay = il::replay_variation(data, 15);
  const il::ExactVariation exact = il::exact_variation(data, 15);
  for (std::size_t n = 0; n < 4; ++n) {
    // offsets up to ~3e8 over a spread of ~1: rounding of relative size ~1e-8 at most
    REQUIRE(std::abs(replay.variation[n] - exact.variation[n]) <= 1e-6 * exact.variation[n]);
    REQUIRE(replay.spread_drift[n] <= 1e-6);
  }
  // At offsets beyond ~1e16 the doubles cannot hold a unit-sized spread at all: the rounded
  // data are constant per column (drift exactly 1), and numpy-style sums report garbage.
  REQUIRE(exact.offsets[8] > 1e16);
  REQUIRE(replay.data_drift[14] == 1.0);
  REQUIRE(replay.spread_drift[14] > 1.0);
  REQUIRE(replay.variation[14] > 100 * exact.variation[14]);
  // Before that, the plain sums fail first: where their spread is off by more than 1%, the
  // rounded data (seen through compensated sums) are still much closer.
  std::size_t first = 0;
  while (replay.spread_drift[first] <= 0.01) ++first;
  INFO("plain sums first off by > 1% at step " << first + 1 << ": drift "
                                               << replay.spread_drift[first] << ", data alone "
                                               << replay.data_drift[first]);
  REQUIRE(replay.data_drift[first] < 0.1 * replay.spread_drift[first]);
}

TEST_CASE(
    "illustrations: measure_rule finds the L2 replay a translation and the dropout replay "
    "a scaling",
    "[experiments][illustrations]") {
  const il::MatrixReplay replay = il::replay_matrices();
  const il::RuleGeometry& l2 = replay.l2_geometry;
  REQUIRE(l2.pairwise_distances.size() == 3);
  REQUIRE(l2.max_abs_distance_change == 0.0);  // short binary fractions: exact in doubles
  REQUIRE(l2.final_distance_ratio == 1.0);
  REQUIRE(l2.outlier_is_farthest == std::vector<bool>{true, true, true});
  REQUIRE(l2.largest_log10_distance[2] < 0.001);  // on log axes the points crowd together
  const il::RuleGeometry& dropout = replay.dropout_geometry;
  const double total = replay.dropout_factor * replay.dropout_second_factor;
  REQUIRE(std::abs(dropout.final_distance_ratio - total) <= 1e-14 * total);
  REQUIRE(std::abs(dropout.max_distance_ratio - total) <= 1e-14 * total);
  REQUIRE(dropout.min_distance_ratio == 1.0);  // X against itself
  REQUIRE(std::abs(dropout.largest_log10_distance[2] - dropout.largest_log10_distance[0]) <=
          1e-14);  // a scaling keeps the shape on log axes
  REQUIRE(replay.figure2_as_drawn_vs_figure1 == 0.0);
  REQUIRE(replay.figure2_as_meant_vs_as_drawn > 1000);
  REQUIRE_THROWS_AS(il::measure_rule({}, 2), std::invalid_argument);
}

TEST_CASE("illustrations: the departure is the first step off by more than 1%, measured there",
          "[experiments][illustrations]") {
  const Array data = clusters(13);
  const il::VariationResults v = il::analyse_variation(data, 15);
  const std::size_t departure = v.first_departure_step;
  REQUIRE(departure > 1);
  for (std::size_t n = 0; n + 1 < departure; ++n) {
    REQUIRE(v.replay_vs_exact_difference[n] <= il::kDepartureTolerance);
  }
  REQUIRE(v.replay_vs_exact_difference[departure - 1] > il::kDepartureTolerance);
  REQUIRE(v.offset_at_departure == v.exact.offsets[departure - 1]);
  REQUIRE(v.column_sum_at_departure == 3000 * v.offset_at_departure);
  REQUIRE(v.column_sum_spacing_at_departure > v.offset_spacing_at_departure);
  REQUIRE(v.replay_after_departure_min <= v.replay_after_departure_max);
  REQUIRE(v.exact_ratio_per_step.size() == 14);
  REQUIRE(v.translation.shift == v.replay.added[0]);
  // Three steps stay far from rounding trouble: no departure, and nothing measured at one.
  const il::VariationResults short_run = il::analyse_variation(data, 3);
  REQUIRE(short_run.first_departure_step == 0);
  REQUIRE(short_run.offset_at_departure == 0.0);
  REQUIRE(short_run.replay_after_departure_max == 0.0);
}
