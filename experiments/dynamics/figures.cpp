// The four figures of the dynamics experiment, drawn from its CSV tables with the shared gnuplot
// builder (experiments/common/figure.hpp).
#include <string>

#include <fmt/format.h>

#include "experiments/common/figure.hpp"
#include "experiments/dynamics/claims.hpp"
#include "experiments/dynamics/report.hpp"

namespace dynamics {

namespace {

using experiments::Figure;
using experiments::Panel;
using experiments::Series;

const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

// sgd_errors.csv: per learning rate, the last iterate and the Polyak average (± SE) against
// their closed forms.
Figure sgd_figure(const SgdResult& sgd) {
  Panel panel{"", "steps K", "RMS over runs of ||w - w*||  (+-1 SE)", true, true, {}, {}};
  panel.settings = {
      fmt::format("set title \"Dropout SGD, design A, retain p = {}, {} runs per lr\\nthe last "
                  "iterate stalls at sqrt(tr M), the Polyak average falls like sqrt(tr Sinf / "
                  "K)\"",
                  sgd.retain_prob, sgd.runs),
      fmt::format("set xrange [{:.6g}:{:.6g}]", sgd.K.front() / 1.5, sgd.K.back() * 1.5),
      "set format x '10^%L'",
      "set format y '10^%L'",
      "set grid",
      "set key bottom left opaque box font ',10'"};
  for (std::size_t li = 0; li < sgd.lr.size(); ++li) {
    const std::string lr = fmt::format("lr {:.4g}", sgd.lr[li]);
    const std::size_t base = 2 + 6 * li;  // columns: last, last SE, avg, avg SE, predicted, M
    const std::string colour = kColours[li];
    panel.series.push_back({"sgd_errors.csv", fmt::format("1:{}:{}", base, base + 1),
                            "last iterate, " + lr, "yerrorlines pt 7", colour});
    panel.series.push_back({"sgd_errors.csv", fmt::format("1:{}:{}", base + 2, base + 3),
                            "Polyak average, " + lr, "yerrorlines pt 9", colour});
    panel.series.push_back({"sgd_errors.csv", fmt::format("1:{}", base + 4),
                            "closed form sqrt(tr Sinf / K), " + lr, "lines dt 2 lw 2", colour});
    panel.series.push_back({"sgd_errors.csv", fmt::format("1:{}", base + 5),
                            "closed form sqrt(tr M), " + lr, "lines dt 3 lw 2", colour});
  }
  return {"sgd_errors.png", 1000, 700, {panel}, ""};
}

// clara_variance.csv: each coordinate's stationary variance against α, chains and exact.
Figure clara_variance_figure(const ClaraResult& clara) {
  Panel panel{"", "step size alpha", "stationary variance of beta_j", true, true, {}, {}};
  std::string tics;
  for (const double alpha : clara.alpha) {
    tics +=
        fmt::format("{}'{:.3g}' {}", tics.empty() ? "" : ", ", alpha, experiments::exact(alpha));
  }
  panel.settings = {
      "set grid",
      "set key outside right",
      "set format y '10^%L'",
      fmt::format("set xrange [{:.6g}:{:.6g}]", clara.alpha.back() / 1.5,
                  clara.alpha.front() * 1.5),
      "set xtics (" + tics + ")",
      fmt::format("set title \"Full-batch dropout GD (Clara et al.), p = {}\\nchains ({} per "
                  "alpha, +-1 SE) against the exact stationary variance\"",
                  clara.retain_prob, clara.chains)};
  for (std::size_t j = 0; j < clara.beta_tilde.size(); ++j) {
    const std::size_t base = 2 + 3 * j;  // columns: exact, chains, chains' SE
    panel.series.push_back({"clara_variance.csv", fmt::format("1:{}", base),
                            fmt::format("exact, beta_{}", j), "lines dt 2 lw 2", kColours[j % 4]});
    panel.series.push_back({"clara_variance.csv", fmt::format("1:{}:{}", base + 1, base + 2),
                            fmt::format("chains, beta_{}", j), "yerrorbars pt 7 ps 1.2",
                            kColours[j % 4]});
  }
  return {"clara_variance.png", 1000, 620, {panel}, ""};
}

// clara_mean_path.csv: the chains' mean against the exact mean path and its noise floor.
Figure clara_mean_figure(const ClaraResult& clara) {
  const Panel panel{
      .title = fmt::format("The mean of {} chains converges geometrically (alpha = {:.4g})",
                           clara.chains, clara.alpha[0]),
      .xlabel = "step k",
      .ylabel = "||mean of beta_k - beta_tilde||",
      .log_y = true,
      .settings = {"set format y '10^%L'", "set grid", "set key top right"},
      .series = {{"clara_mean_path.csv", "1:2", "mean over chains", "linespoints pt 7 ps 0.6", ""},
                 {"clara_mean_path.csv", "1:3", "exact ||C^k beta_tilde||", "lines lw 2 dt 2", ""},
                 {"clara_mean_path.csv", "1:4", "noise floor sqrt(tr M / chains)",
                  "lines lw 2 dt 3", ""}}};
  return {"clara_mean.png", 1000, 560, {panel}, ""};
}

// wager_curve.csv: the quadratic penalty over the exact one against the scale of β, and their
// relative error with an s² guide through the middle δ's smallest small-s point.
Figure wager_figure(const std::vector<WagerSmallS>& small_s) {
  Panel ratio{
      "ratio (grey: within 10%)", "scale s of beta", "quadratic / exact", true, false, {}, {}};
  ratio.settings = {"set grid", "set key top left",
                    fmt::format("set object 1 rect from graph 0, first {} to graph 1, first {} "
                                "fc rgb '#dddddd' fs solid 0.5 noborder behind",
                                1 - kQuadraticHolds, 1 + kQuadraticHolds)};
  Panel error{"relative error, with s^2 guide",
              "scale s of beta",
              "|exact - quadratic| / exact",
              true,
              true,
              {},
              {}};
  error.settings = {"set grid", "set key top left", "set format y '10^%L'"};
  for (std::size_t d = 0; d < small_s.size(); ++d) {
    const std::string title = fmt::format("delta = {:.4g}", small_s[d].delta);
    const std::size_t exact = 2 + 3 * d;  // columns: exact, quadratic, ratio
    ratio.series.push_back(
        {"wager_curve.csv", fmt::format("1:{}", exact + 2), title, "lines lw 2", kColours[d]});
    error.series.push_back({"wager_curve.csv",
                            fmt::format("1:(abs(${}-${})/${})", exact, exact + 1, exact), title,
                            "lines lw 2", kColours[d]});
  }
  const WagerSmallS& middle = small_s[small_s.size() / 2];
  error.series.push_back(
      {"wager_curve.csv",
       fmt::format("1:({}*($1/{})**2)", experiments::exact(middle.relative_error[0]),
                   experiments::exact(middle.s[0])),
       "s^2", "lines dt 2", "black"});
  return {"wager.png",
          1200,
          520,
          {ratio, error},
          "1,2 title 'Logistic regression, design C, beta = s * beta0: exact dropout penalty vs "
          "quadratic approximation'"};
}

}  // namespace

std::string draw_figures(const Results& r, const experiments::Output& out) {
  return experiments::draw(sgd_figure(r.sgd), out, "dropout SGD errors") +
         experiments::draw(clara_variance_figure(r.clara), out, "Clara variance") +
         experiments::draw(clara_mean_figure(r.clara), out, "Clara mean") +
         experiments::draw(wager_figure(r.wager.small_s), out, "Wager et al. penalty");
}

}  // namespace dynamics
