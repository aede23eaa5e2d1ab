// The figures and the Markdown section of the dynamics experiment, made from summary.json's
// numbers only (so the report cannot disagree with the summary), with verdicts computed from
// them.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/dynamics/sections.hpp"

namespace dynamics {

using experiments::rounded;
using nlohmann::json;

namespace {

// Tolerances of the verdicts (the tests use the same).
constexpr double kMaxAbsZ = 4;                           // Monte Carlo vs exact, in SEs
constexpr double kSlopeLow = -0.65, kSlopeHigh = -0.35;  // the averaged iterate's slope
constexpr double kSqrtLawTolerance = 0.05;  // |ratio/√(lr₁/lr₂) − 1| for the exact ratio
constexpr double kQuadraticHolds = 0.10;    // Wager et al.: |quadratic/exact − 1| ≤ 10%

// The post's words, verbatim (typographic quotes and LaTeX delimiters as rendered).
const char* const kThrowOff =
    "dropout’s variance may actually “throw off” stochastic gradient descent from its "
    "trajectory, slowing, or in extreme cases, preventing convergence";
const char* const kIntroduceNoise =
    "Unlike the L^2 norm, varying p actually means we will introduce noise into the network";
const char* const kClara =
    "Clara, Langer, and Schmidt-Hieber (n.d.) discussed at length the implications of this noise";
const char* const kSameAccuracy =
    "To no surprise, both models have exactly the same accuracy score. This serves as further "
    "evidence the theorem holds.";
const char* const kProof = "We have a proof that L^2 and marginalised dropout are equivalent";

std::string verdict(bool holds, const std::string& yes, const std::string& no) {
  return "**" + (holds ? yes : no) + "**";
}

double max_abs(const json& nested) {
  double worst = 0;
  for (const json& row : nested) {
    for (const json& value : row) worst = std::max(worst, std::abs(value.get<double>()));
  }
  return worst;
}

std::string figure(const experiments::Output& out, const std::string& png,
                   const std::string& script, const std::string& alt) {
  return out.plot(png, script) ? "![" + alt + "](" + out.link(png) + ")\n\n" : std::string();
}

const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

std::string sgd_figure(const json& sgd, const experiments::Output& out) {
  std::ostringstream gp;
  const double first_K = sgd["K"].front(), last_K = sgd["K"].back();
  gp << "set terminal pngcairo size 1000,700 noenhanced\nset output '" << out.path("sgd_errors.png")
     << "'\nset datafile separator ','\nset logscale xy\n"
     << "set xrange [" << first_K / 1.5 << ":" << last_K * 1.5 << "]\n"
     << "set format x '10^%L'\nset format y '10^%L'\nset grid\n"
     << "set key bottom left opaque box font ',10'\n"
     << "set xlabel 'steps K'\nset ylabel 'RMS over runs of ||w - w*||  (+-1 SE)'\n"
     << "set title \"Dropout SGD, design A, retain p = " << sgd["retain_prob"].get<double>() << ", "
     << sgd["runs"] << " runs per lr\\nthe last iterate stalls at sqrt(tr M), "
     << "the Polyak average falls like sqrt(tr Sinf / K)\"\n"
     << "plot ";
  const std::string csv = out.path("sgd_errors.csv");
  for (std::size_t li = 0; li < 2; ++li) {
    const std::string lr = "lr " + rounded(sgd["lr"][li].get<double>());
    const std::size_t base = 2 + 6 * li;  // columns: last, last SE, avg, avg SE, predicted, M
    const std::string colour = std::string("lc rgb '") + kColours[li] + "'";
    gp << (li ? ", \\\n  " : "") << "'" << csv << "' skip 1 using 1:" << base << ":" << base + 1
       << " with yerrorlines pt 7 " << colour << " title 'last iterate, " << lr << "', \\\n  '"
       << csv << "' skip 1 using 1:" << base + 2 << ":" << base + 3 << " with yerrorlines pt 9 "
       << colour << " title 'Polyak average, " << lr << "', \\\n  '" << csv
       << "' skip 1 using 1:" << base + 4 << " with lines dt 2 lw 2 " << colour
       << " title 'closed form sqrt(tr Sinf / K), " << lr << "', \\\n  '" << csv
       << "' skip 1 using 1:" << base + 5 << " with lines dt 3 lw 2 " << colour
       << " title 'closed form sqrt(tr M), " << lr << "'";
  }
  gp << "\n";
  return figure(out, "sgd_errors.png", gp.str(), "dropout SGD errors");
}

std::string clara_figures(const json& clara, const experiments::Output& out) {
  const std::size_t D = clara["beta_tilde"].size();
  std::ostringstream variance;
  variance << "set terminal pngcairo size 1000,620 noenhanced\nset output '"
           << out.path("clara_variance.png") << "'\nset datafile separator ','\n"
           << "set logscale xy\nset grid\nset key outside right\nset format y '10^%L'\n"
           << "set xrange [" << clara["alpha"].back().get<double>() / 1.5 << ":"
           << clara["alpha"].front().get<double>() * 1.5 << "]\n"
           << "set xtics (";
  for (std::size_t a = 0; a < clara["alpha"].size(); ++a) {
    const double alpha = clara["alpha"][a];
    variance << (a ? ", " : "") << "'" << rounded(alpha, 3) << "' " << experiments::exact(alpha);
  }
  variance << ")\n"
           << "set xlabel 'step size alpha'\nset ylabel 'stationary variance of beta_j'\n"
           << "set title \"Full-batch dropout GD (Clara et al.), p = " << clara["retain_prob"]
           << "\\nchains (" << clara["chains"]
           << " per alpha, +-1 SE) against the exact stationary variance\"\nplot ";
  const std::string csv = out.path("clara_variance.csv");
  for (std::size_t j = 0; j < D; ++j) {
    const std::string colour = std::string("lc rgb '") + kColours[j % 4] + "'";
    const std::size_t base = 2 + 3 * j;
    variance << (j ? ", \\\n  " : "") << "'" << csv << "' skip 1 using 1:" << base
             << " with lines dt 2 lw 2 " << colour << " title 'exact, beta_" << j << "', \\\n  '"
             << csv << "' skip 1 using 1:" << base + 1 << ":" << base + 2
             << " with yerrorbars pt 7 ps 1.2 " << colour << " title 'chains, beta_" << j << "'";
  }
  variance << "\n";
  std::ostringstream mean;
  mean << "set terminal pngcairo size 1000,560 noenhanced\nset output '"
       << out.path("clara_mean.png") << "'\nset datafile separator ','\nset logscale y\n"
       << "set format y '10^%L'\nset grid\nset key top right\n"
       << "set xlabel 'step k'\nset ylabel '||mean of beta_k - beta_tilde||'\n"
       << "set title 'The mean of " << clara["chains"]
       << " chains converges geometrically (alpha = " << rounded(clara["alpha"][0].get<double>())
       << ")'\n"
       << "plot '" << out.path("clara_mean_path.csv")
       << "' skip 1 using 1:2 with linespoints pt 7 ps 0.6 title 'mean over chains', "
       << "'' skip 1 using 1:3 with lines lw 2 dt 2 title 'exact ||C^k beta_tilde||', "
       << "'' skip 1 using 1:4 with lines lw 2 dt 3 title 'noise floor sqrt(tr M / chains)'\n";
  return figure(out, "clara_variance.png", variance.str(), "Clara variance") +
         figure(out, "clara_mean.png", mean.str(), "Clara mean");
}

std::string wager_figure(const json& wager_small, const experiments::Output& out) {
  std::ostringstream gp;
  const std::string csv = out.path("wager_curve.csv");
  gp << "set terminal pngcairo size 1200,520 noenhanced\nset output '" << out.path("wager.png")
     << "'\nset datafile separator ','\nset multiplot layout 1,2 title 'Logistic regression, "
        "design C, beta = s * beta0: exact dropout penalty vs quadratic approximation'\n"
     << "set logscale x\nset grid\nset key top left\nset xlabel 'scale s of beta'\n"
     << "set ylabel 'quadratic / exact'\n"
     << "set object 1 rect from graph 0, first " << 1 - kQuadraticHolds << " to graph 1, first "
     << 1 + kQuadraticHolds << " fc rgb '#dddddd' fs solid 0.5 noborder behind\n"
     << "set title 'ratio (grey: within 10%)'\nplot ";
  for (std::size_t d = 0; d < wager_small.size(); ++d) {
    gp << (d ? ", " : "") << "'" << csv << "' skip 1 using 1:" << 4 + 3 * d
       << " with lines lw 2 lc rgb '" << kColours[d]
       << "' title 'delta = " << rounded(wager_small[d]["delta"].get<double>()) << "'";
  }
  gp << "\nunset object 1\nset logscale xy\nset format y '10^%L'\nset key top left\n"
     << "set ylabel '|exact - quadratic| / exact'\nset title 'relative error, with s^2 guide'\n"
     << "plot ";
  for (std::size_t d = 0; d < wager_small.size(); ++d) {
    gp << "'" << csv << "' skip 1 using 1:(abs($" << 2 + 3 * d << "-$" << 3 + 3 * d << ")/$"
       << 2 + 3 * d << ") with lines lw 2 lc rgb '" << kColours[d]
       << "' title 'delta = " << rounded(wager_small[d]["delta"].get<double>()) << "', ";
  }
  // The guide passes through the δ = 0.5 relative error at the smallest small-s point.
  const json& middle = wager_small[wager_small.size() / 2];
  const double s0 = middle["s"][0], e0 = middle["relative_error"][0];
  gp << experiments::exact(e0) << "*(x/" << experiments::exact(s0)
     << ")**2 with lines dt 2 lc rgb 'black' title 's^2'\nunset multiplot\n";
  return figure(out, "wager.png", gp.str(), "Wager et al. penalty");
}

}  // namespace

void write_report(const json& summary, const experiments::Output& out) {
  const json& sgd = summary["sgd"];
  const json& clara = summary["clara"];
  const json& eq = summary["equivalence"];
  const json& wager = summary["wager"];
  const json& wager_small = summary["wager_small_s"];
  const json& large = sgd["by_lr"][0];
  const json& small = sgd["by_lr"][1];
  const json& ratio = sgd["rms_ratio"];
  const std::size_t last = sgd["K"].size() - 1;

  // 1. Verdicts on dropout SGD.
  bool averaged_converges = true;
  for (const json& r : sgd["by_lr"]) {
    const double slope = r["averaged_slope"], runs_slope = r["averaged_slope_runs_mean"];
    averaged_converges =
        averaged_converges && slope >= kSlopeLow && slope <= kSlopeHigh &&
        std::abs(runs_slope + 0.5) <= kMaxAbsZ * r["averaged_slope_runs_se"].get<double>() &&
        std::abs(r["long_run_z"].get<double>()) <= kMaxAbsZ;
  }
  const double sqrt_ratio = ratio["sqrt_lr_ratio"];
  const bool stall_is_sqrt_lr =
      std::abs(ratio["z_vs_exact"].get<double>()) <= kMaxAbsZ &&
      std::abs(ratio["exact"].get<double>() / sqrt_ratio - 1) <= kSqrtLawTolerance &&
      std::abs(large["stationary_z"].get<double>()) <= kMaxAbsZ &&
      std::abs(small["stationary_z"].get<double>()) <= kMaxAbsZ;

  // 2. Clara et al.
  const double clara_variance_z = max_abs(clara["chain_variance_z"]);
  const double clara_mean_z = max_abs(clara["chain_mean_z"]);
  bool variance_shrinks = true;
  for (std::size_t a = 1; a < clara["alpha"].size(); ++a) {
    variance_shrinks = variance_shrinks && clara["exact_total_variance"][a].get<double>() <
                                               clara["exact_total_variance"][a - 1].get<double>();
  }
  const double variance_halving = clara["exact_total_variance"][1].get<double>() /
                                  clara["exact_total_variance"][0].get<double>();
  const bool clara_matches = clara_variance_z <= kMaxAbsZ && clara_mean_z <= kMaxAbsZ;
  const double simplified_error = clara["simplified_max_error_to_ols"];

  // 3. Weight decay vs dropout.
  const json& half = eq["pairs"][0];
  const json& post_wd = eq["pairs"][1];
  const bool equivalence_holds = eq["max_abs_z"].get<double>() <= kMaxAbsZ;
  auto noise_ratio = [](const json& pair) {
    return pair["dropout"]["long_run_trace"].get<double>() /
           pair["weight_decay_sgd"]["long_run_trace"].get<double>();
  };
  auto exact_noise_ratio = [](const json& pair) {
    return pair["dropout"]["exact_long_run_trace"].get<double>() /
           pair["weight_decay_sgd"]["exact_long_run_trace"].get<double>();
  };
  const bool dropout_noisier = noise_ratio(half) > 1 && noise_ratio(post_wd) > 1;
  const double wd_stall_rms = std::sqrt(half["weight_decay_sgd"]["stationary_msq"].get<double>());
  const double dropout_stall_rms = std::sqrt(half["dropout"]["stationary_msq"].get<double>());

  // 4. Wager et al.
  std::vector<std::string> holds, fails;
  for (const json& row : wager) {
    const std::string cell = "(δ " + rounded(row["delta"].get<double>()) + ", s " +
                             rounded(row["s"].get<double>()) + ")";
    (std::abs(row["ratio"].get<double>() - 1) <= kQuadraticHolds ? holds : fails).push_back(cell);
  }
  auto join = [](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? ", " : "") + cells[i];
    return text.empty() ? std::string("none") : text;
  };
  double small_slope_min = 1e300, small_slope_max = -1e300;
  for (const json& row : wager_small) {
    small_slope_min = std::min(small_slope_min, row["slope"].get<double>());
    small_slope_max = std::max(small_slope_max, row["slope"].get<double>());
  }

