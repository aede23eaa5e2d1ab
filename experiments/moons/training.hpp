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
#include "experiments/common/post_mlp.hpp"
#include "nn/module.hpp"
#include "optim/sgd.hpp"

namespace moons {

using autograd::Array;
using autograd::Tensor;

// The training rows as the post's loop sees them: row i as a (1, d) input and a (1, 1) label.
// (PyTorch's loop feeds a 1-D row and squeezes the (1) output to 0-D against a 0-D label; the
// loss, its gradient and the step are the same numbers.)
struct Rows {
  std::vector<Tensor> inputs;
  std::vector<Tensor> labels;
  std::size_t size() const { return inputs.size(); }
};
Rows as_rows(const datasets::Dataset& data);

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

// Copies of the parameter values, and the largest |difference| between two such copies.
std::vector<Array> snapshot(const nn::Module& model);
double max_abs_difference(const std::vector<Array>& a, const std::vector<Array>& b);
double parameter_norm(const nn::Module& model);  // ‖θ‖₂ over all parameters

}  // namespace moons
