#include "experiments/weight_decay/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "autograd/arithmetic.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"
#include "datasets/moons.hpp"
#include "datasets/split.hpp"
#include "experiments/common/parallel.hpp"
#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"
#include "optim/adam.hpp"
#include "optim/sgd.hpp"

namespace weight_decay {

MoonsData make_moons_data(const MoonsSettings& settings, std::uint64_t data_seed,
                          std::uint64_t split_seed) {
  const datasets::Dataset all = datasets::make_moons(settings.samples, settings.noise, data_seed);
  auto [train, test] = datasets::train_test_split(all, settings.test_size, split_seed);
  return {std::move(train), std::move(test)};
}

Tensor l2_penalty(const std::vector<Tensor>& params, double lambda) {
  Tensor total;
  for (const Tensor& p : params) {
    const Tensor squares = autograd::sum(autograd::pow(p, 2.0));
    total = total.defined() ? total + squares : squares;
  }
  return total * (lambda / 2);  // d/dθ (λ/2)θ² = λθ (λ/2 and 2θ are exact: no rounding added)
}

std::unique_ptr<optim::Optimizer> make_optimizer(Method method, double strength,
                                                 const MoonsSettings& settings,
                                                 const std::vector<Tensor>& params) {
  const optim::Betas betas{0.9, 0.999};
  switch (method) {
    case Method::sgd_weight_decay:
      return std::make_unique<optim::SGD>(params, settings.sgd_lr, 0.0, 0.0, strength);
    case Method::adam_l2:
      return std::make_unique<optim::Adam>(params, settings.adam_lr, betas, 1e-8, strength);
    case Method::adamw:
      return std::make_unique<optim::AdamW>(params, settings.adam_lr, betas, 1e-8, strength);
    case Method::adam_dropout:
      return std::make_unique<optim::Adam>(params, settings.adam_lr, betas, 1e-8, 0.0);
  }
  throw std::logic_error("make_optimizer: unknown method");
}

void train_epochs(nn::Module& model, optim::Optimizer& optimizer, const datasets::Dataset& train,
                  std::size_t epochs, double penalty, const TrainingHooks& hooks) {
  const nn::BCEWithLogitsLoss criterion;
  const std::vector<Tensor> params = model.parameters();
  const std::size_t n = train.size(), d = train.X.shape()[1];
  std::vector<Tensor> inputs, labels;  // one (1, d) row and one (1, 1) label per step
  for (std::size_t i = 0; i < n; ++i) {
    Array row = Array::from_shape({1, d});
    for (std::size_t j = 0; j < d; ++j) row(0, j) = train.X(i, j);
    inputs.emplace_back(std::move(row));
    labels.emplace_back(Array::from_shape({1, 1}));
    labels.back().mutable_value()(0, 0) = train.y(i);
  }
  model.train();
  for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
    hooks.before_epoch();
    for (std::size_t i = 0; i < n; ++i) {
      optimizer.zero_grad();
      Tensor loss = criterion(model(inputs[i]), labels[i]);
      if (penalty > 0) loss = loss + l2_penalty(params, penalty);
      loss.backward();
      optimizer.step();
    }
    hooks.after_epoch(n);
  }
}

double parameter_norm(const std::vector<Tensor>& params) {
  double squares = 0;
  for (const Tensor& p : params) {
    for (const double value : p.value()) squares += value * value;
  }
  return std::sqrt(squares);
}

double max_abs_difference(const std::vector<Tensor>& a, const std::vector<Tensor>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("max_abs_difference: different models");
  double largest = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].shape() != b[k].shape()) {
      throw std::invalid_argument("max_abs_difference: parameter shapes differ");
    }
    const auto& x = a[k].value();
    const auto& y = b[k].value();
    for (std::size_t i = 0; i < x.size(); ++i) {
      largest = std::max(largest, std::abs(x.data()[i] - y.data()[i]));
    }
  }
  return largest;
}

double max_abs_entry(const std::vector<Tensor>& params) {
  double largest = 0;
  for (const Tensor& p : params) {
    for (const double value : p.value()) largest = std::max(largest, std::abs(value));
  }
  return largest;
}

}  // namespace weight_decay
