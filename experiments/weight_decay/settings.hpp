// What the weight-decay experiment runs: the linear design (rows 1 and 2 of issue 20) and the
// moons MLP (rows 1 and 3), with the defaults of `./run.sh` and the --quick variant the tests
// run. The README says why each default is what it is (the one-minute budget on two cores).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "experiments/common/post_recipe.hpp"

namespace weight_decay {

// The four ways of regularising the moons MLP that the experiment compares.
enum class Method {
  sgd_weight_decay,  // torch.optim.SGD(weight_decay=λ): the post's "L2 norm"
  adam_l2,           // torch.optim.Adam(weight_decay=λ): λθ added to the gradient (coupled)
  adamw,             // torch.optim.AdamW(weight_decay=λ): θ·(1 − lr·λ) each step (decoupled)
  adam_dropout,      // torch.optim.Adam with nn.Dropout(λ = drop_prob) after each hidden ReLU
};
constexpr Method kMethods[] = {Method::sgd_weight_decay, Method::adam_l2, Method::adamw,
                               Method::adam_dropout};
std::string method_name(Method method);    // "SGD + weight decay", "Adam + L2", ...
std::string method_key(Method method);     // "sgd_weight_decay", ... (summary.json, CSV files)
std::string strength_name(Method method);  // "λ" or "drop probability"

// Linear regression y = Xθ + noise with three standard-normal features, loss the mean squared
// error (1/n)‖Xθ − y‖², penalty (λ/2)‖θ‖²; feature 0 is multiplied by each of `scales` in turn.
struct LinearSettings {
  std::size_t rows = 100;
  std::vector<double> true_weights = {1.0, -1.0, 0.5};
  double noise = 0.5;
  double lambda = 0.5;  // the same λ for ridge, Adam + L2 and AdamW
  std::vector<double> scales = {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0};  // 0.1, 1 and 10 needed
  double adam_lr = 0.01;
  std::size_t steps = 100000;  // full-batch steps to each fixed point (linear.hpp: why)
  std::size_t tail = 5000;     // the last iterates, averaged (Adam at a constant lr hovers)
  double sgd_lr = 0.05;
  std::size_t equality_steps = 500;  // row 1/2: penalty in the loss vs weight_decay
};

// The post's recipe (experiments/common/post_recipe.hpp: 2-64-64-1, ReLU, BCE-with-logits, batch 1
// in file order, 200 epochs) on make_moons(1000, noise 0.2), 33% test, over `seeds` seeds per
// setting.
struct MoonsSettings {
  std::size_t samples = experiments::kPostMoonsSamples;
  double noise = experiments::kPostMoonsNoise;
  double test_size = experiments::kPostMoonsTestSize;
  experiments::MlpShape shape;  // 2-64-64-1 (summary.json: "hidden")
  // The post trains 200 epochs at lr 0.001. An optim::Adam step of this MLP costs about three
  // SGD steps of CPU, so to fit the minute the default keeps the post's lr × epochs = 0.2 in 50
  // epochs at lr 0.004; --epochs 200 --sgd-lr 0.001 --adam-lr 0.001 is the post's (README).
  std::size_t epochs = 50;
  std::size_t seeds = 10;
  double sgd_lr = 0.004;
  double adam_lr = 0.004;
  // Each method's grid (strength 0 is added in front): each brackets where that method
  // collapses, and λ = 0.1 and 0.3 are on all three weight-decay grids. (Adam + L2 stops at
  // 0.3 and dropout starts at 0.5 to keep the run in its minute: README.)
  std::vector<double> sgd_weight_decays = {0.01, 0.03, 0.1, 0.3, 1.0};
  std::vector<double> adam_l2_weight_decays = {0.01, 0.03, 0.1, 0.3};
  std::vector<double> adamw_weight_decays = {0.1, 0.3, 1.0, 3.0, 10.0};
  std::vector<double> drop_probs = {0.5, 0.8};
  double common_lambda = 0.1;  // where the three weight decays are compared head to head
  std::size_t equality_epochs = 2;
  double equality_lambda = experiments::kPostWeightDecay;

  const std::vector<double>& grid(Method method) const;
};

struct Settings {
  LinearSettings linear;
  MoonsSettings moons;
};

Settings quick_settings();

}  // namespace weight_decay
