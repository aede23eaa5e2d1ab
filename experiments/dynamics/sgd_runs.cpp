#include "experiments/dynamics/sgd_runs.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include <xtensor/xview.hpp>

#include "experiments/common/linalg.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"
#include "optim/sgd.hpp"

namespace dynamics {

namespace linalg = experiments::linalg;

namespace {
void check_setup(const SgdSetup& setup) {
  if (setup.X.dimension() != 2 || setup.y.dimension() != 1 ||
      setup.y.shape()[0] != setup.X.shape()[0] || setup.X.shape()[0] == 0) {
    throw std::invalid_argument("SgdSetup: need X (N, D) and y (N), got X " +
                                autograd::shape_to_string(setup.X.shape()) + ", y " +
                                autograd::shape_to_string(setup.y.shape()));
  }
}
}  // namespace

Scalar SgdSetup::mask_prob_one() const {
  // As nn::Dropout for inverted dropout: bernoulli_mask(shape, 1.0 − drop_prob).
  if (dropout == InputDropout::inverted) return 1.0 - drop_prob;
  return dropout == InputDropout::srivastava ? retain_prob : 1.0;
}

Scalar SgdSetup::kept_scale() const {
  // nn::Dropout multiplies by mask/(1 − drop_prob), i.e. a kept input by 1.0/(1.0 − drop_prob).
  return dropout == InputDropout::inverted ? 1.0 / (1.0 - drop_prob) : 1.0;
}

SgdSetup srivastava_sgd(const Array& X, const Array& y, Scalar retain_prob) {
  return {.X = X, .y = y, .dropout = InputDropout::srivastava, .retain_prob = retain_prob};
}
SgdSetup inverted_dropout_sgd(const Array& X, const Array& y, Scalar drop_prob) {
  return {.X = X, .y = y, .dropout = InputDropout::inverted, .drop_prob = drop_prob};
}
SgdSetup weight_decay_sgd(const Array& X, const Array& y, Scalar weight_decay) {
  return {.X = X, .y = y, .dropout = InputDropout::none, .weight_decay = weight_decay};
}

AffineRecursion sgd_recursion(const SgdSetup& setup) {
  check_setup(setup);
  const std::size_t N = setup.X.shape()[0];
  const std::size_t D = setup.X.shape()[1];
  const bool dropout = setup.dropout != InputDropout::none;
  // Without dropout the only "mask" keeps everything, with probability one.
  const std::vector<Mask> masks =
      dropout ? all_masks(D, setup.mask_prob_one()) : std::vector<Mask>{{(1U << D) - 1, 1.0}};
  AffineRecursion recursion;
  recursion.dim = D;
  for (std::size_t i = 0; i < N; ++i) {
    for (const Mask& mask : masks) {
      Array input = xt::zeros<Scalar>({D});
      for (std::size_t j = 0; j < D; ++j) {
        if (mask.kept(j)) input(j) = setup.X(i, j) * setup.kept_scale();
      }
      // ∇_w [(x̃·w − y_i)² + (wd/2)·||w||²] = (2x̃x̃ᵀ + wd·I)·w − 2·y_i·x̃
      Array G = 2.0 * linalg::outer(input, input) + setup.weight_decay * xt::eye<Scalar>(D);
      Array b = 2.0 * setup.y(i) * input;
      recursion.outcomes.push_back({mask.prob / static_cast<Scalar>(N), G, b});
    }
  }
  return recursion;
}

FastSgd::FastSgd(const SgdSetup& setup, Scalar lr, std::uint64_t seed)
    : rows_(setup.X.shape()[0]),
      dim_(setup.X.shape()[1]),
      X_(setup.X.begin(), setup.X.end()),
      y_(setup.y.begin(), setup.y.end()),
      dropout_(setup.dropout != InputDropout::none),
      mask_prob_one_(setup.mask_prob_one()),
      kept_scale_(setup.kept_scale()),
      weight_decay_(setup.weight_decay),
      lr_(lr),
      gen_(seed),
      w_(dim_, 0.0),
      input_(dim_, 0.0) {
  check_setup(setup);
}

void FastSgd::step() {
  // Draws in nn_sgd_iterates' order: the row, then one uniform per input for its mask.
  const std::size_t i = autograd::uniform_index(rows_, gen_);
  const double* row = &X_[i * dim_];
  double prediction = 0;
  for (std::size_t j = 0; j < dim_; ++j) {
    const bool kept = !dropout_ || autograd::uniform01(gen_) < mask_prob_one_;
    input_[j] = kept ? (dropout_ ? row[j] * kept_scale_ : row[j]) : 0.0;
    prediction += input_[j] * w_[j];
  }
  // d/dw (x̃·w − y)² = 2·(x̃·w − y)·x̃; then torch.optim.SGD: g = grad + wd·w, w ← w − lr·g.
  const double residual_gradient = 2.0 * (prediction - y_[i]);
  for (std::size_t j = 0; j < dim_; ++j) {
    const double g = residual_gradient * input_[j] + weight_decay_ * w_[j];
    w_[j] -= lr_ * g;
  }
}

Array fast_sgd_iterates(const SgdSetup& setup, Scalar lr, std::size_t steps, std::uint64_t seed) {
  FastSgd sgd(setup, lr, seed);
  const std::size_t D = setup.X.shape()[1];
  Array iterates = xt::zeros<Scalar>({steps + 1, D});
  for (std::size_t k = 1; k <= steps; ++k) {
    sgd.step();
    for (std::size_t j = 0; j < D; ++j) iterates(k, j) = sgd.weights()[j];
  }
  return iterates;
}

std::vector<double> fixed_order_tail_average(const SgdSetup& setup, double lr, std::size_t steps,
                                             std::uint64_t seed) {
  const std::size_t N = setup.X.shape()[0], D = setup.X.shape()[1];
  autograd::Generator gen(seed);
  std::vector<double> w(D, 0.0), input(D, 0.0), sum(D, 0.0);
  const std::size_t tail_start = steps / 10;
  for (std::size_t k = 0; k < steps; ++k) {
    const std::size_t i = k % N;
    double prediction = 0;
    for (std::size_t j = 0; j < D; ++j) {
      const bool kept = autograd::uniform01(gen) < setup.mask_prob_one();
      input[j] = kept ? setup.X(i, j) * setup.kept_scale() : 0.0;
      prediction += input[j] * w[j];
    }
    const double residual_gradient = 2.0 * (prediction - setup.y(i));
    for (std::size_t j = 0; j < D; ++j) w[j] -= lr * residual_gradient * input[j];
    if (k >= tail_start) {
      for (std::size_t j = 0; j < D; ++j) sum[j] += w[j];
    }
  }
  for (double& x : sum) x /= static_cast<double>(steps - tail_start);
  return sum;
}

Array nn_sgd_iterates(const SgdSetup& setup, Scalar lr, std::size_t steps, std::uint64_t seed) {
  check_setup(setup);
  const std::size_t N = setup.X.shape()[0];
  const std::size_t D = setup.X.shape()[1];
  std::shared_ptr<nn::Module> dropout;
  if (setup.dropout == InputDropout::srivastava) {
    dropout = std::make_shared<nn::SrivastavaDropout>(setup.retain_prob);
  } else if (setup.dropout == InputDropout::inverted) {
    dropout = std::make_shared<nn::Dropout>(setup.drop_prob);
  }
  nn::Linear linear(D, 1, /*bias=*/false);
  linear.weight().mutable_value() = xt::zeros<Scalar>({std::size_t{1}, D});
  optim::SGD sgd(linear.parameters(), lr, /*momentum=*/0, /*dampening=*/0, setup.weight_decay);
  const nn::MSELoss mse;  // mean over one element: (prediction − y_i)²
  autograd::manual_seed(seed);
  autograd::Generator& gen = autograd::generator();
  Array iterates = xt::zeros<Scalar>({steps + 1, D});
  for (std::size_t k = 1; k <= steps; ++k) {
    const std::size_t i = autograd::uniform_index(N, gen);
    const autograd::Tensor x(Array(xt::view(setup.X, xt::range(i, i + 1), xt::all())));
    const autograd::Tensor input = dropout ? (*dropout)(x) : x;
    Array target_value = Array::from_shape({1, 1});  // (1, 1), like the prediction
    target_value(0, 0) = setup.y(i);
    const autograd::Tensor target(target_value);
    sgd.zero_grad();
    mse(linear(input), target).backward();
    sgd.step();
    for (std::size_t j = 0; j < D; ++j) iterates(k, j) = linear.weight().value()(0, j);
  }
  return iterates;
}

Scalar nn_vs_fast_difference(const SgdSetup& setup, Scalar lr, std::size_t steps,
                             std::uint64_t seed) {
  const Array through_nn = nn_sgd_iterates(setup, lr, steps, seed);
  return xt::amax(xt::abs(through_nn - fast_sgd_iterates(setup, lr, steps, seed)))();
}

std::vector<std::size_t> log_grid(std::size_t first, std::size_t last, std::size_t per_decade) {
  if (first == 0 || last < first || per_decade == 0) {
    throw std::invalid_argument("log_grid: need 0 < first <= last and per_decade > 0");
  }
  std::vector<std::size_t> grid;
  for (std::size_t m = 0;; ++m) {
    const double value = std::round(static_cast<double>(first) *
                                    std::pow(10.0, static_cast<double>(m) / per_decade));
    if (value > static_cast<double>(last)) break;
    const auto step = static_cast<std::size_t>(value);
    if (grid.empty() || step > grid.back()) grid.push_back(step);
  }
  if (grid.back() != last) grid.push_back(last);
  return grid;
}

SgdRun run_sgd(const SgdSetup& setup, Scalar lr, const Array& target,
               const std::vector<std::size_t>& checkpoints, std::size_t batches,
               std::size_t batch_length, std::uint64_t seed) {
  if (checkpoints.empty() || checkpoints.front() == 0 ||
      !std::is_sorted(checkpoints.begin(), checkpoints.end(), std::less_equal<>())) {
    throw std::invalid_argument("run_sgd: need strictly increasing positive checkpoints");
  }
  const std::size_t steps = checkpoints.back();
  if (batches == 0 || batch_length == 0 || batches * batch_length > steps) {
    throw std::invalid_argument("run_sgd: the late window of " + std::to_string(batches) + "·" +
                                std::to_string(batch_length) + " steps does not fit in " +
                                std::to_string(steps));
  }
  const std::size_t D = setup.X.shape()[1];
  FastSgd sgd(setup, lr, seed);
  const std::vector<double> goal(target.begin(), target.end());  // plain access in the hot loop
  SgdRun run;
  // Σ_k (w_k − target): the running sum of errors, whose mean is w̄_K − target.
  std::vector<double> error_sum(D, 0.0);
  const std::size_t late_start = steps - batches * batch_length;  // steps k > late_start
  double batch_sq_sum = 0;
  std::vector<double> batch_state_sum(D, 0.0);
  std::size_t next = 0;
  for (std::size_t k = 1; k <= steps; ++k) {
    sgd.step();
    const std::vector<double>& w = sgd.weights();
    double squared = 0;
    for (std::size_t j = 0; j < D; ++j) {
      const double error = w[j] - goal[j];
      error_sum[j] += error;
      squared += error * error;
    }
    if (k > late_start) {
      batch_sq_sum += squared;
      for (std::size_t j = 0; j < D; ++j) batch_state_sum[j] += w[j];
      if ((k - late_start) % batch_length == 0) {  // a batch is complete
        const double length = static_cast<double>(batch_length);
        run.batch_sq_error.push_back(batch_sq_sum / length);
        std::vector<double> state(D);
        for (std::size_t j = 0; j < D; ++j) state[j] = batch_state_sum[j] / length;
        run.batch_state.push_back(state);
        batch_sq_sum = 0;
        std::fill(batch_state_sum.begin(), batch_state_sum.end(), 0.0);
      }
    }
    if (k == checkpoints[next]) {
      double averaged_squared = 0;
      for (std::size_t j = 0; j < D; ++j) {
        const double mean_error = error_sum[j] / static_cast<double>(k);
        averaged_squared += mean_error * mean_error;
      }
      run.last_sq_error.push_back(squared);
      run.averaged_sq_error.push_back(averaged_squared);
      ++next;
    }
  }
  return run;
}

LongRunEstimate batch_means_long_run_trace(const std::vector<SgdRun>& runs,
                                           std::size_t batch_length) {
  std::vector<const std::vector<double>*> means;
  for (const SgdRun& run : runs) {
    for (const auto& state : run.batch_state) means.push_back(&state);
  }
  if (means.size() < 2) throw std::invalid_argument("batch_means_long_run_trace: need 2 batches");
  const std::size_t D = means.front()->size();
  std::vector<double> grand(D);  // m̄, coordinate by coordinate
  for (std::size_t j = 0; j < D; ++j) {
    std::vector<double> coordinate;
    for (const auto* m : means) coordinate.push_back((*m)[j]);
    grand[j] = experiments::mean(coordinate);
  }
  // The sum and SD of ||m_b − m̄||² stay written out, for bit-identical results, rather than
  // taken from statistics.hpp: RunningMoments ((s2 − s1²/n)/(n − 1), √(variance/n), n·mean)
  // moved the last digits of 11 of summary.json's 844 values (long_run_trace, its SE and z), and
  // mean_se (two-pass SD) 8, against this one-pass √((Σx² − n·x̄²)/(n − 1))/√n and Σ/(n − 1).
  const double n = static_cast<double>(means.size());
  double sum = 0, sum_sq = 0;
  for (const auto* m : means) {
    double squared = 0;
    for (std::size_t j = 0; j < D; ++j) squared += ((*m)[j] - grand[j]) * ((*m)[j] - grand[j]);
    sum += squared;
    sum_sq += squared * squared;
  }
  const double length = static_cast<double>(batch_length);
  const double mean_squared = sum / n;
  const double sd_squared = std::sqrt((sum_sq - n * mean_squared * mean_squared) / (n - 1));
  return {length * sum / (n - 1), length * sd_squared / std::sqrt(n)};
}

experiments::RunningMoments batch_sq_moments(const std::vector<SgdRun>& runs, double shift) {
  experiments::RunningMoments moments(shift);
  for (const SgdRun& run : runs) {
    for (const double b : run.batch_sq_error) moments.add(b);
  }
  return moments;
}

}  // namespace dynamics
