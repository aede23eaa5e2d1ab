// The post's training loop, step for step, and the evaluation of a trained model.
//
// The post iterates a torch TensorDataset directly: no shuffling, batch size 1, rows in the
// order train_test_split left them. Each step is zero_grad(), forward, BCE-with-logits (mean
// over the one element), backward(), step(). Its second loop zeroes one optimizer and steps
// another (the wrong-optimizer bug); post_training_loop takes the two optimizers separately so
// that the bug is replayed by passing different ones, and the corrected loop by passing one
// twice.
#pragma once

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/dataset.hpp"
#include "experiments/common/arrays.hpp"
#include "experiments/common/post_mlp.hpp"
#include "nn/module.hpp"
#include "optim/sgd.hpp"

namespace moons {

using autograd::Array;
using autograd::Tensor;

// The training rows as the post's loop sees them, (1, d) inputs and (1, 1) labels
// (experiments/common/post_mlp.hpp, shared with weight_decay).
using experiments::as_rows;
using experiments::Rows;

// Thrown at the first non-finite loss (issue 7: training stops there and says where).
class NonFiniteLoss : public std::runtime_error {
 public:
  NonFiniteLoss(const std::string& model, std::size_t step, std::size_t epoch,
                double last_finite_loss, double loss);
  std::size_t step;   // 1-based, counted over all epochs
  std::size_t epoch;  // 1-based
  double last_finite_loss;
};

// The progress counter and the cancel flag (experiments/common/post_mlp.hpp), and the NaN/Inf
// guard (on by default).
struct LoopControl : experiments::TrainingHooks {
  bool stop_on_non_finite = true;
};

// `epochs` passes over `rows` in order, each step: zeroed.zero_grad(); loss = BCE(model(x), y);
// loss.backward(); stepped.step(). Returns the mean loss of each epoch (the post's running
// loss, per epoch). `model_name` goes into the NonFiniteLoss message.
std::vector<double> post_training_loop(nn::Module& model, optim::SGD& zeroed, optim::SGD& stepped,
                                       const Rows& rows, std::size_t epochs,
                                       const std::string& model_name, const LoopControl& control);

// The post's MLP (experiments/common/post_mlp.hpp), shared with weight_decay, and its hidden
// widths as the --hidden flag writes them: "64,64" ↔ {64, 64}. parse_hidden throws
// std::invalid_argument naming the text for anything but a comma-separated list of positive
// integers.
using experiments::make_mlp;
using experiments::MlpShape;
std::vector<std::size_t> parse_hidden(const std::string& text);
std::string hidden_to_string(const std::vector<std::size_t>& hidden);

// Logits in eval mode, the two thresholds (σ(z) > 0.5, and the post's z ≥ 0.5) and the
// accuracy they give: experiments/common/post_mlp.hpp, shared with weight_decay.
using experiments::evaluate;
using experiments::Evaluation;
using experiments::logits;
using experiments::Threshold;

// Mean BCE-with-logits of the logits against the labels (both shape (n)).
double mean_bce(const Array& logits, const Array& labels);

// Copies of the parameter values (post_mlp.hpp), and the largest |difference| between two
// such copies (experiments/common/arrays.hpp).
using experiments::max_abs_difference;
using experiments::snapshot;

// ‖θ‖₂ summed parameter by parameter (each xt::sum first, then their total): the order the
// summary's parameter_norm values were made with. experiments::parameter_norm (common/arrays.hpp,
// weight_decay's) sums entry by entry across all parameters, which moves these values in the
// last bits; each experiment keeps the order its published numbers came from.
double parameter_norm_by_array(const std::vector<Array>& parameters);

}  // namespace moons
