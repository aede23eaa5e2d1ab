// The moons MLP of the post, trained with one of the four regularisers (settings.hpp), and the
// pieces the rows need: the explicit penalty (λ/2)‖θ‖² in the loss, evaluation, weight norms.
// The data (make_moons, the split, the batch-1 rows) is experiments/common/post_mlp.hpp's.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/tensor.hpp"
#include "datasets/dataset.hpp"
#include "experiments/common/arrays.hpp"
#include "experiments/common/post_mlp.hpp"
#include "experiments/weight_decay/settings.hpp"
#include "nn/sequential.hpp"
#include "optim/optimizer.hpp"

namespace weight_decay {

using autograd::Array;
using autograd::Tensor;

// The post's MLP: experiments::make_mlp({2, hidden}, drop_prob) (experiments/common/post_mlp.hpp).
// (λ/2)·Σ‖p‖² over `params`: the L2 penalty whose gradient is λθ.
Tensor l2_penalty(const std::vector<Tensor>& params, double lambda);

// The optimizer of `method` at strength `strength` (dropout's is in the model, not here).
std::unique_ptr<optim::Optimizer> make_optimizer(Method method, double strength,
                                                 const MoonsSettings& settings,
                                                 const std::vector<Tensor>& params);

// The progress counter and the cancel flag of a training (experiments/common/post_mlp.hpp).
using experiments::TrainingHooks;

// Batch-1 epochs over the training rows in file order (the post iterates a TensorDataset),
// BCE-with-logits, plus (penalty/2)‖θ‖² in the loss when penalty > 0.
void train_epochs(nn::Module& model, optim::Optimizer& optimizer, const datasets::Dataset& train,
                  std::size_t epochs, double penalty, const TrainingHooks& hooks = {});

// σ(logit) > 0.5 against the labels, in eval mode (experiments/common/post_mlp.hpp).
using experiments::Evaluation;
inline Evaluation evaluate(nn::Module& model, const datasets::Dataset& data) {
  return experiments::evaluate(experiments::logits(model, data.X), data.y,
                               experiments::Threshold::sigmoid);
}

// ‖θ‖₂, max |θ − θ'| and max |θ| over every weight and bias, on the parameter values
// (experiments::snapshot(model)): experiments/common/arrays.hpp, shared with moons.
using experiments::max_abs_difference;
using experiments::max_abs_entry;
using experiments::parameter_norm;

}  // namespace weight_decay
