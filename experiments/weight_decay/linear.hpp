// Rows 1 and 2 of issue 20 on the linear design: an L2 penalty in the loss against each
// optimizer's weight_decay, and where Adam + L2 and AdamW converge, feature by feature, as one
// feature is rescaled.
//
// Where each converges (full batch, so the gradient g(θ) = (2/n)Xᵀ(Xθ − y) is exact; a fixed
// point has m̂ = g and v̂ = g², up to the bias corrections that tend to 1):
//  - Adam + L2 (Adam's weight_decay = λ, or the penalty in the loss): the step is
//    lr·m̂/(√v̂ + ε) with m̂, v̂ the moments of g + λθ, so it stops where g + λθ = 0: the ridge
//    solution, whatever the feature scales. Adam's per-coordinate scaling changes the path, not
//    the end point.
//  - AdamW: θ ← θ(1 − lr·λ) − lr·g/(|g| + ε) at a fixed point, so λθⱼ = −gⱼ/(|gⱼ| + ε) for each
//    coordinate j. Either |gⱼ| ≫ ε and θⱼ = −sign(gⱼ)/λ (the weight sits on |θⱼ| = 1/λ, the
//    gradient pushing outwards), or gⱼ = −ελθⱼ/(1 − λ|θⱼ|) ≈ 0 (the coordinate is unpenalised).
//    These are the KKT conditions of least squares under the box ‖θ‖∞ ≤ 1/λ (Xie & Li, "Implicit
//    Bias of AdamW: ℓ∞ Norm Constrained Optimization", ICML 2024): not ridge. A weight whose
//    least-squares value lies inside the box is not shrunk at all, one outside is clipped to
//    1/λ. (With noisy mini-batch gradients √v̂ includes the noise, and the stationary point is
//    instead gⱼ ≈ −λ√v̂ⱼ·θⱼ, a ridge whose penalty scales with each coordinate's gradient size;
//    this experiment measures the full-batch case, which has no noise to average.)
//    The approach to the face is slow when the least-squares weight lies just outside it: the
//    outward gradient there is small, and the step m̂/√v̂ reaches ±1 only once v̂ has forgotten
//    the larger gradients of the start (β₂ = 0.999, a memory of ~1000 steps per e-fold). At
//    scale 0.5 (least-squares weight 2.05, face 2) the residual is 0.047 after 20k steps,
//    0.008 after 60k and 2e-4 after 200k; the default takes 100k.
// Rescaling feature 0 by c divides its least-squares weight by c and multiplies its curvature
// by c². Ridge's factor θ₀/θ₀ᴼᴸˢ = c²h/(c²h + λ) (h the curvature at c = 1, for independent
// features) therefore falls from ≈ 1 to ≈ 0 as c goes from 10 to 0.1. AdamW's is 1 while the
// least-squares weight w₀/c (w₀ its value at c = 1) lies inside the box, then c/(λ|w₀|). Which
// of the two Adam + L2 follows, and how close each comes, is measured.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/dataset.hpp"
#include "experiments/weight_decay/settings.hpp"

namespace weight_decay {

// The design with feature 0 multiplied by `scale` (the same draws at every scale).
datasets::Dataset linear_design(const LinearSettings& settings, double scale, std::uint64_t seed);

enum class LinearOptimizer { sgd, adam, adamw };
enum class L2Route { none, penalty_in_loss, weight_decay_argument };

// Full-batch training from θ = 0 on the design, `steps` steps; returns the mean of the last
// `tail` iterates and, per coordinate, their range (max − min).
struct LinearRun {
  std::vector<double> final_theta;
  std::vector<double> tail_mean;
  std::vector<double> tail_range;
};
LinearRun train_linear(const datasets::Dataset& design, LinearOptimizer optimizer, double lr,
                       double lambda, L2Route route, std::size_t steps, std::size_t tail);

// A penalty (λ/2)‖θ‖² in the loss against the optimizer's weight_decay = λ, from the same start.
struct EqualityResult {
  std::string model;      // "linear design" or "moons MLP"
  std::string optimizer;  // "SGD" or "Adam"
  std::size_t steps = 0;
  double lambda = 0;
  double max_abs_difference = 0;  // over every parameter entry after `steps` steps
  double max_abs_parameter = 0;   // the parameters' size, for scale
};

// At one scale of feature 0: the closed forms, the two Adams' end points, and their distances
// in shrinkage factors (θⱼ/θⱼᴼᴸˢ, so coordinates of any size weigh the same).
struct ScaleResult {
  double scale = 1;
  std::vector<double> ols, ridge, adam_l2, adamw;
  std::vector<double> adam_l2_tail_range, adamw_tail_range;  // tail ranges: how still each ended
  double adam_l2_to_ridge = 0;  // maxⱼ |θⱼ/θⱼᴼᴸˢ − ridgeⱼ/θⱼᴼᴸˢ|
  double adamw_to_ridge = 0;
  double adamw_box_residual = 0;  // maxⱼ min(|λ|θⱼ| − 1|, |gⱼ(θ)|/|gⱼ(0)|): 0 at the box's KKT
  double shrink(const std::vector<double>& theta, std::size_t j = 0) const {
    return theta[j] / ols[j];
  }
};

// Ridge's factor of feature 0, θ₀ᴿ/θ₀ᴼᴸˢ, at one scale: a closed form, cheap on a fine grid.
struct RidgeCurvePoint {
  double scale = 1;
  double ridge_factor = 1;
};

struct LinearResults {
  std::vector<EqualityResult> equalities;  // SGD and Adam on the linear design
  std::vector<ScaleResult> scales;
  std::vector<RidgeCurvePoint> ridge_curve;  // 41 scales from 0.1 to 10, log-spaced
  double lambda = 0;
};

LinearResults run_linear(const LinearSettings& settings, std::uint64_t seed, std::size_t threads);

// The pieces, for the tests: both routes of one optimizer from θ = 0.
EqualityResult linear_equality(const datasets::Dataset& design, LinearOptimizer optimizer,
                               double lr, double lambda, std::size_t steps);
ScaleResult fixed_points(const LinearSettings& settings, const datasets::Dataset& design,
                         double scale);
// Ridge's factor between the measured scales, on the designs drawn from `design_seed`.
std::vector<RidgeCurvePoint> ridge_curve(const LinearSettings& settings, std::uint64_t design_seed);

}  // namespace weight_decay
