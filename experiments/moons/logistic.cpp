#include "experiments/moons/logistic.hpp"

#include <algorithm>
#include <cmath>

#include <xtensor/xview.hpp>

#include "experiments/moons/training.hpp"
#include "nn/losses.hpp"
#include "optim/sgd.hpp"

namespace moons {

LogisticFit fit_logistic(const datasets::Dataset& train, const datasets::Dataset& test,
                         const LogisticSettings& settings) {
  nn::Linear layer(train.X.shape()[1], 1);
  optim::SGD gd(layer.parameters(), settings.lr);
  const nn::BCEWithLogitsLoss criterion;
  const std::size_t n = train.size();
  const Tensor inputs(train.X);
  const Tensor labels(Array(xt::reshape_view(train.y, {n, std::size_t{1}})));
  LogisticFit fit;
  while (fit.steps < settings.max_steps) {
    gd.zero_grad();
    criterion(layer(inputs), labels).backward();
    fit.max_abs_gradient = 0;
    for (const Tensor& parameter : layer.parameters()) {
      fit.max_abs_gradient = std::max(fit.max_abs_gradient,
                                      static_cast<double>(xt::amax(xt::abs(parameter.grad()))()));
    }
    if (!std::isfinite(fit.max_abs_gradient)) break;
    if (fit.max_abs_gradient < settings.tolerance) {
      fit.converged = true;
      break;
    }
    gd.step();
    ++fit.steps;
  }
  const Array train_logits = logits(layer, train.X);
  fit.train_loss = mean_bce(train_logits, train.y);
  fit.train_accuracy = evaluate(train_logits, train.y, Threshold::sigmoid).accuracy;
  fit.test_accuracy = evaluate(logits(layer, test.X), test.y, Threshold::sigmoid).accuracy;
  fit.weight = layer.weight().value();
  fit.bias = layer.bias().value();
  return fit;
}

}  // namespace moons
