#include "experiments/weight_decay/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "autograd/arithmetic.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/reduction.hpp"
#include "experiments/common/parallel.hpp"
#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"
#include "optim/adam.hpp"
#include "optim/sgd.hpp"

namespace weight_decay {

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
  const experiments::Rows rows = experiments::as_rows(train);  // (1, d) inputs, (1, 1) labels
  const std::size_t n = rows.size();
  model.train();
  for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
    hooks.before_epoch();
    for (std::size_t i = 0; i < n; ++i) {
      optimizer.zero_grad();
      Tensor loss = criterion(model(rows.inputs[i]), rows.labels[i]);
      if (penalty > 0) loss = loss + l2_penalty(params, penalty);
      loss.backward();
      optimizer.step();
    }
    hooks.after_epoch(n);
  }
}

}  // namespace weight_decay