  std::string beta0_text;
  for (const json& b : summary["wager_beta0"]) {
    beta0_text += (beta0_text.empty() ? "" : ", ") + rounded(b.get<double>());
  }

  std::ostringstream md;
  md << "## Dropout under gradient descent (`experiments/dynamics`)\n\n"
     << "The theorem is about an expectation; training draws one mask at a time. This section "
        "trains with the masks and compares every measured number with a closed form: the "
        "training step is a random affine map of the weights, so the mean of the iterates, "
        "their stationary covariance (a linear fixed-point equation over all (row, mask) "
        "outcomes) and the long-run covariance that sets the error of the averaged iterate are "
        "exact. Monte Carlo checks pass when |z| ≤ "
     << kMaxAbsZ << ".\n\n"
     << "Designs: A (N = 10, D = 4, x_ij = sin(0.7(i+1)(j+1) + 0.3(j+1)), y_i = cos(0.5(i+1))) for "
        "the SGD and Clara rows and, standardised (columns of mean 0 and variance 1, y "
        "centred), for the weight-decay rows; C (n = 20, d = 6, x_ij = sin(0.37(i+1)(j+1) + "
        "0.5j), β₀ = ("
     << beta0_text
     << ")) for the logistic row. The long runs use a plain-arithmetic loop; over their first "
     << sgd["nn_check"]["steps"] << " steps it reproduces the iterates of `SrivastavaDropout → "
     << "Linear(bias=false) → MSELoss → optim::SGD` to "
     << rounded(sgd["nn_check"]["max_abs_difference"].get<double>(), 2) << ", and those of "
     << "`nn::Dropout` and of `optim::SGD(weight_decay)` to "
     << rounded(eq["nn_check"]["max_abs_difference"].get<double>(), 2)
     << " (same masks and samples).\n\n"
     << "| the post says | measured | verdict |\n|---|---|---|\n";
  md << "| \"" << kThrowOff
     << "\" | per-sample SGD, a fresh mask each step (design A, p = " << sgd["retain_prob"]
     << "), constant lr, " << sgd["runs"] << " runs of " << sgd["K"][last]
     << " steps per lr: the Polyak average's error falls with log-log slope "
     << rounded(large["averaged_slope"], 3) << " (lr " << large["lr"] << ") and "
     << rounded(small["averaged_slope"], 3) << " (lr " << small["lr"]
     << "); 1/√K is −0.5; per-run mean slopes " << rounded(large["averaged_slope_runs_mean"], 3)
     << " ± " << rounded(large["averaged_slope_runs_se"], 2) << " and "
     << rounded(small["averaged_slope_runs_mean"], 3) << " ± "
     << rounded(small["averaged_slope_runs_se"], 2) << ". At K = " << sgd["K"][last]
     << " its RMS error is " << rounded(sgd["averaged_error"][0][last], 3) << " and "
     << rounded(sgd["averaged_error"][1][last], 3) << ". The constant: tr Σ∞ from batch means "
     << rounded(large["long_run_trace"], 4) << " ± " << rounded(large["long_run_trace_se"], 2)
     << " vs exact " << rounded(large["exact_long_run_trace"], 4)
     << " (z = " << rounded(large["long_run_z"], 2) << "), " << rounded(small["long_run_trace"], 4)
     << " ± " << rounded(small["long_run_trace_se"], 2) << " vs "
     << rounded(small["exact_long_run_trace"], 4) << " (z = " << rounded(small["long_run_z"], 2)
     << ") | "
     << verdict(averaged_converges, "not what happens: it converges, at the 1/√K rate of any SGD",
                "not confirmed: see the numbers")
     << " |\n";
  md << "| (same sentence: the last iterate) | the last iterate stalls at RMS "
     << rounded(large["stationary_rms"], 4) << " (lr " << large["lr"]
     << "; exact √tr M = " << rounded(large["exact_stationary_rms"], 4)
     << ", z = " << rounded(large["stationary_z"], 2) << ") and "
     << rounded(small["stationary_rms"], 4) << " (lr " << small["lr"] << "; exact "
     << rounded(small["exact_stationary_rms"], 4) << ", z = " << rounded(small["stationary_z"], 2)
     << "): ratio " << rounded(ratio["measured"], 4) << " ± " << rounded(ratio["se"], 2)
     << " against the exact " << rounded(ratio["exact"], 4)
     << " and √(lr ratio) = " << rounded(sqrt_ratio, 4)
     << "; per-run log-log slopes of the last iterate " << rounded(large["last_slope_runs_mean"], 2)
     << " and " << rounded(small["last_slope_runs_mean"], 2)
     << ". Weight-decay SGD without dropout stalls too "
     << "(RMS " << rounded(wd_stall_rms, 3) << " vs " << rounded(dropout_stall_rms, 3)
     << " with matched dropout q = 0.5, lr " << eq["lr"] << ") | "
     << verdict(stall_is_sqrt_lr, "ordinary constant-step SGD noise, ∝ √lr, L2 included",
                "not the √lr law: see the numbers")
     << " |\n";
  md << "| \"" << kIntroduceNoise
     << "\" | at matched penalties (the weight-decay row below) dropout's "
     << "gradient noise makes the long-run covariance of SGD " << rounded(noise_ratio(half), 3)
     << "× (exact " << rounded(exact_noise_ratio(half), 3)
     << "×) that of weight decay at q = " << half["drop_prob"] << ", and "
     << rounded(noise_ratio(post_wd), 3) << "× (exact " << rounded(exact_noise_ratio(post_wd), 3)
     << "×) at q = " << rounded(post_wd["drop_prob"].get<double>(), 4)
     << ": an averaged run needs that many times more steps for the same accuracy | "
     << verdict(dropout_noisier, "true, and it costs a constant factor, not convergence",
                "not found")
     << " |\n";
  md << "| \"" << kClara
     << "\" | their scheme β ← β + α·D·Xᵀ(y − X·D·β), p = " << clara["retain_prob"]
     << ", α = " << rounded(clara["alpha"][0].get<double>(), 4) << " = "
     << summary["config"]["clara_alpha_factor"] << "/λ_max(XᵀX) and smaller: the mean of "
     << clara["chains"] << " chains converges geometrically (rate "
     << rounded(clara["mean_rate"][0].get<double>(), 3) << " per step) to β̃ = w*(p) (max |z| "
     << rounded(clara_mean_z, 2) << "); the stationary variance is not zero and matches the exact "
     << "fixed point M = E[(I − αA_D)M(I − αA_D)ᵀ] + α²E[ξξᵀ] (max |z| over α and coordinates "
     << rounded(clara_variance_z, 2) << "); halving α multiplies tr M by "
     << rounded(variance_halving, 3) << ". Without the mask in the residual every chain ends at "
     << "ordinary least squares (max error " << rounded(simplified_error, 2) << ") | "
     << verdict(clara_matches && variance_shrinks && simplified_error < 1e-10,
                "the noise is real and exactly predictable; it shrinks with α",
                "mismatch: see the numbers")
     << " |\n";
  md << "| \"" << kSameAccuracy << "\" (weight_decay = 0.2 against nn.Dropout(0.5)) | for a "
     << "linear model with MSE on standardised inputs, dropout q matches weight decay "
     << "2q/(1−q): q = 0.5 needs weight_decay = " << eq["wd_for_q_half"]
     << ", and weight_decay = 0.2 matches q = " << rounded(eq["q_for_wd_0_2"].get<double>(), 4)
     << " (1/" << rounded(1 / eq["q_for_wd_0_2"].get<double>(), 4)
     << "). Averaged SGD with each lands on the closed-form ridge solution (max |z| "
     << rounded(eq["max_abs_z"], 2) << ", max difference " << rounded(eq["max_difference"], 2)
     << "); the two ridge solutions of the post's pair differ by "
     << rounded(eq["post_pair_ridge_distance"], 3) << " | "
     << verdict(equivalence_holds,
                "the post's pair is not matched (a factor " +
                    rounded(eq["wd_for_q_half"].get<double>() / kPostWeightDecay, 3) +
                    " in weight decay)",
                "equivalence not confirmed")
     << " |\n";
  md << "| \"" << kProof << "\" (then used for a classifier trained with BCE) | logistic "
     << "regression (Wager et al., 2013), design C: the quadratic approximation is within 10% "
     << "of the exact dropout penalty at " << join(holds) << "; it fails at " << join(fails)
     << " (quadratic ÷ exact up to "
     << rounded(std::max_element(wager.begin(), wager.end(),
                                 [](const json& a, const json& b) {
                                   return a["ratio"].get<double>() < b["ratio"].get<double>();
                                 })
                    .value()["ratio"]
                    .get<double>(),
                4)
     << "). For small s the relative error shrinks with log-log slope "
     << rounded(small_slope_min, 3) << " to " << rounded(small_slope_max, 3) << " (s² is 2) | "
     << "**for logistic loss only approximately quadratic, and the weights σ(1−σ) depend on the "
        "data**"
     << " |\n\n";

