// The four figures, as data for the figure builder (experiments/common/figure.hpp): the two
// strength sweeps, the decision boundaries on seed 0, and the training loss per epoch.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "experiments/common/figure.hpp"
#include "experiments/moons/report.hpp"

namespace moons {

namespace {

using experiments::exact;
using experiments::Figure;
using experiments::Panel;
using experiments::Series;

// A horizontal line at `y` across the x values of `file` (a reference level, in the legend).
Series level(const std::string& file, const std::string& x, double y, const std::string& title,
             const std::string& style) {
  return {file, x + ":(" + exact(y) + ")", title, style, "", true};
}

std::string sweep_figure(const Summary& s, const experiments::Output& out, bool weight_decay) {
  const Config& config = s.config;
  const std::string kind = weight_decay ? "weight_decay" : "drop_prob";
  const std::string csv = "sweep_" + kind + ".csv";
  const double post_value = weight_decay ? config.weight_decay : config.drop_prob;
  Panel panel;
  panel.title = fmt::format(
      "{} strength: test accuracy, mean +- std over {} seeds, {} epochs, lr {:.4g}",
      weight_decay ? "Weight decay" : "Dropout", config.sweep_seeds, config.epochs, config.lr);
  panel.ylabel = "accuracy";
  panel.settings = {
      "set grid", "set key bottom left box opaque", "set yrange [0.4:1.02]",
      fmt::format("set arrow from {0}, graph 0 to {0}, graph 1 nohead dt 2 lc 'black'",
                  exact(post_value)),
      fmt::format("set label \"post: {:.4g}\" at {}, graph 0.95 offset 0.5,0", post_value,
                  exact(post_value))};
  // On the log axis the unregularised point (weight decay 0) is the dotted level instead.
  std::string x = "1";
  if (weight_decay) {
    const auto [low, high] =
        std::minmax_element(config.weight_decay_grid.begin(), config.weight_decay_grid.end());
    panel.log_x = true;
    panel.xlabel = "SGD weight_decay (log scale; 0 is the dotted line)";
    panel.settings.push_back(fmt::format("set xrange [{}:{}]", exact(std::min(1.0, *low) / 2),
                                         exact(std::max(0.0, *high) * 2)));
    x = "($1 > 0 ? $1 : 1/0)";
  } else {
    panel.xlabel = "nn.Dropout drop probability";
    panel.settings.push_back("set xrange [-0.03:0.93]");
  }
  panel.series = {
      {csv, x + ":2:3", "test accuracy", "yerrorlines lw 2 pt 7", "", true},
      {csv, x + ":4", "training accuracy (eval mode)", "linespoints dt 2 pt 6", "", true},
      level(csv, x, s.sweep.weight_decay.front().test_accuracy.mean, "no regulariser",
            "lines dt 3 lw 2 lc 'gray40'"),
      level(csv, x, s.bayes.integral.accuracy, "Bayes accuracy", "lines lw 2 lc 'dark-green'"),
      level(csv, x, s.logistic.test.mean, "logistic regression", "lines lw 2 lc 'orange'")};
  return experiments::draw({"sweep_" + kind + ".png", 900, 560, {panel}, ""}, out, kind + " sweep");
}

std::string loss_figure(const Summary& s, const experiments::Output& out) {
  const Config& config = s.config;
  const std::string csv = "loss_curves.csv";
  Panel panel;
  panel.title = fmt::format("Training loss per epoch, mean over {} seeds (lr {:.4g}, batch 1)",
                            config.seeds, config.lr);
  panel.xlabel = "epoch";
  panel.ylabel = "mean training loss of the epoch (BCE, train mode)";
  panel.log_y = true;
  panel.settings = {"set grid", "set key below"};
  panel.series = {
      {csv, "1:2", fmt::format("weight decay {:.4g}", config.weight_decay), "lines lw 2", "", true},
      {csv, "1:3", fmt::format("dropout {:.4g}", config.drop_prob), "lines lw 2", "", true},
      {csv, "1:4", "no regulariser", "lines lw 2", "", true},
      {csv, "1:5", "replay, post's 2nd loop: dropout model (never stepped)", "lines lw 2 dt 2", "",
       true},
      level(csv, "1", std::log(2.0), "ln 2 (a constant 50/50 guess)", "lines lc 'gray' dt 3")};
  return experiments::draw({"loss_curves.png", 900, 560, {panel}, ""}, out, "training loss");
}

// A series of a whitespace-separated data file without a header line.
Series dat(const std::string& file, const std::string& columns, const std::string& title,
           const std::string& style, const std::string& colour = "") {
  return {file, columns, title, style, colour, false};
}

// The title of each panel, in the order of decision_grid.dat's model columns (3 to 8).
std::vector<std::string> boundary_titles(const Summary& s) {
  const Corrected& c = s.corrected;
  const BugCase& post = s.replay.with(true, true);
  return {fmt::format("weight decay {:.4g}: test acc {:.4g}", s.config.weight_decay,
                      c.weight_decay.test.per_seed[0]),
          fmt::format("dropout {:.4g}: test acc {:.4g}", s.config.drop_prob,
                      c.dropout.test.per_seed[0]),
          fmt::format("no regulariser: test acc {:.4g}", c.none.test.per_seed[0]),
          fmt::format("logistic regression: test acc {:.4g}", s.logistic.test.per_seed[0]),
          fmt::format("replay, weight-decay model after loop 2: acc {:.4g} (the post's rule)",
                      post.weight_decay.per_seed[0]),
          fmt::format("replay, dropout model (never stepped): acc {:.4g} (the post's rule)",
                      post.dropout.per_seed[0])};
}

constexpr int kFirstReplayColumn = 7;  // the replayed models: also the post's threshold

// The 0.5 contour of every surface, and of the replayed ones also σ(0.5), where the post's
// z ≥ 0.5 starts.
void boundary_contours(const experiments::Output& out) {
  const double post_level = 1 / (1 + std::exp(-0.5));
  std::vector<experiments::ContourTable> tables = {{"contour_bayes.dat", 9, 0.5}};
  for (int column = 3; column <= 8; ++column) {
    const std::string name = kGridColumns[column - 3];
    tables.push_back({"contour_" + name + ".dat", column, 0.5});
    if (column >= kFirstReplayColumn) {
      tables.push_back({"contour_post_" + name + ".dat", column, post_level});
    }
  }
  experiments::contour_tables(out, "decision_contours.gp", "decision_grid.dat", tables);
}

Panel boundary_panel(int column, const std::string& title) {
  const std::string name = kGridColumns[column - 3], points = "test_points_seed0.dat";
  Panel panel;
  panel.title = title;
  panel.settings = {"set datafile separator whitespace",
                    "set palette defined (0 '#9ecae1', 0.5 '#ffffff', 1 '#fcae91')",
                    "set cbrange [0:1]",
                    "unset colorbox",
                    "set autoscale xfix",
                    "set autoscale yfix",
                    "set key bottom left box opaque font ',8' samplen 2"};
  panel.series = {dat("decision_grid.dat", fmt::format("1:2:{}", column), "", "image"),
                  dat("contour_" + name + ".dat", "1:2", "model P = 0.5", "lines lc 'black' lw 2")};
  if (column >= kFirstReplayColumn) {
    panel.series.push_back(dat("contour_post_" + name + ".dat", "1:2", "post: logit = 0.5",
                               "lines lc 'black' dt 3 lw 2"));
  }
  for (const Series& series :
       {dat("contour_bayes.dat", "1:2", "Bayes", "lines lc 'dark-green' dt 2 lw 2"),
        dat(points, "1:2", "", "points pt 7 ps 0.7 lc 'white'"),
        dat(points, "1:($3 == 0 ? $2 : 1/0)", "", "points pt 7 ps 0.45", "#08306b"),
        dat(points, "1:($3 == 1 ? $2 : 1/0)", "", "points pt 7 ps 0.45", "#a50f15")}) {
    panel.series.push_back(series);
  }
  return panel;
}

std::string boundary_figure(const Summary& s, const experiments::Output& out) {
  boundary_contours(out);
  // The layout line also carries the figure's title (gnuplot: set multiplot layout 2,3 title).
  Figure figure{"decision_boundaries.png", 1500, 980, {}, ""};
  figure.layout = fmt::format(
      "2,3 title 'Seed 0: P(label 1) = sigmoid(logit) (colour), the model boundary P = 0.5 "
      "(black), the Bayes boundary (green, dashed), and the {} test points (dark blue: label 0, "
      "dark red: label 1)'",
      s.n_test);
  const std::vector<std::string> titles = boundary_titles(s);
  for (int column = 3; column <= 8; ++column) {
    figure.panels.push_back(boundary_panel(column, titles[column - 3]));
  }
  const std::string image = experiments::draw(figure, out, "decision boundaries");
  if (image.empty()) return "";
  const SecondLoop& second = s.replay.second_loop;
  const bool below = second.dropout_logit_max < 0.5 && second.weight_decay_logit_max < 0.5;
  return fmt::format(
      "{}*Decision boundaries on seed 0.* Colour is σ(logit); black the model's σ = 0.5 line "
      "(absent where a model never crosses it), green dashed the Bayes boundary (far from the "
      "arcs it separates regions that hold almost no data). In the two replay panels a dotted "
      "line would mark the post's threshold, logit = 0.5{}.\n\n",
      image, below ? ": neither replayed model reaches it anywhere on the test points" : "");
}

}  // namespace

Figures draw_figures(const Summary& summary, const experiments::Output& out) {
  Figures figures;
  if (!summary.sweep.weight_decay.empty() && !summary.sweep.drop_prob.empty()) {
    figures.sweep_weight_decay = sweep_figure(summary, out, true);
    figures.sweep_drop_prob = sweep_figure(summary, out, false);
  }
  figures.decision_boundaries = boundary_figure(summary, out);
  figures.loss_curves = loss_figure(summary, out);
  return figures;
}

}  // namespace moons
