// The post's multi-layer perceptron, shared by the experiments that train it (moons,
// weight_decay): its data (make_moons, the split, the rows of its batch-1 loop), the model, and
// how both evaluate it (logits in eval mode, a threshold, the accuracy). The post does not print
// its architecture; the issue fixes the default as 2-64-64-1 with ReLU, and PyTorch's nn.Dropout
// after each hidden ReLU in the dropout variant (MlpShape, post_recipe.hpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <xtensor/xview.hpp>

#include "autograd/grad_mode.hpp"
#include "autograd/pointwise.hpp"
#include "datasets/dataset.hpp"
#include "datasets/moons.hpp"
#include "datasets/split.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/post_recipe.hpp"
#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"

namespace experiments {

// One seed's data: make_moons(samples, noise) drawn from data_seed, then train_test_split with
// test_size from split_seed (the post's train and test sets).
struct TrainTest {
  datasets::Dataset train;
  datasets::Dataset test;
};
inline TrainTest moons_train_test(std::size_t samples, double noise, double test_size,
                                  std::uint64_t data_seed, std::uint64_t split_seed) {
  const datasets::Dataset all = datasets::make_moons(samples, noise, data_seed);
  auto [train, test] = datasets::train_test_split(all, test_size, split_seed);
  return {std::move(train), std::move(test)};
}

// The training rows as the post's loop sees them (a TensorDataset iterated in order, batch size
// 1): row i as a (1, d) input and a (1, 1) label. (PyTorch's loop feeds a 1-D row and squeezes
// the (1) output to 0-D against a 0-D label; the loss, its gradient and the step are the same
// numbers.)
struct Rows {
  std::vector<autograd::Tensor> inputs;
  std::vector<autograd::Tensor> labels;
  std::size_t size() const { return inputs.size(); }
};

inline Rows as_rows(const datasets::Dataset& data) {
  datasets::check_dataset(data, "as_rows");
  Rows rows;
  for (std::size_t i = 0; i < data.size(); ++i) {
    rows.inputs.emplace_back(autograd::Array(xt::view(data.X, xt::range(i, i + 1), xt::all())));
    autograd::Array label = autograd::Array::from_shape({1, 1});
    label(0, 0) = data.y(i);
    rows.labels.emplace_back(std::move(label));
  }
  return rows;
}

// Linear → ReLU → [Dropout(drop_prob)] for each hidden layer, then Linear(·, 1) giving a logit.
// With drop_prob = 0 no Dropout module is added: nn::Dropout(0) is the identity and draws no
// mask, so the two models are the same function with the same random stream either way.
// Parameters are drawn from the library generator (autograd::manual_seed), first layer first.
// (Header-only: its users link nn already; experiments_common does not.)
inline std::shared_ptr<nn::Sequential> make_mlp(const MlpShape& shape, double drop_prob) {
  auto model = std::make_shared<nn::Sequential>();
  std::size_t width = shape.inputs;
  for (const std::size_t hidden : shape.hidden) {
    model->push_back(std::make_shared<nn::Linear>(width, hidden));
    model->push_back(std::make_shared<nn::ReLU>());
    if (drop_prob > 0) model->push_back(std::make_shared<nn::Dropout>(drop_prob));
    width = hidden;
  }
  model->push_back(std::make_shared<nn::Linear>(width, 1));
  return model;
}

// Copies of a model's parameter values, in parameters() order (for experiments/common/arrays.hpp:
// max_abs_difference, parameter_norm).
inline std::vector<autograd::Array> snapshot(const nn::Module& model) {
  std::vector<autograd::Array> values;
  for (const autograd::Tensor& parameter : model.parameters()) values.push_back(parameter.value());
  return values;
}

// Logits of every row of X, in eval mode and without recording a graph (the model's mode is
// put back afterwards). Shape (n).
inline autograd::Array logits(nn::Module& model, const autograd::Array& X) {
  const bool was_training = model.is_training();
  model.eval();
  autograd::Array values;
  {
    autograd::NoGradGuard no_grad;
    values = model(autograd::Tensor(X)).value();
  }
  model.train(was_training);
  const std::size_t n = X.shape()[0];
  return xt::reshape_view(values, {n});
}

// The two ways of turning a logit z into a predicted label.
enum class Threshold {
  sigmoid,    // σ(z) > 0.5: the probability the model was trained to output (correct)
  post_logit  // z ≥ 0.5: the post's binarize(outputs) on raw logits (torch.where(z < 0.5, 0, 1))
};

struct Evaluation {
  double accuracy = 0;
  std::size_t predicted_ones = 0;
  std::size_t n = 0;
  bool constant() const { return predicted_ones == 0 || predicted_ones == n; }
};

inline Evaluation evaluate(const autograd::Array& logit_values, const autograd::Array& labels,
                           Threshold threshold) {
  const autograd::Array probability = autograd::sigmoid_values(logit_values);
  Evaluation result;
  result.n = logit_values.size();
  std::size_t correct = 0;
  for (std::size_t i = 0; i < result.n; ++i) {
    // The post's binarize: torch.where(z < 0.5, 0, 1), so z = 0.5 counts as 1; a NaN logit is
    // not < 0.5 and so predicts 1 there, while σ(NaN) > 0.5 is false and predicts 0.
    const bool predicted_one =
        threshold == Threshold::sigmoid ? probability(i) > 0.5 : !(logit_values(i) < 0.5);
    result.predicted_ones += predicted_one;
    correct += predicted_one == (labels(i) == 1.0);
  }
  result.accuracy = static_cast<double>(correct) / static_cast<double>(result.n);
  return result;
}

// What a long training reports to and reads from its caller, once per epoch (both may be
// null): the steps done, for the progress line, and a flag that stops it (Cancelled,
// parallel.hpp) after another task failed.
struct TrainingHooks {
  std::atomic<std::size_t>* steps_done = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  void before_epoch() const {
    if (cancel != nullptr && cancel->load()) throw Cancelled();
  }
  void after_epoch(std::size_t steps) const {
    if (steps_done != nullptr) steps_done->fetch_add(steps);
  }
};

}  // namespace experiments
