// The figures and the Markdown section of the dynamics experiment, made from summary.json's
// numbers only (so the report cannot disagree with the summary), with verdicts computed from
// them.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/dynamics/claims.hpp"
#include "experiments/dynamics/sections.hpp"

namespace dynamics {

using experiments::rounded;
using nlohmann::json;

namespace {

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

std::vector<experiments::Claim> write_report(const json& summary, const experiments::Output& out) {
  const json& sgd = summary["sgd"];
  const json& clara = summary["clara"];
  const json& eq = summary["equivalence"];
  const json& wager = summary["wager"];
  const json& wager_small = summary["wager_small_s"];
  const json& stability = summary["sgd_stability"];
  const json& fixed_order = summary["sgd_fixed_order"];
  const json& wd_stall = summary["weight_decay_stall"];
  const json& large = sgd["by_lr"][0];
  const json& small = sgd["by_lr"][1];
  const json& ratio = sgd["rms_ratio"];
  const std::size_t last = sgd["K"].size() - 1;
  const double sqrt_ratio = ratio["sqrt_lr_ratio"];

  // 1. Dropout SGD, its stability bound, and weight decay's stall.
  SgdFacts sgd_facts;
  for (std::size_t i = 0; i < 2; ++i) {
    const json& r = sgd["by_lr"][i];
    sgd_facts.averaged_slope[i] = r["averaged_slope"];
    sgd_facts.averaged_slope_runs_mean[i] = r["averaged_slope_runs_mean"];
    sgd_facts.averaged_slope_runs_se[i] = r["averaged_slope_runs_se"];
    sgd_facts.long_run_z[i] = r["long_run_z"];
    sgd_facts.stationary_z[i] = r["stationary_z"];
  }
  sgd_facts.rms_ratio_z = ratio["z_vs_exact"];
  sgd_facts.exact_rms_ratio_over_sqrt = ratio["exact"].get<double>() / sqrt_ratio;
  const json& half = eq["pairs"][0];
  const json& post_wd = eq["pairs"][1];
  auto noise_ratio = [](const json& pair) {
    return pair["dropout"]["long_run_trace"].get<double>() /
           pair["weight_decay_sgd"]["long_run_trace"].get<double>();
  };
  auto exact_noise_ratio = [](const json& pair) {
    return pair["dropout"]["exact_long_run_trace"].get<double>() /
           pair["weight_decay_sgd"]["exact_long_run_trace"].get<double>();
  };
  StabilityFacts stability_facts;
  stability_facts.lr_bound = stability["second_moment_lr_bound"];
  stability_facts.plain_lr_bound = stability["plain_sgd_second_moment_lr_bound"];
  stability_facts.runs = stability["runs"];
  stability_facts.diverged_at_bound = stability["by_lr"][0]["diverged_runs"];
  stability_facts.highest_factor = stability["by_lr"].back()["lr_over_bound"];
  stability_facts.diverged_at_highest = stability["by_lr"].back()["diverged_runs"];
  stability_facts.noise_ratio = noise_ratio(half);
  WeightDecayStallFacts wd_facts;
  wd_facts.stationary_z[0] = wd_stall["stationary_z"][0];
  wd_facts.stationary_z[1] = wd_stall["stationary_z"][1];
  wd_facts.ratio_z =
      (wd_stall["rms_ratio"].get<double>() - wd_stall["exact_rms_ratio"].get<double>()) /
      wd_stall["rms_ratio_se"].get<double>();
  wd_facts.exact_ratio_over_sqrt =
      wd_stall["exact_rms_ratio"].get<double>() / wd_stall["sqrt_lr_ratio"].get<double>();

  // 2. Clara et al.
  ClaraFacts clara_facts;
  clara_facts.max_variance_z = max_abs(clara["chain_variance_z"]);
  clara_facts.max_mean_z = max_abs(clara["chain_mean_z"]);
  for (std::size_t a = 1; a < clara["alpha"].size(); ++a) {
    clara_facts.non_shrinking_steps += !(clara["exact_total_variance"][a].get<double>() <
                                         clara["exact_total_variance"][a - 1].get<double>());
  }
  const double variance_halving = clara["exact_total_variance"][1].get<double>() /
                                  clara["exact_total_variance"][0].get<double>();
  clara_facts.simplified_error = clara["simplified_max_error_to_ols"];

  // 3. Weight decay vs dropout.
  EquivalenceFacts eq_facts;
  eq_facts.max_abs_z = eq["max_abs_z"];
  eq_facts.post_pair_ridge_distance = eq["post_pair_ridge_distance"];
  eq_facts.weight_decay_for_half = eq["wd_for_q_half"];
  const double wd_stall_rms = std::sqrt(half["weight_decay_sgd"]["stationary_msq"].get<double>());
  const double dropout_stall_rms = std::sqrt(half["dropout"]["stationary_msq"].get<double>());

  // 4. Wager et al.
  std::vector<std::string> holds, fails;
  WagerFacts wager_facts;
  wager_facts.best_abs_ratio_error = 1e300;
  wager_facts.worst_abs_ratio_error = 0;
  for (const json& row : wager) {
    const std::string cell = "(δ " + rounded(row["delta"].get<double>()) + ", s " +
                             rounded(row["s"].get<double>()) + ")";
    const double error = std::abs(row["ratio"].get<double>() - 1);
    wager_facts.best_abs_ratio_error = std::min(wager_facts.best_abs_ratio_error, error);
    wager_facts.worst_abs_ratio_error = std::max(wager_facts.worst_abs_ratio_error, error);
    (error <= kQuadraticHolds ? holds : fails).push_back(cell);
  }
  auto join = [](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? ", " : "") + cells[i];
    return text.empty() ? std::string("none") : text;
  };
  wager_facts.small_s_slope_min = 1e300;
  wager_facts.small_s_slope_max = -1e300;
  for (const json& row : wager_small) {
    wager_facts.small_s_slope_min =
        std::min(wager_facts.small_s_slope_min, row["slope"].get<double>());
    wager_facts.small_s_slope_max =
        std::max(wager_facts.small_s_slope_max, row["slope"].get<double>());
  }

