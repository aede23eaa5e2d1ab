// The dynamics experiment from start to end (run): the parts in order, then the claims, tables,
// figures, summary.json and section.md (the setting, the verdict table, the figures, the logistic
// penalty table and a paragraph for a student), all from the typed results.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "experiments/common/json.hpp"
#include "experiments/common/markdown.hpp"
#include "experiments/dynamics/claims.hpp"
#include "experiments/dynamics/report.hpp"

namespace dynamics {

namespace {

std::string setting(const Results& r) {
  std::string beta0;
  for (const double b : r.wager.beta0)
    beta0 += fmt::format("{}{:.4g}", beta0.empty() ? "" : ", ", b);
  return fmt::format(
      "## Dropout under gradient descent (`experiments/dynamics`)\n\n"
      "The theorem is about an expectation; training draws one mask at a time. This section "
      "trains with the masks and compares every measured number with a closed form: the training "
      "step is a random affine map of the weights, so the mean of the iterates, their stationary "
      "covariance (a linear fixed-point equation over all (row, mask) outcomes) and the long-run "
      "covariance that sets the error of the averaged iterate are exact. Monte Carlo checks pass "
      "when |z| ≤ {}.\n\n"
      "Designs: A (N = 10, D = 4, x_ij = sin(0.7(i+1)(j+1) + 0.3(j+1)), y_i = cos(0.5(i+1))) for "
      "the SGD and Clara rows and, standardised (columns of mean 0 and variance 1, y centred), for "
      "the weight-decay rows; C (n = 20, d = 6, x_ij = sin(0.37(i+1)(j+1) + 0.5j), β₀ = ({})) for "
      "the logistic row. SGD draws a row uniformly with replacement at every step; the post's "
      "DataLoader takes them in a fixed order (measured separately below). The long runs use a "
      "plain-arithmetic loop; over their first {} steps it reproduces the iterates of "
      "`SrivastavaDropout → Linear(bias=false) → MSELoss → optim::SGD` to {:.2g}, and those of "
      "`nn::Dropout` and of `optim::SGD(weight_decay)` to {:.2g} (same masks and samples). Each "
      "verdict is chosen by the checks listed with it; the reading of Clara et al. is argued.\n\n",
      kMaxAbsZ, beta0, r.sgd.nn_check.steps, r.sgd.nn_check.max_abs_difference,
      r.equivalence.nn_check.max_abs_difference);
}

// Rows δ, columns s: "exact ÷ quadratic" in each cell.
std::string penalty_table(const std::vector<WagerCell>& wager) {
  std::vector<std::string> header{"δ \\ s"};
  std::vector<std::vector<std::string>> rows;
  for (const WagerCell& cell : wager) {  // δ major, s minor
    const std::string delta = fmt::format("{:.4g}", cell.delta);
    if (rows.empty() || rows.back()[0] != delta) rows.push_back({delta});
    if (rows.size() == 1) header.push_back(fmt::format("{:.4g}", cell.s));
    rows.back().push_back(fmt::format("{:.4g} ÷ {:.4g}", cell.exact, cell.quadratic));
  }
  return "**Logistic penalty, exact ÷ quadratic** (rows δ = drop probability, columns s):\n\n" +
         experiments::markdown_table(header, rows) + "\n";
}

bool verdict_is(const std::vector<experiments::Claim>& claims, const char* id,
                const char* verdict) {
  return experiments::claim_with_id(claims, id).verdict == verdict;
}

// What the section adds up to, with the measured factors where their claims were confirmed.
std::string for_a_student(const Results& r, const std::vector<experiments::Claim>& claims) {
  std::string text =
      "**For a student.** Training with dropout replaces the marginalised loss by a random one "
      "whose expectation is that loss, so stochastic gradient descent on it is ordinary SGD on "
      "the marginalised objective, with extra gradient noise. Two facts about SGD with a constant "
      "step settle the post's worry. The iterates do not converge to a point: they fluctuate "
      "around the minimiser w* with a spread that shrinks like √lr";
  if (verdict_is(claims, "dynamics.last_iterate_stalls", "ordinary constant-step SGD noise")) {
    text += fmt::format(
        " (here measured at {:.3g}× between learning rates a factor {:.3g} apart, where √ gives "
        "{:.3g}), and weight-decay SGD does the same (measured: {:.3g}× for √ {:.3g}), because "
        "sampling one example per step is noise too",
        r.sgd.rms_ratio.measured, r.sgd.lr[0] / r.sgd.lr[1], r.sgd.rms_ratio.sqrt_lr_ratio,
        r.weight_decay_stall.rms_ratio, r.weight_decay_stall.sqrt_lr_ratio);
  }
  text +=
      ". The average of the iterates does converge, at the rate 1/√K that is optimal for "
      "stochastic approximation (Polyak & Juditsky, 1992), with a constant given by the long-run "
      "covariance of the chain, which we compute exactly and measure";
  if (!verdict_is(claims, "dynamics.throw_off_sgd", "not confirmed")) {
    text += fmt::format(
        ". Dropout's extra noise makes that constant larger ({:.3g}× at q = {}): below its "
        "stability bound (lr {:.4g} here) dropout costs steps, not convergence; above it, as for "
        "any SGD, the step size itself is the problem",
        r.equivalence.pairs[0].noise_ratio(), r.equivalence.pairs[0].drop_prob,
        r.sgd_stability.second_moment_lr_bound);
  }
  text += ". ";
  if (verdict_is(claims, "dynamics.clara_noise", "the noise is real and exactly predictable")) {
    text += fmt::format(
        "Clara et al.'s full-batch scheme shows the same thing without sampling noise: the mean "
        "goes to the ridge-like minimiser geometrically, the variance settles at a level that "
        "shrinks with α and that a linear system over the {} masks predicts exactly, and "
        "removing the mask from the residual removes the noise (and changes the limit to least "
        "squares). ",
        1U << r.clara.beta_tilde.size());
  }
  return text + fmt::format(
                    "In Clara et al. D is the mask, so D² = D, not the post's Γ. Finally, which "
                    "weight decay dropout is equivalent to depends on the model, the loss and the "
                    "scale of the inputs: for a linear model with MSE, standardised inputs and "
                    "dropout on the inputs, PyTorch's weight_decay must be 2q/(1−q), so the post's "
                    "weight_decay = {} corresponds to dropping 1 input in {:.4g}, not half of "
                    "them. That matching says nothing about the post's MLP (hidden dropout, BCE): "
                    "there, the moons section measures it. For the logistic loss of a classifier "
                    "the dropout penalty is only approximately quadratic, with per-example weights "
                    "σ(1−σ), and the approximation breaks down for large weights or heavy "
                    "dropout.\n\n",
                    kPostWeightDecay, 1 / r.equivalence.q_for_wd_0_2);
}

std::string section_markdown(const Results& results, const std::vector<experiments::Claim>& claims,
                             const std::string& figures) {
  return setting(results) + experiments::claims_table(claims) + figures +
         penalty_table(results.wager.table) + for_a_student(results, claims);
}

}  // namespace

experiments::Report run(Settings s, const experiments::Context& context) {
  s.seed = context.seed;
  s.quick = context.quick;
  s.threads = context.threads;
  const experiments::Output& out = context.out;
  Results r;
  std::cerr << "dynamics: 1. dropout SGD\n";
  r.sgd = measure_sgd(s);
  std::cerr << "dynamics: 1b. the stability bound, fixed order, weight decay's stall\n";
  r.sgd_stability = measure_stability(s);
  r.sgd_fixed_order = measure_fixed_order(s);
  r.weight_decay_stall = measure_weight_decay_stall(s);
  std::cerr << "dynamics: 2. Clara et al.'s iterative dropout\n";
  r.clara = measure_clara(s);
  std::cerr << "dynamics: 3. weight decay vs dropout\n";
  r.equivalence = measure_equivalence(s);
  std::cerr << "dynamics: 4. the logistic dropout penalty\n";
  r.wager = measure_wager();

  const std::vector<experiments::Claim> claims = dynamics_claims(s, r);
  nlohmann::json summary = r;
  // "config": the settings, without the thread count (the summary must not depend on it).
  summary["config"] = {{"lr", {s.lr_large, s.lr_small}}};
  EXPERIMENTS_JSON_MEMBERS(summary["config"], s, seed, quick, sgd_retain_prob, sgd_steps, sgd_runs,
                           nn_check_steps, clara_retain_prob, clara_alpha_factor, clara_alphas,
                           clara_chains, equivalence_lr, equivalence_steps, equivalence_runs,
                           batches_per_run);
  summary["claims"] = experiments::to_json(claims);
  write_tables(r, out);
  return {summary, section_markdown(r, claims, draw_figures(r, out)), ""};
}

}  // namespace dynamics
