// The workloads of the benchmark suite, run on our engine. bench_torch.py runs the same ones
// in PyTorch: it reads every size below from the "workload" object of ours.json, so the two
// frameworks cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/dropout_ridge/gaussian_design.hpp"

namespace bench {

struct Workload {
  std::uint64_t seed = 0;
  bool quick = false;

  // The post's moons setup: make_moons(1000, noise 0.2), 33% held out (ceil(0.33·1000) = 330),
  // so 670 training points; MLP 2-64-64-1 with ReLU; SGD lr 0.001; BCEWithLogitsLoss.
  std::size_t moons_samples = 1000;
  double moons_noise = 0.2;
  double test_size = 0.33;
  std::size_t hidden = 64;
  double lr = 0.001;
  double weight_decay = 0.2;  // the post's no-dropout model
  double drop_prob = 0.5;     // the dropout model: nn.Dropout(0.5) after each hidden ReLU

  // Rows step_batch1 and step_batch1_dropout: training steps at batch size 1, cycling through
  // the training points in order, as the post's loop over its TensorDataset.
  std::size_t step_warmup_steps = 670;   // one epoch
  std::size_t step_steps_per_rep = 670;  // one epoch per timed repetition
  std::size_t step_repetitions = 11;     // many short ones: the median shrugs off a busy moment

  // Row moons_model (and peak_rss): one model trained for the post's 200 epochs, each run in a
  // fresh process. Our engine runs it moons_repetitions_ours times; PyTorch once (~0.2 ms per
  // step makes one run ~25 s).
  std::size_t moons_epochs = 200;
  std::size_t moons_repetitions_ours = 2;
  std::size_t moons_repetitions_pytorch = 1;

  // Row large_batch: one full training step of 2-1024-1024-1 on a batch of 4096.
  std::size_t large_batch = 4096;
  std::size_t large_hidden = 1024;
  std::size_t large_warmup_steps = 1;
  std::size_t large_repetitions = 5;

  // Row mc_theorem: experiments/theorem's Monte Carlo on its Gaussian design (N = 40, D = 5)
  // through nn::SrivastavaDropout at the theorem's default retain probability; the design's
  // sizes come from experiments/dropout_ridge/gaussian_design.hpp, which the theorem draws too.
  std::size_t mc_rows = dropout_ridge::GaussianDesign{}.rows;
  std::vector<double> mc_column_scales = dropout_ridge::GaussianDesign{}.column_scales;
  std::vector<double> mc_true_weights = dropout_ridge::GaussianDesign{}.true_weights;
  double mc_noise = dropout_ridge::GaussianDesign{}.noise;
  double mc_retain_prob = dropout_ridge::kDefaultRetainProb;
  std::size_t mc_chunk_draws = 0;  // dropout_ridge::stacked_draws, set in make_workload
  std::size_t mc_draws_per_rep = 100'000;
  std::size_t mc_warmup_reps = 1;
  std::size_t mc_repetitions = 5;

  // 6 flops per multiply-add of the three layers (2 forward, 2 for the input gradient, 2 for
  // the weight gradient), per sample: the nominal count for GFLOP/s.
  double large_step_flops() const;
  // The same count for the blog model at batch 1: the arithmetic of one step.
  double blog_step_flops() const;
};

Workload make_workload(bool quick, std::uint64_t seed);
nlohmann::json to_json(const Workload& workload);

// One measured row: per-repetition values in `unit` from CPU time, the same from wall time
// (empty for memory), and anything else worth keeping.
struct Measurement {
  std::string unit;
  std::vector<double> values;
  std::vector<double> wall_values;
  nlohmann::json extra = nlohmann::json::object();
};

Measurement measure_step_batch1(const Workload& workload, bool with_dropout);
Measurement measure_large_batch(const Workload& workload);
// The same step's matrix products as bare cblas_dgemm calls on preallocated buffers.
Measurement measure_bare_dgemm(const Workload& workload);
Measurement measure_mc_theorem(const Workload& workload);
// The step of step_batch1 (no dropout) written out by hand for this one model: plain loops and
// two cblas_dgemv calls on preallocated buffers, no graph, no framework. It starts from the
// same weights and visits the same points, and its mean loss must equal the engine's (checked:
// it throws otherwise), so it is the same computation; its time is a floor for any engine
// that stores gradients as PyTorch does. extra: {"last_rep_mean_loss"}.
Measurement measure_bare_step(const Workload& workload);
// The same for step_batch1_dropout (issue 22's second floor): the dropout step by hand, its
// masks drawn from the library generator as nn::Dropout draws them, so the same masks and the
// same losses as the engine's (checked: it throws otherwise). extra: {"last_rep_mean_loss"}.
Measurement measure_bare_dropout_step(const Workload& workload);

// For a profiler (benchmarks/callgrind_steps.sh): builds one batch-1 step, "engine",
// "engine_dropout", "bare" or "bare_dropout", runs one epoch of warm-up, then `steps` steps
// inside bench::profiled_steps, the one function a profiler needs to count. Returns their
// mean loss.
double run_steps_for_profile(const Workload& workload, const std::string& step, std::size_t steps);

// Trains one moons model (no dropout, weight decay) for workload.moons_epochs in this process
// and returns {"wall_seconds", "cpu_seconds", "epochs", "steps", "last_epoch_mean_loss"}: the
// child side of moons_model.
nlohmann::json train_moons_model(const Workload& workload, std::size_t epochs);

}  // namespace bench
