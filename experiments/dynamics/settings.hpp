// The knobs of the dynamics experiment, their defaults, and the --quick variant.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace dynamics {

// The blog's numbers: nn.Dropout's default drop probability and the weight decay of its
// optim.SGD(..., weight_decay=0.2). One definition each, for every file of the experiment.
inline constexpr double kPostDropProb = 0.5;
inline constexpr double kPostWeightDecay = 0.2;

struct Settings {
  std::uint64_t seed = 0;
  bool quick = false;
  std::size_t threads = 2;  // worker threads; results do not depend on it

  // 1. Per-sample dropout SGD on design A (the theorem's convention and retain probability).
  double sgd_retain_prob = 0.7;
  double lr_large = 0.04;  // two constant learning rates, a factor 4 apart: the last iterate's
  double lr_small = 0.01;  // noise should differ by √4 = 2
  std::size_t sgd_steps = 10'000'000;  // K_max
  std::size_t sgd_runs = 8;            // independent runs per learning rate
  std::size_t nn_check_steps = 300;    // steps compared between nn/optim and the fast loop

  // 2. Clara et al.'s full-batch dropout GD on design A.
  double clara_retain_prob = 0.6;
  double clara_alpha_factor = 0.5;  // α = factor/λ_max(XᵀX), then α/2, α/4, …
  std::size_t clara_alphas = 4;
  std::size_t clara_chains = 4000;

  // 3. Weight decay vs inverted dropout, design A standardised.
  double equivalence_lr = 0.02;
  std::size_t equivalence_steps = 1'000'000;
  std::size_t equivalence_runs = 4;

  // Batch means over the last 90% of a long run (see sgd_runs.hpp).
  std::size_t batches_per_run = 50;

  // The small variant the tests run (about a second): caps, so smaller values given on the
  // command line stay.
  void make_quick() {
    quick = true;
    sgd_steps = std::min<std::size_t>(sgd_steps, 1'000'000);
    sgd_runs = std::min<std::size_t>(sgd_runs, 8);
    // Learning rates 2·lr_large and lr_large (0.08 and 0.04): the start-up bias of the averaged
    // iterate lasts ∝ 1/lr², and a 10⁶-step run must see two decades of the 1/√K regime for
    // both, or the slopes are too noisy to test.
    lr_small = lr_large;
    lr_large = 2 * lr_large;
    clara_alphas = std::min<std::size_t>(clara_alphas, 3);
    clara_chains = std::min<std::size_t>(clara_chains, 1000);
    equivalence_steps = std::min<std::size_t>(equivalence_steps, 200'000);
    equivalence_runs = std::min<std::size_t>(equivalence_runs, 2);
  }
};

}  // namespace dynamics
