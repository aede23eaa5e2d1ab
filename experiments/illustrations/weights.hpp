// What L2 regularisation and dropout actually do, on a regression whose design is the post's
// matrix X: both act on the weights w of the model, through the loss, and leave the data alone.
//
//   L2 (weight decay, as torch.optim.SGD's weight_decay = λ) on the loss ½‖y − Xw‖²:
//     w ← w − lr·(∇loss + λw) = (1 − lr·λ)·w − lr·∇loss        (a multiplicative shrink)
//   whose fixed point is the ridge solution (XᵀX + λI)⁻¹Xᵀy.
//   Dropout on the inputs, marginalised (Srivastava et al. 2014, §9.1; experiments/theorem):
//     the deployed weights p·w* solve ridge regression with a penalty per feature,
//     λ_j = ((1 − p)/p)·(XᵀX)_jj.
#pragma once

#include <cstddef>
#include <vector>

#include "autograd/tensor.hpp"

namespace illustrations {

using autograd::Array;
using autograd::Scalar;

struct Regression {
  Array X;             // (3, 2): the post's matrix
  Array y;             // (3)
  Array base_weights;  // y = X·base_weights + perturbation
  Array perturbation;
};
// y = X·(1, 1) + (0.5, −0.5, 0.25): a plain linear target, perturbed by a fixed small amount
// so that no weight vector fits it exactly and regularisation has something to trade off.
Regression post_regression();

struct WeightDecayDescent {
  Scalar weight_decay = 0;        // λ
  Scalar learning_rate = 0;       // 1 / (λ_max(XᵀX) + λ): one over the objective's curvature
  Scalar shrink_factor = 0;       // 1 − lr·λ, applied to w at every step
  Array ols;                      // the start: argmin ½‖y − Xw‖², no regularisation
  Array ridge;                    // (XᵀX + λI)⁻¹Xᵀy
  std::vector<Array> trajectory;  // w_0 = ols, w_1, …, w_steps
  // max over steps of ‖w_{t+1} − [(1 − lr·λ)·w_t − lr·∇loss(w_t)]‖∞ with ∇loss = −Xᵀ(y − Xw)
  // written out by hand: the step optim::SGD took is that multiplicative shrink
  Scalar max_update_deviation = 0;
  Scalar final_error = 0;  // ‖w_steps − ridge‖∞
  std::size_t steps = 0;
};
// Gradient descent with autograd and optim::SGD(weight_decay = λ) on ½‖y − Xw‖², started at
// the unregularised fit, until ‖w − ridge‖∞ ≤ tolerance or max_steps.
WeightDecayDescent weight_decay_descent(const Regression& problem, Scalar weight_decay,
                                        Scalar tolerance, std::size_t max_steps);

struct MarginalisedDropout {
  Scalar retain_prob = 0;     // p, the theorem's probability of keeping an input
  Array penalties;            // ((1 − p)/p)·(XᵀX)_jj per feature
  Array deployed;             // p·w*, w* the marginalised loss's minimiser
  Array ridge;                // ridge_solution(X, y, penalties)
  Scalar max_difference = 0;  // ‖deployed − ridge‖∞
};
MarginalisedDropout marginalised_dropout(const Regression& problem, Scalar retain_prob);

// Regularisation paths in weight space: ridge over λ and deployed dropout over p.
std::vector<Array> ridge_path(const Regression& problem, const std::vector<Scalar>& weight_decays);
std::vector<Array> dropout_path(const Regression& problem, const std::vector<Scalar>& retain_probs);

// Both demonstrations on post_regression(), with what the report and the figures show of them.
struct WeightsResults {
  Regression regression;
  WeightDecayDescent descent;
  MarginalisedDropout dropout;
  std::vector<Scalar> trajectory_norms;  // ‖w_t‖ along descent.trajectory
  bool norm_never_increases = false;
  bool data_unchanged = false;  // X and y, element for element, after both computations
  Scalar column_cosine = 0;     // cosine of the angle between X's two columns
  Array gamma_squared;          // (XᵀX)_jj, the column sizes the dropout penalty charges
  Scalar deployed_norm = 0;     // ‖p·w*‖
  Array ridge_ratio_to_ols, deployed_ratio_to_ols;  // element-wise, against least squares
  std::vector<Scalar> weight_decay_grid, retain_prob_grid;
  std::vector<Array> ridge_path, dropout_path;  // along the grids
};
WeightsResults analyse_weights(Scalar weight_decay, Scalar retain_prob, Scalar tolerance,
                               std::size_t max_steps);

}  // namespace illustrations
