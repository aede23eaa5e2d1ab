// Per-sample SGD on linear regression, with dropout on the inputs or weight decay, in two
// implementations that make the same random draws in the same order:
//
//  * nn_sgd_iterates: the project's own stack, [Dropout →] Linear(D, 1, bias = false) →
//    MSELoss → optim::SGD(lr, weight_decay), one sample per step; slow (a graph per step) and
//    used to validate the fast loop;
//  * FastSgd / run_sgd: the same step in plain arithmetic on a D-vector, fast enough for 10⁷
//    steps in well under a second.
//
// One step: draw a row i uniformly (autograd::uniform_index), then its mask (one uniform per
// input, as autograd::bernoulli_mask draws it), then
//   x̃ = mask∗x_i·scale,  ĝ = 2·(x̃·w − y_i)·x̃,  w ← w − lr·(ĝ + wd·w)
// (the gradient of MSELoss on one sample, (x̃·w − y_i)², then torch.optim.SGD's update). Over i
// and the mask the expected loss is the marginalised objective divided by N (experiments/theorem),
// so SGD targets its minimiser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/affine_recursion.hpp"

namespace dynamics {

enum class InputDropout {
  none,        // plain inputs
  srivastava,  // x·m, m ~ Bernoulli(retain_prob), no rescaling (the theorem's convention)
  inverted     // x·m/(1 − drop_prob), m ~ Bernoulli(1 − drop_prob) (PyTorch's nn.Dropout)
};

struct SgdSetup {
  Array X;  // (N, D)
  Array y;  // (N)
  InputDropout dropout = InputDropout::none;
  Scalar retain_prob = 1;   // used by InputDropout::srivastava
  Scalar drop_prob = 0;     // used by InputDropout::inverted
  Scalar weight_decay = 0;  // PyTorch's: the optimizer adds weight_decay·w to the gradient

  // The probability that a mask entry is 1, and the factor a kept input is multiplied by,
  // computed exactly as nn::SrivastavaDropout / nn::Dropout compute them.
  Scalar mask_prob_one() const;
  Scalar kept_scale() const;
};

SgdSetup srivastava_sgd(const Array& X, const Array& y, Scalar retain_prob);
SgdSetup inverted_dropout_sgd(const Array& X, const Array& y, Scalar drop_prob);
SgdSetup weight_decay_sgd(const Array& X, const Array& y, Scalar weight_decay);

// The step as a random affine recursion over all (row, mask) pairs (affine_recursion.hpp):
// G = 2x̃x̃ᵀ + wd·I, b = 2·y_i·x̃, probability (1/N)·P(mask).
AffineRecursion sgd_recursion(const SgdSetup& setup);

// The plain-arithmetic loop; starts at w = 0 with its own generator seeded by `seed`.
class FastSgd {
 public:
  FastSgd(const SgdSetup& setup, Scalar lr, std::uint64_t seed);
  void step();
  const std::vector<double>& weights() const { return w_; }

 private:
  std::size_t rows_, dim_;
  std::vector<double> X_;  // row-major copy
  std::vector<double> y_;
  bool dropout_;
  Scalar mask_prob_one_, kept_scale_, weight_decay_, lr_;
  autograd::Generator gen_;
  std::vector<double> w_;
  std::vector<double> input_;  // x̃ of the current step
};

// The first `steps` iterates of each implementation, w_0 = 0 included: (steps + 1, D).
// nn_sgd_iterates reseeds the library generator (autograd::manual_seed(seed)) after building
// its modules, so Linear's initial draws do not shift the stream; the weight starts at 0.
Array fast_sgd_iterates(const SgdSetup& setup, Scalar lr, std::size_t steps, std::uint64_t seed);
Array nn_sgd_iterates(const SgdSetup& setup, Scalar lr, std::size_t steps, std::uint64_t seed);

// The tail average (last 90% of `steps`) of dropout SGD that takes the rows in a fixed order,
// 0, 1, …, N−1, 0, …, as the post's DataLoader(shuffle=False) does; masks as FastSgd draws them.
std::vector<double> fixed_order_tail_average(const SgdSetup& setup, double lr, std::size_t steps,
                                             std::uint64_t seed);

// max |nn − fast| over those iterates: how closely the fast loop reproduces nn/optim.
Scalar nn_vs_fast_difference(const SgdSetup& setup, Scalar lr, std::size_t steps,
                             std::uint64_t seed);

// round(first·10^(m/per_decade)) for m = 0, 1, … while ≤ last, then `last` itself if it is not
// on the grid: the step counts at which a run is observed (run_sgd's checkpoints).
std::vector<std::size_t> log_grid(std::size_t first, std::size_t last, std::size_t per_decade);

// One long run of FastSgd from w = 0, recording against `target`:
struct SgdRun {
  std::vector<double> last_sq_error;      // ||w_K − target||² at each checkpoint K
  std::vector<double> averaged_sq_error;  // ||w̄_K − target||², w̄_K = (1/K)·Σ_{k=1..K} w_k
  // The late window, the last batches·batch_length steps, cut into consecutive batches. Batch
  // means of a stationary chain whose batches are much longer than its mixing time are nearly
  // independent, so their spread gives honest standard errors ("batch means").
  std::vector<double> batch_sq_error;            // per batch: mean of ||w_k − target||²
  std::vector<std::vector<double>> batch_state;  // per batch: mean of w_k (D)
};
// checkpoints: strictly increasing step counts; the run lasts checkpoints.back() steps, and the
// late window (batches·batch_length steps) must fit in it.
SgdRun run_sgd(const SgdSetup& setup, Scalar lr, const Array& target,
               const std::vector<std::size_t>& checkpoints, std::size_t batches,
               std::size_t batch_length, std::uint64_t seed);

// The long-run covariance's trace tr Σ∞ (affine_recursion.hpp) from the batch means of the
// iterates: a batch mean of L steps has covariance ≈ Σ∞/L, so L·(1/(n−1))·Σ_b ||m_b − m̄||² over
// the n batches of all runs estimates tr Σ∞; its SE is L·sd(||m_b − m̄||²)/√n.
struct LongRunEstimate {
  double trace = 0;
  double se = 0;
};
LongRunEstimate batch_means_long_run_trace(const std::vector<SgdRun>& runs,
                                           std::size_t batch_length);

// The batch means of ||w_k − target||² of all runs' late windows (their mean is the stall level
// E||w − target||², their SE honest), as moments about `shift`.
experiments::RunningMoments batch_sq_moments(const std::vector<SgdRun>& runs, double shift = 0);

}  // namespace dynamics
