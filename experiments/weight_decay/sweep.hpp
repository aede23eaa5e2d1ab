// Row 3 of issue 20: the moons MLP under SGD + weight decay, Adam + L2, AdamW and dropout with
// Adam, each over its strength grid and every seed; and rows 1–2 on the MLP (the penalty in the
// loss against weight_decay, for SGD and Adam).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "experiments/common/statistics.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/mlp.hpp"
#include "experiments/weight_decay/settings.hpp"

namespace weight_decay {

// One trained model, measured after training.
struct SeedRun {
  double test_accuracy = 0;
  double train_accuracy = 0;
  double weight_norm = 0;  // ‖θ‖₂ over every weight and bias
  std::size_t predicted_ones = 0;
  std::size_t n_test = 0;
  bool constant = false;  // the same label for every test point
};

// One method at one strength, over the seeds (seed k of every point has the same data, split
// and initial weights, so differences between points are paired).
struct SweepPoint {
  Method method = Method::sgd_weight_decay;
  double strength = 0;
  std::vector<SeedRun> runs;
  experiments::MeanSe test_accuracy;
  experiments::MeanSe weight_norm;
  std::size_t constant_seeds = 0;
  // A point collapses when most of its seeds end as constant predictors.
  bool collapsed() const { return 2 * constant_seeds > runs.size(); }
};

struct MoonsResults {
  std::vector<SweepPoint> points;          // per method: strength 0, then its grid, ascending
  std::vector<EqualityResult> equalities;  // SGD and Adam on the MLP
};

// The grid of `method` (weight decays or drop probabilities), with 0 first.
std::vector<double> strengths(const MoonsSettings& settings, Method method);

MoonsResults run_moons(const MoonsSettings& settings, std::uint64_t seed, std::size_t threads);

// The point of `method` at `strength` (throws std::logic_error when it was not run).
const SweepPoint& point(const MoonsResults& results, Method method, double strength);
// The smallest strength of `method` whose point collapsed; NaN when none on the grid did.
double collapse_strength(const MoonsResults& results, Method method);
// The paired difference b − a of test accuracy over seeds, with its SE.
experiments::MeanSe paired_difference(const SweepPoint& a, const SweepPoint& b);

// The pieces, for the tests: one model trained and measured; both L2 routes on one seed.
SeedRun train_one(const MoonsSettings& settings, Method method, double strength, std::uint64_t seed,
                  std::size_t seed_index, const TrainingHooks& hooks = {});
EqualityResult moons_equality(const MoonsSettings& settings, Method method, double lambda,
                              std::uint64_t seed);

}  // namespace weight_decay