  md << sgd_figure(sgd, out) << clara_figures(clara, out) << wager_figure(wager_small, out);

  md << "**Logistic penalty, exact ÷ quadratic** (rows δ = drop probability, columns s):\n\n"
     << "| δ \\ s |";
  std::vector<double> scales;
  for (const json& row : wager) {
    const double s = row["s"];
    if (std::find(scales.begin(), scales.end(), s) == scales.end()) scales.push_back(s);
  }
  for (const double s : scales) md << " " << rounded(s) << " |";
  md << "\n|---|";
  for (std::size_t i = 0; i < scales.size(); ++i) md << "---|";
  for (std::size_t r = 0; r < wager.size(); ++r) {
    if (r % scales.size() == 0) md << "\n| " << rounded(wager[r]["delta"].get<double>()) << " |";
    md << " " << rounded(wager[r]["exact"].get<double>(), 4) << " ÷ "
       << rounded(wager[r]["quadratic"].get<double>(), 4) << " |";
  }
  md << "\n\n";

  md << "**For a student.** Training with dropout replaces the marginalised loss by a random "
        "one whose expectation is that loss, so stochastic gradient descent on it is ordinary "
        "SGD on the marginalised objective, with extra gradient noise. Two facts about SGD "
        "with a constant step settle the post's worry. The iterates do not converge to a point: "
        "they fluctuate around the minimiser w* with a spread that shrinks like √lr (here "
        "measured at "
     << rounded(ratio["measured"], 3) << "× between learning rates a factor "
     << rounded(large["lr"].get<double>() / small["lr"].get<double>(), 3)
     << " apart, where √ gives " << rounded(sqrt_ratio, 3)
     << "), and weight-decay SGD does exactly the same, because sampling one example per step "
        "is noise too. The average of the iterates does converge, at the rate 1/√K that is optimal "
        "for stochastic approximation (Polyak & Juditsky, 1992), with a constant given by the "
        "long-run covariance of the chain, which we compute "
        "exactly and measure. Dropout's extra noise makes that constant larger ("
     << rounded(noise_ratio(half), 3)
     << "× at q = 0.5): dropout costs steps, not convergence. Clara et al.'s full-batch scheme "
        "shows the same thing without sampling noise: the mean goes to the ridge-like "
        "minimiser geometrically, the variance settles at a level roughly ∝ α that a linear "
        "system over the "
     << (1U << clara["beta_tilde"].size())
     << " masks predicts exactly, and removing the mask from the residual removes the noise "
        "(and changes the limit to least squares). Finally, which weight decay dropout is "
        "equivalent to depends on the loss and on the scale of the inputs: with MSE and "
        "standardised inputs, PyTorch's weight_decay must be 2q/(1−q), so the post's "
        "weight_decay = 0.2 corresponds to dropping 1 input in "
     << rounded(1 / eq["q_for_wd_0_2"].get<double>(), 4)
     << ", not half of them; and for the logistic loss of a classifier the dropout penalty is only "
        "approximately quadratic, "
        "with per-example weights σ(1−σ), and the approximation breaks down for large weights "
        "or heavy dropout.\n\n";
  out.write_text("section.md", md.str());
}

}  // namespace dynamics
