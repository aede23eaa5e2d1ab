// The moons experiment's plan and its raw results: which models are trained on which seed,
// run as independent tasks on a few threads (experiments::parallel_for).
//
// Seeds: seed index s (0, 1, …) has its own stream root r_s = derive_seed(--seed, s), and from
// it the data (make_moons), the split, the initialisation (with the dropout masks that follow
// it in the same stream) and the logistic baseline's initialisation each get their own
// derived seed. Every model trained on seed s starts from the same initial weights (the
// Dropout modules hold no parameters), so the models' differences are paired.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "datasets/dataset.hpp"
#include "experiments/moons/bayes.hpp"
#include "experiments/moons/logistic.hpp"
#include "experiments/moons/training.hpp"

namespace moons {

struct Config {
  std::uint64_t seed = 0;
  bool quick = false;
  // data and training: the post's recipe (experiments/common/post_recipe.hpp)
  std::size_t n_samples = experiments::kPostMoonsSamples;
  double noise = experiments::kPostMoonsNoise;
  double test_size = experiments::kPostMoonsTestSize;
  std::string data_file;  // --data: train on this CSV instead of make_moons
  MlpShape shape;
  std::size_t epochs = experiments::kPostEpochs;
  double lr = experiments::kPostLearningRate;
  double weight_decay = experiments::kPostWeightDecay;
  double drop_prob = experiments::kPostDropProb;
  bool stop_on_non_finite = true;
  // which of the post's bugs the headline replay contains
  bool bug_wrong_optimizer = true;
  bool bug_logit_threshold = true;
  // repetitions and the strength sweep: weight decay on a log grid up to 1 (0, the
  // unregularised model, is added by the experiment), drop probability 0 to 0.9. The post's
  // settings, 0.2 and 0.5, are on the grids. The grids are as coarse as still shows where each
  // regulariser starts to hurt, so that the default run stays near a minute on two cores.
  std::size_t seeds = 10;
  std::size_t sweep_seeds = 3;
  std::vector<double> weight_decay_grid = {1e-3, 1e-2, 0.03, 0.1, 0.2, 1.0};
  std::vector<double> drop_prob_grid = {0.0, 0.1, 0.3, 0.5, 0.7, 0.9};
  LogisticSettings logistic;
};

// --quick: fewer, cheaper runs. lr·epochs is kept at the full run's 0.001·200 (the same
// distance travelled by plain SGD), so the quick models end up where the full ones do,
// roughly; the grids keep a point either side of the post's settings.
void make_quick(Config& config);

// Stages of derive_seed under a seed index's root (kept fixed: they define the streams).
enum SeedStage : std::uint64_t {
  kDataStage = 0,
  kSplitStage = 1,
  kInitStage = 2,
  kLogisticStage = 3
};
std::uint64_t stage_seed(const Config& config, std::size_t seed_index, SeedStage stage);

struct SeedData {
  datasets::Dataset train;
  datasets::Dataset test;
  Rows rows;  // train as the post's loop sees it
};

// The data of seed index s: make_moons + train_test_split, or the --data file (then the same
// for every seed: only initialisation and masks vary). A file with columns x0, x1, label is
// split by train_test_split; one with x0, x1, is_test, label keeps its own split (rows in file
// order), which is how a PyTorch run and this one see exactly the same points.
SeedData make_seed_data(const Config& config, std::size_t seed_index,
                        const datasets::Dataset* file_data);

// One trained MLP: which seed, which regulariser.
struct TrainSpec {
  std::size_t seed_index = 0;
  double weight_decay = 0;
  double drop_prob = 0;
  bool replay = false;  // afterwards, also run the post's second loop (the wrong optimizer)
  bool grid = false;    // evaluate on the decision-boundary grid
};

struct ModelEvaluation {
  Evaluation test_sigmoid;              // σ(z) > 0.5
  Evaluation test_post;                 // z ≥ 0.5, the post's binarize
  double logit_min = 0, logit_max = 0;  // over the test points
  Array grid_probability;               // σ(z) on the grid, when asked for
};

// What the post's second loop does: the dropout model's gradients are computed and zeroed,
// but the weight-decay model's optimizer steps, with the gradient its last first-loop step
// left behind.
struct ReplayRun {
  ModelEvaluation weight_decay_model;      // after both loops, as the post evaluates it
  ModelEvaluation dropout_model;           // never stepped: still its initialisation
  std::vector<double> dropout_epoch_loss;  // the second loop's running loss, per epoch
  double dropout_change_from_init = 0;     // max |θ − θ_init| of the dropout model
  double weight_decay_change = 0;          // max |θ_after − θ_before| over the second loop
  // θ ← θ − lr(g_stale + wd·θ) has the fixed point θ* = −g_stale/wd: max |θ − θ*| at the end.
  std::optional<double> weight_decay_distance_to_fixed_point;
  double last_training_label = 0;  // the row whose gradient is stale
};

struct ModelRun {
  // The corrected model: its parameter values after the post's (first) loop, in
  // parameters() order; make_mlp(config.shape, spec.drop_prob) rebuilds the module.
  std::vector<Array> trained_parameters;
  ModelEvaluation eval;
  double train_accuracy = 0;  // eval mode, σ rule
  double train_loss = 0;      // eval mode, mean BCE
  std::vector<double> epoch_loss;
  double change_from_init = 0;
  double parameter_norm = 0;
  std::optional<ReplayRun> replay;
};

// The decision-boundary grid: nx × ny points, x fastest.
struct Grid {
  double x_low = 0, x_high = 0, y_low = 0, y_high = 0;
  std::size_t nx = 0, ny = 0;
  Array points;  // (nx·ny, 2)
};
Grid make_grid(const datasets::Dataset& data, std::size_t nx, std::size_t ny);

// Trains one MLP with the post's loop (its own optimizer) and evaluates it; with spec.replay,
// continues with the post's buggy second loop. Seeds the library generator itself.
ModelRun train_model(const Config& config, const SeedData& data, const TrainSpec& spec,
                     const Grid* grid, const LoopControl& control);

// Everything the experiment trains and computes, before any summarising.
struct Results {
  std::vector<SeedData> data;  // per seed index
  std::vector<TrainSpec> specs;
  std::vector<ModelRun> runs;         // parallel to specs
  std::vector<LogisticFit> logistic;  // per main seed
  BayesIntegral bayes, bayes_half_step;
  std::vector<double> bayes_test_accuracy;  // the Bayes rule on each main seed's test split
  std::optional<Grid> grid;
  Array bayes_grid_probability;  // f₁/(f₀ + f₁) on the grid
  std::size_t total_steps = 0;

  // The run of (seed, wd, drop); throws std::logic_error when it was not planned.
  const ModelRun& run(std::size_t seed_index, double weight_decay, double drop_prob) const;
};

// Trains everything on `threads` workers (results do not depend on their number), with a
// progress line counting training steps.
Results compute(const Config& config, const datasets::Dataset* file_data, std::size_t threads);

}  // namespace moons
