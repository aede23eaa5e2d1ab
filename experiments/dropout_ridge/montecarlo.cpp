#include "experiments/dropout_ridge/montecarlo.hpp"

#include <algorithm>
#include <cmath>

#include <xtensor/xview.hpp>

#include "autograd/autograd.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/statistics.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"

namespace dropout_ridge {

namespace {
// `copies` copies of X stacked vertically: (copies·N, D).
Array stack_copies(const Array& X, std::size_t copies) {
  const std::size_t N = X.shape()[0];
  Array stacked = Array::from_shape({copies * N, X.shape()[1]});
  for (std::size_t c = 0; c < copies; ++c) {
    xt::view(stacked, xt::range(c * N, (c + 1) * N), xt::all()) = X;
  }
  return stacked;
}
}  // namespace

std::size_t stacked_draws(std::size_t draws, std::size_t rows, std::size_t columns) {
  // As many copies as fit in 8192 entries (~64 KiB): large temporaries cost more in page faults
  // (they are mmap'ed afresh by malloc) than the per-chunk overhead they save.
  constexpr std::size_t kStackedEntries = 8192;
  return std::min(draws, std::max<std::size_t>(1, kStackedEntries / (rows * columns)));
}

MonteCarloLoss monte_carlo_loss(const Array& X, const Array& y, const Array& w, nn::Module& dropout,
                                std::size_t draws, double shift, const char* label,
                                std::vector<TracePoint>* trace) {
  using namespace autograd;
  NoGradGuard no_grad;
  const std::size_t N = X.shape()[0];
  const std::size_t D = X.shape()[1];
  const std::size_t chunk = stacked_draws(draws, N, D);
  const Tensor stacked(stack_copies(X, chunk));  // made once: every full chunk reuses it
  const Tensor weights(Array(xt::reshape_view(w, {D, std::size_t{1}})));
  const Tensor target(y);
  experiments::RunningMoments moments(shift);
  experiments::Progress progress(label, draws);
  for (std::size_t done = 0; done < draws;) {
    const std::size_t count = std::min(chunk, draws - done);
    const Tensor inputs = count == chunk ? stacked : Tensor(stack_copies(X, count));
    // Row c·N + i of the product is draw c's prediction for sample i.
    const Tensor predictions = reshape(matmul(dropout(inputs), weights), {count, N});
    const Tensor losses = sum(pow(target - predictions, 2.0), 1);  // one loss per draw
    for (const Scalar loss : losses.value()) moments.add(loss);
    done += count;
    if (trace) trace->push_back({done, moments.mean(), moments.mean_se()});
    progress.update(done);
  }
  return {draws, moments.mean(), moments.mean_se(), moments.variance(), moments.variance_se()};
}

MonteCarloGradient monte_carlo_gradient(const Array& X, const Array& y, const Array& w,
                                        Scalar retain_prob, std::size_t draws, const char* label) {
  using namespace autograd;
  const std::size_t N = X.shape()[0];
  const std::size_t D = X.shape()[1];
  nn::SrivastavaDropout dropout(retain_prob);
  nn::Linear linear(D, 1, /*bias=*/false);
  linear.weight().mutable_value() = xt::reshape_view(w, {std::size_t{1}, D});
  const nn::MSELoss squared_error(nn::Reduction::sum);
  const Tensor inputs(X);
  const Tensor target(Array(xt::reshape_view(y, {N, std::size_t{1}})));
  std::vector<experiments::RunningMoments> moments(D);
  experiments::Progress progress(label, draws);
  for (std::size_t draw = 0; draw < draws; ++draw) {
    linear.zero_grad();
    squared_error(linear(dropout(inputs)), target).backward();
    const Array& gradient = linear.weight().grad();  // (1, D)
    for (std::size_t j = 0; j < D; ++j) moments[j].add(gradient(0, j));
    if (draw % 1024 == 0) progress.update(draw);
  }
  progress.update(draws);
  MonteCarloGradient result{draws, Array::from_shape({D}), Array::from_shape({D})};
  for (std::size_t j = 0; j < D; ++j) {
    result.mean(j) = moments[j].mean();
    result.mean_se(j) = moments[j].mean_se();
  }
  return result;
}

}  // namespace dropout_ridge
