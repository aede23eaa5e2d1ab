// The knobs of the dynamics experiment, their defaults, the --quick variant, and the seed
// stages of its random streams.
#pragma once

#include <cstddef>
#include <cstdint>

#include "experiments/common/post_recipe.hpp"
#include "experiments/dropout_ridge/gaussian_design.hpp"

namespace dynamics {

// The blog's numbers: nn.Dropout's default drop probability and the weight decay of its
// optim.SGD(..., weight_decay=0.2), defined once for every experiment (common/post_recipe.hpp).
using experiments::kPostDropProb;
using experiments::kPostWeightDecay;

// Seed stages (experiments::derive_seed(seed, stage)): each part, learning rate, α and run has
// its own stream, so no part's numbers depend on which others ran.
inline constexpr std::uint64_t kStageSgd = 1'000;          // + 100·lr index + run
inline constexpr std::uint64_t kStageSgdCheck = 1'900;     // nn/optim vs fast loop
inline constexpr std::uint64_t kStageClara = 2'000;        // + 100·α index + task
inline constexpr std::uint64_t kStageClaraPlain = 2'900;   // + task
inline constexpr std::uint64_t kStageEquivalence = 3'000;  // + 100·config + run
inline constexpr std::uint64_t kStageEquivalenceCheck = 3'900;
inline constexpr std::uint64_t kStageStability = 4'000;         // + 100·lr index + run
inline constexpr std::uint64_t kStageFixedOrder = 5'000;        // + 100·lr index + run
inline constexpr std::uint64_t kStageWeightDecayStall = 6'000;  // + 100·lr index + run

struct Settings {
  // From the shared options (experiments::Context): the summary does not depend on `threads`.
  std::uint64_t seed = 0;
  bool quick = false;
  std::size_t threads = 1;

  // 1. Per-sample dropout SGD on design A (the theorem's convention and retain probability).
  double sgd_retain_prob = dropout_ridge::kDefaultRetainProb;
  double lr_large = 0.04;  // two constant learning rates, a factor 4 apart: the last iterate's
  double lr_small = 0.01;  // noise should differ by √4 = 2
  std::size_t sgd_steps = 10'000'000;   // K_max
  std::size_t sgd_runs = 8;             // independent runs per learning rate
  std::size_t nn_check_steps = 300;     // steps compared between nn/optim and the fast loop
  std::size_t blow_up_steps = 200'000;  // runs at and above the stability bound

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

  // The small variant the tests run (about a second). It sets defaults: options given on the
  // command line still win (experiments::Cli::on_quick).
  void make_quick() {
    sgd_steps = 1'000'000;
    // Learning rates 0.08 and 0.04: the start-up bias of the averaged iterate lasts ∝ 1/lr², and
    // a 10⁶-step run must see two decades of the 1/√K regime for both, or the slopes are too
    // noisy to test.
    lr_large = 0.08;
    lr_small = 0.04;
    blow_up_steps = 20'000;
    clara_alphas = 3;
    clara_chains = 1000;
    equivalence_steps = 200'000;
    equivalence_runs = 2;
  }
};

}  // namespace dynamics