  std::string beta0_text;
  for (const json& b : summary["wager_beta0"]) {
    beta0_text += (beta0_text.empty() ? "" : ", ") + rounded(b.get<double>());
  }

  std::vector<experiments::Claim> claims;
  {
    std::ostringstream m;
    m << "per-sample SGD, a fresh mask each step (design A, p = " << sgd["retain_prob"]
      << "), rows drawn uniformly with replacement (the post takes them in a fixed order), "
         "constant lr, "
      << sgd["runs"] << " runs of " << sgd["K"][last]
      << " steps per lr: the Polyak average's error falls with log-log slope "
      << rounded(large["averaged_slope"], 3) << " (lr " << large["lr"] << ") and "
      << rounded(small["averaged_slope"], 3) << " (lr " << small["lr"]
      << "); 1/√K is −0.5; per-run mean slopes " << rounded(large["averaged_slope_runs_mean"], 3)
      << " ± " << rounded(large["averaged_slope_runs_se"], 2) << " and "
      << rounded(small["averaged_slope_runs_mean"], 3) << " ± "
      << rounded(small["averaged_slope_runs_se"], 2) << ". The constant: tr Σ∞ from batch means "
      << rounded(large["long_run_trace"], 4) << " ± " << rounded(large["long_run_trace_se"], 2)
      << " vs exact " << rounded(large["exact_long_run_trace"], 4)
      << " (z = " << rounded(large["long_run_z"], 2) << "), " << rounded(small["long_run_trace"], 4)
      << " ± " << rounded(small["long_run_trace_se"], 2) << " vs "
      << rounded(small["exact_long_run_trace"], 4) << " (z = " << rounded(small["long_run_z"], 2)
      << "). Slowing: at matched penalties dropout's long-run covariance is "
      << rounded(noise_ratio(half), 3)
      << "× that of weight decay. The second moments converge "
         "only for lr below "
      << rounded(stability["second_moment_lr_bound"].get<double>(), 4)
      << " (plain SGD on the same rows, no dropout: below "
      << rounded(stability["plain_sgd_second_moment_lr_bound"].get<double>(), 4)
      << "; the dropout mean for lr below " << rounded(stability["mean_lr_bound"].get<double>(), 4)
      << "; our larger lr is " << rounded(stability["lr_large_over_bound"].get<double>(), 3)
      << "× the bound). " << stability["runs"] << " runs of " << stability["steps"] << " steps at";
    for (const json& r : stability["by_lr"]) {
      m << " " << rounded(r["lr_over_bound"].get<double>(), 3)
        << "× the bound: " << r["diverged_runs"] << " diverge (‖w − w*‖ > "
        << rounded(stability["diverged_error"].get<double>(), 2) << ");";
    }
    m << " with rows in the post's fixed order the averaged iterate is biased by "
      << rounded(fixed_order["averaged_bias_norm"][0].get<double>(), 3) << " ± "
      << rounded(fixed_order["averaged_bias_norm_se"][0].get<double>(), 2) << " (lr "
      << fixed_order["lr"][0] << ") and "
      << rounded(fixed_order["averaged_bias_norm"][1].get<double>(), 3) << " ± "
      << rounded(fixed_order["averaged_bias_norm_se"][1].get<double>(), 2) << " (lr "
      << fixed_order["lr"][1] << "): ratio " << rounded(fixed_order["bias_ratio"].get<double>(), 3)
      << " for an lr ratio of " << rounded(fixed_order["lr_ratio"].get<double>(), 3)
      << (std::abs(fixed_order["bias_ratio"].get<double>() -
                   fixed_order["lr_ratio"].get<double>()) <=
                  kMaxAbsZ * fixed_order["bias_ratio_se"].get<double>()
              ? " (within 4 SE of it: a bias of order lr)"
              : " (more than 4 SE from it: not a bias of order lr)");
    claims.push_back(throw_off_claim(sgd_facts, stability_facts, m.str()));
  }
  {
    std::ostringstream m;
    m << "(the same sentence, for the last iterate) the last iterate stalls at RMS "
      << rounded(large["stationary_rms"], 4) << " (lr " << large["lr"]
      << "; exact √tr M = " << rounded(large["exact_stationary_rms"], 4)
      << ", z = " << rounded(large["stationary_z"], 2) << ") and "
      << rounded(small["stationary_rms"], 4) << " (lr " << small["lr"] << "; exact "
      << rounded(small["exact_stationary_rms"], 4) << ", z = " << rounded(small["stationary_z"], 2)
      << "): ratio " << rounded(ratio["measured"], 4) << " ± " << rounded(ratio["se"], 2)
      << " against the exact " << rounded(ratio["exact"], 4)
      << " and √(lr ratio) = " << rounded(sqrt_ratio, 4) << ". Weight-decay SGD without dropout "
      << "(standardised design A, weight_decay " << wd_stall["weight_decay"] << ") stalls at RMS "
      << rounded(wd_stall["stationary_rms"][0].get<double>(), 4) << " (lr " << wd_stall["lr"][0]
      << "; exact " << rounded(wd_stall["exact_stationary_rms"][0].get<double>(), 4) << ") and "
      << rounded(wd_stall["stationary_rms"][1].get<double>(), 4) << " (lr " << wd_stall["lr"][1]
      << "; exact " << rounded(wd_stall["exact_stationary_rms"][1].get<double>(), 4) << "): ratio "
      << rounded(wd_stall["rms_ratio"].get<double>(), 4) << " ± "
      << rounded(wd_stall["rms_ratio_se"].get<double>(), 2)
      << ", √(lr ratio) = " << rounded(wd_stall["sqrt_lr_ratio"].get<double>(), 4) << " (at lr "
      << eq["lr"] << ", RMS " << rounded(wd_stall_rms, 3) << " vs " << rounded(dropout_stall_rms, 3)
      << " with matched dropout q = 0.5)";
    claims.push_back(last_iterate_claim(sgd_facts, wd_facts, m.str()));
  }
  {
    std::ostringstream m;
    m << "at matched penalties (the weight-decay row below) dropout's gradient noise makes the "
         "long-run covariance of SGD "
      << rounded(noise_ratio(half), 3) << "× (exact " << rounded(exact_noise_ratio(half), 3)
      << "×) that of weight decay at q = " << half["drop_prob"] << ", and "
      << rounded(noise_ratio(post_wd), 3) << "× (exact " << rounded(exact_noise_ratio(post_wd), 3)
      << "×) at q = " << rounded(post_wd["drop_prob"].get<double>(), 4);
    claims.push_back(introduce_noise_claim(noise_ratio(half), noise_ratio(post_wd), m.str()));
  }
  {
    std::ostringstream m;
    m << "their scheme β ← β + α·D·Xᵀ(y − X·D·β), p = " << clara["retain_prob"]
      << ", α = " << rounded(clara["alpha"][0].get<double>(), 4) << " = "
      << summary["config"]["clara_alpha_factor"] << "/λ_max(XᵀX) and smaller: the mean of "
      << clara["chains"] << " chains converges geometrically (rate "
      << rounded(clara["mean_rate"][0].get<double>(), 3) << " per step) to β̃ = w*(p) (max |z| "
      << rounded(clara_facts.max_mean_z, 2) << "); the stationary variance is not zero and "
      << "matches the exact fixed point M = E[(I − αA_D)M(I − αA_D)ᵀ] + α²E[ξξᵀ] (max |z| over "
      << "α and coordinates " << rounded(clara_facts.max_variance_z, 2) << "); halving α "
      << "multiplies tr M by " << rounded(variance_halving, 3) << ". Without the mask in the "
      << "residual every chain ends at ordinary least squares (max error "
      << rounded(clara_facts.simplified_error, 2) << ")";
    claims.push_back(clara_claim(clara_facts, m.str()));
  }
  claims.push_back(clara_d_squared_claim());
  {
    std::ostringstream m;
    m << "(weight_decay = 0.2 against nn.Dropout(0.5)) for a linear model with MSE on "
         "standardised inputs and dropout on the inputs, dropout "
         "q matches weight decay 2q/(1−q): q = 0.5 needs weight_decay = "
      << eq["wd_for_q_half"]
      << ", and weight_decay = 0.2 matches q = " << rounded(eq["q_for_wd_0_2"].get<double>(), 4)
      << " (1/" << rounded(1 / eq["q_for_wd_0_2"].get<double>(), 4)
      << "). Averaged SGD with each lands on the closed-form ridge solution (max |z| "
      << rounded(eq["max_abs_z"], 2) << ", max difference " << rounded(eq["max_difference"], 2)
      << "); the two ridge solutions of the post's pair differ by "
      << rounded(eq["post_pair_ridge_distance"], 3)
      << ". This is not the post's setting: its MLP has hidden dropout and BCE, where the moons "
         "section measures what weight_decay = 0.2 does";
    claims.push_back(weight_decay_match_claim(eq_facts, m.str()));
  }
  {
    std::ostringstream m;
    m << "(then used for a classifier trained with BCE) logistic regression (Wager et al., "
         "2013), design C: the quadratic approximation is "
         "within 10% of the exact dropout penalty at "
      << join(holds) << "; it fails at " << join(fails) << " (|quadratic ÷ exact − 1| up to "
      << rounded(wager_facts.worst_abs_ratio_error, 4)
      << "). For small s the relative error shrinks with log-log slope "
      << rounded(wager_facts.small_s_slope_min, 3) << " to "
      << rounded(wager_facts.small_s_slope_max, 3) << " (s² is 2)";
    claims.push_back(wager_claim(wager_facts, m.str()));
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
     << ")) for the logistic row. SGD draws a row uniformly with replacement at every step; the "
        "post's DataLoader takes them in a fixed order (measured separately below). The long "
        "runs use a plain-arithmetic loop; over their first "
     << sgd["nn_check"]["steps"] << " steps it reproduces the iterates of `SrivastavaDropout → "
     << "Linear(bias=false) → MSELoss → optim::SGD` to "
     << rounded(sgd["nn_check"]["max_abs_difference"].get<double>(), 2) << ", and those of "
     << "`nn::Dropout` and of `optim::SGD(weight_decay)` to "
     << rounded(eq["nn_check"]["max_abs_difference"].get<double>(), 2)
     << " (same masks and samples). Each verdict is chosen by the checks listed with it; the "
        "reading of Clara et al. is argued.\n\n"
     << experiments::claims_table(claims);

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

  const bool stall_checked =
      experiments::claim_with_id(claims, "dynamics.last_iterate_stalls").verdict ==
      "ordinary constant-step SGD noise";
  const bool throw_off_checked =
      experiments::claim_with_id(claims, "dynamics.throw_off_sgd").verdict != "not confirmed";
  md << "**For a student.** Training with dropout replaces the marginalised loss by a random "
        "one whose expectation is that loss, so stochastic gradient descent on it is ordinary "
        "SGD on the marginalised objective, with extra gradient noise. Two facts about SGD "
        "with a constant step settle the post's worry. The iterates do not converge to a point: "
        "they fluctuate around the minimiser w* with a spread that shrinks like √lr";
  if (stall_checked) {
    md << " (here measured at " << rounded(ratio["measured"], 3)
       << "× between learning rates a factor "
       << rounded(large["lr"].get<double>() / small["lr"].get<double>(), 3)
       << " apart, where √ gives " << rounded(sqrt_ratio, 3)
       << "), and weight-decay SGD does the same (measured: "
       << rounded(wd_stall["rms_ratio"].get<double>(), 3) << "× for √ "
       << rounded(wd_stall["sqrt_lr_ratio"].get<double>(), 3)
       << "), because sampling one example per step is noise too";
  }
  md << ". The average of the iterates does converge, at the rate 1/√K that is optimal "
        "for stochastic approximation (Polyak & Juditsky, 1992), with a constant given by the "
        "long-run covariance of the chain, which we compute exactly and measure";
  if (throw_off_checked) {
    md << ". Dropout's extra noise makes that constant larger (" << rounded(noise_ratio(half), 3)
       << "× at q = 0.5): below its stability bound (lr "
       << rounded(stability["second_moment_lr_bound"].get<double>(), 4)
       << " here) dropout costs steps, not convergence; above it, as for any SGD, the step size "
          "itself is the problem";
  }
  md << ". ";
  if (experiments::claim_with_id(claims, "dynamics.clara_noise").verdict ==
      "the noise is real and exactly predictable") {
    md << "Clara et al.'s full-batch scheme shows the same thing without sampling noise: the "
          "mean goes to the ridge-like minimiser geometrically, the variance settles at a level "
          "that shrinks with α and that a linear system over the "
       << (1U << clara["beta_tilde"].size())
       << " masks predicts exactly, and removing the mask from the residual removes the noise "
          "(and changes the limit to least squares). ";
  }
  md << "In Clara et al. D is the mask, so D² = D, not the post's Γ. Finally, which weight decay "
        "dropout is "
        "equivalent to depends on the model, the loss and the scale of the inputs: for a linear "
        "model with MSE, standardised inputs and dropout on the inputs, PyTorch's weight_decay "
        "must be 2q/(1−q), so the post's weight_decay = 0.2 corresponds to dropping 1 input in "
     << rounded(1 / eq["q_for_wd_0_2"].get<double>(), 4)
     << ", not half of them. That matching says nothing about the post's MLP (hidden dropout, "
        "BCE): there, the moons section measures it. For the logistic loss of a classifier the "
        "dropout penalty is only approximately quadratic, with per-example weights σ(1−σ), and "
        "the approximation breaks down for large weights or heavy dropout.\n\n";
  out.write_text("section.md", md.str());
  return claims;
}

}  // namespace dynamics
