#include "experiments/illustrations/report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "experiments/common/figure.hpp"

namespace illustrations {

namespace {

using experiments::Figure;
using experiments::Output;
using experiments::Panel;
using experiments::Series;

// seaborn's first three colours, the post's hue for iterations 0, 1, 2.
const char* const kIterationColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c"};

// The stacked points with their iteration (the post's hue, i // 3) and minus their centroid.
void write_stack(const Output& out, const std::string& file, const std::vector<Array>& matrices) {
  std::vector<std::vector<double>> rows;
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const Array& m = matrices[k];
    const Array centroid = xt::mean(m, {0});
    for (std::size_t i = 0; i < m.shape()[0]; ++i) {
      rows.push_back({double(k), m(i, 0), m(i, 1), m(i, 0) - centroid(0), m(i, 1) - centroid(1)});
    }
  }
  out.write_csv(file, {"iteration", "x", "y", "x_minus_centroid", "y_minus_centroid"}, rows);
}

// A panel from its title, axis labels, further gnuplot lines (log scales among them) and series.
Panel panel(std::string title, std::string xlabel, std::string ylabel,
            std::vector<std::string> settings, std::vector<Series> series) {
  return {std::move(title),    std::move(xlabel), std::move(ylabel), false, false,
          std::move(settings), std::move(series)};
}

// One series per iteration k of a stacked-points file, in the iteration's colour.
std::vector<Series> by_iteration(const std::string& file, const std::string& columns,
                                 const std::vector<std::string>& styles) {
  std::vector<Series> series;
  for (int k = 0; k < 3; ++k) {
    series.push_back({file, fmt::format(fmt::runtime(columns), k), fmt::format("iteration {}", k),
                      styles[k], kIterationColours[k]});
  }
  return series;
}

// The post's log-log scatter of stacked matrices, one colour per iteration (hue = i // 3).
Panel log_scatter(const std::string& file, const std::string& title) {
  return panel(
      title, "x", "y",
      {"set logscale xy", "set grid", "set key top left", "set format x '%g'", "set format y '%g'"},
      by_iteration(file, "($1=={}?$2:1/0):3", std::vector<std::string>(3, "points pt 7 ps 1.6")));
}

std::string l2_figure(const Output& out) {
  // Decreasing marker sizes so that the three identical triangles show through each other.
  const Panel centred =
      panel("Corrected: each matrix minus its centroid (linear axes)", "x - mean x", "y - mean y",
            {"set grid", "set key bottom right box opaque", "set size ratio -1",
             "set xrange [-4.5:4.5]", "set yrange [-4:4.5]"},
            by_iteration(
                "l2_replay.csv", "($1=={}?$4:1/0):5",
                {"points pt 6 ps 3.2 lw 2", "points pt 4 ps 2.2 lw 2", "points pt 7 ps 1.0 lw 2"}));
  const Panel replayed = log_scatter(
      "l2_replay.csv", "Replayed: the post's Figure 1, X + 0.5*sum(X^2) twice (log-log)");
  return experiments::draw(Figure{"l2_replay.png", 1200, 520, {replayed, centred}, ""}, out,
                           "L2 replay beside the centred points");
}

std::string dropout_figure(const Output& out) {
  const Panel distances = panel(
      "Corrected: distance of {3, 7} from the other two points", "iteration",
      "distance (log scale)",
      {"set logscale y", "set grid", "set key top left box opaque", "set format y '%g'",
       "set xtics 1", "set xrange [-0.2:2.2]"},
      {{"distances.csv", "1:2", "'L2 norm': a translation", "linespoints pt 7 ps 1.5 lw 2", ""},
       {"distances.csv", "1:3", "'dropout': a scaling", "linespoints pt 5 ps 1.5 lw 2", ""}});
  const Panel as_drawn =
      log_scatter("figure2_as_drawn.csv",
                  "Replayed: Figure 2 as the post's code draws it (the L2 matrices again)");
  const Panel as_meant = log_scatter(
      "dropout_replay.csv", "What it meant to draw: X * sum_i ||x_i||^0.5, twice (log-log)");
  return experiments::draw(
      Figure{"dropout_replay.png", 1500, 500, {as_drawn, as_meant, distances}, ""}, out,
      "dropout replay, as drawn and as meant");
}

std::string variation_figure(const Output& out) {
  Panel clusters = panel("The post's data: three Gaussian clusters", "X", "Y",
                         {"set zlabel 'Z'", "set view 60, 30", "unset key"},
                         {{"clusters.csv", "2:3:4", "", "points pt 7 ps 0.25", "red"}});
  clusters.three_d = true;  // the post's 3-D scatter: columns 2:3:4 are x, y, z
  const std::string variation = "variation (mean over columns of std/mean)";
  const std::vector<std::string> log_n = {"set logscale y", "set grid", "set format y '%.0e'",
                                          "set xtics 1,2"};
  const Panel replayed = panel("Replayed: variation after n norms applied (log y)", "n", variation,
                               log_n, {{"variation.csv", "1:2", "", "lines lw 2", "#1f77b4"}});
  Panel corrected =
      panel("Corrected: exact arithmetic vs. the replay, and the rounding", "n", variation, log_n,
            {{"variation.csv", "1:3", "exact: std_0 / (mean_0 + C_n)", "linespoints pt 7 lw 2",
              "#2ca02c"},
             {"variation.csv", "1:2", "replayed in doubles (the post)", "linespoints pt 6 lw 2",
              "#1f77b4"},
             {"variation.csv", "1:6 axes x1y2", "replayed spread drift, as numpy sums (right axis)",
              "linespoints pt 4 dt 2 lw 2", "#d62728"},
             {"variation.csv", "1:7 axes x1y2", "drift of the rounded data alone (right axis)",
              "linespoints pt 8 dt 3 lw 2", "#9467bd"}});
  corrected.settings.insert(
      corrected.settings.end(),
      {"set key below box", "set bmargin 9", "set y2label 'replayed spread: |std_n / std_0 - 1|'",
       "set logscale y2", "set y2tics", "set ytics nomirror", "set format y2 '%.0e'"});
  const Figure figure{"variation.png", 1650, 620, {clusters, replayed, corrected}, ""};
  return experiments::draw(figure, out, "variation replayed and corrected");
}

std::string weights_figure(const WeightsResults& w, const Output& out) {
  const std::string trajectory = "weight_decay_trajectory.csv";
  // A marked point (x, y), drawn once: on the first row of a file, with constant columns.
  const auto marker = [&](const Array& point) {
    return fmt::format("($0==0?{}:1/0):({})", experiments::exact(point(0)),
                       experiments::exact(point(1)));
  };
  const Panel weights = panel(
      "What L2 and dropout act on: the weights w (data X unchanged)", "w1", "w2",
      {"set grid", "set key below box", "set bmargin 11", "set size ratio -1"},
      {{"ridge_path.csv", "2:3", "ridge (X^TX + lambda I)^-1 X^Ty, lambda 1e-3 to 1e4",
        "lines lw 2", "#1f77b4"},
       {"dropout_path.csv", "2:3", "dropout deployed p*w*, (1-p)/p 1e-4 to 1e2", "lines lw 2",
        "#ff7f0e"},
       {trajectory, "(int($0)%25==0?$2:1/0):3",
        "gradient descent with weight decay (every 25th step)", "points pt 6 ps 1", "#2ca02c"},
       {trajectory, "($0==0?$2:1/0):3", "start: least squares", "points pt 7 ps 2", "black"},
       {trajectory, marker(w.descent.ridge),
        fmt::format("ridge, lambda = {:.4g}", w.descent.weight_decay), "points pt 9 ps 2.5",
        "#1f77b4"},
       {trajectory, marker(w.dropout.deployed),
        fmt::format("dropout, p = {:.4g}", w.dropout.retain_prob), "points pt 5 ps 2", "#ff7f0e"}});
  // The ridge solution's norm as a dashed line along the descent's steps.
  const Panel norm =
      panel("Weight decay: w <- (1 - lr*lambda) w - lr*grad; ||w|| shrinks", "step + 1 (log scale)",
            "||w||",
            {"set logscale x", "set grid", "set bmargin 11", "set key inside top right box opaque"},
            {{trajectory, "($1+1):4", "||w_t||, gradient descent with weight decay", "lines lw 2",
              "#2ca02c"},
             {trajectory, fmt::format("($1+1):({})", experiments::exact(w.trajectory_norms.back())),
              "||ridge solution||", "lines dt 2", "black"}});
  return experiments::draw(Figure{"weights.png", 1250, 600, {weights, norm}, ""}, out,
                           "what L2 and dropout do to the weights");
}

void write_weight_tables(const WeightsResults& w, const Output& out) {
  std::vector<std::vector<double>> rows;
  for (std::size_t t = 0; t < w.descent.trajectory.size(); ++t) {
    const Array& weights = w.descent.trajectory[t];
    rows.push_back({double(t), weights(0), weights(1), w.trajectory_norms[t]});
  }
  out.write_csv("weight_decay_trajectory.csv", {"step", "w1", "w2", "norm"}, rows);
  rows.clear();
  for (std::size_t k = 0; k < w.ridge_path.size(); ++k) {
    rows.push_back({w.weight_decay_grid[k], w.ridge_path[k](0), w.ridge_path[k](1)});
  }
  out.write_csv("ridge_path.csv", {"weight_decay", "w1", "w2"}, rows);
  rows.clear();
  for (std::size_t k = 0; k < w.dropout_path.size(); ++k) {
    rows.push_back({w.retain_prob_grid[k], w.dropout_path[k](0), w.dropout_path[k](1)});
  }
  out.write_csv("dropout_path.csv", {"retain_prob", "w1", "w2"}, rows);
}

}  // namespace

void write_tables(const Results& r, const Output& out) {
  write_stack(out, "l2_replay.csv", r.matrices.l2);
  write_stack(out, "dropout_replay.csv", r.matrices.dropout);
  write_stack(out, "figure2_as_drawn.csv", r.matrices.figure2_as_drawn);
  std::vector<std::vector<double>> rows;
  const RuleGeometry &l2 = r.matrices.l2_geometry, &dropout = r.matrices.dropout_geometry;
  const auto largest = [](const std::vector<Scalar>& d) {
    return *std::max_element(d.begin(), d.end());
  };
  for (std::size_t k = 0; k < r.matrices.l2.size(); ++k) {
    rows.push_back({double(k), l2.outlier_distance_from_others[k],
                    dropout.outlier_distance_from_others[k], largest(l2.pairwise_distances[k]),
                    largest(dropout.pairwise_distances[k])});
  }
  out.write_csv("distances.csv",
                {"iteration", "l2_outlier_distance", "dropout_outlier_distance",
                 "l2_largest_distance", "dropout_largest_distance"},
                rows);
  const VariationResults& v = r.variation;
  rows.clear();
  for (std::size_t n = 0; n < v.replay.variation.size(); ++n) {
    rows.push_back({double(n + 1), v.replay.variation[n], v.exact.variation[n], v.replay.added[n],
                    v.exact.offsets[n], v.replay.spread_drift[n], v.replay.data_drift[n]});
  }
  out.write_csv("variation.csv",
                {"n", "replay_variation", "exact_variation", "added_norm", "offset_exact",
                 "replay_spread_drift", "data_rounding_drift"},
                rows);
  rows.clear();
  for (std::size_t i = 0; i < v.data.shape()[0]; ++i) {
    rows.push_back(
        {double(i / r.settings.points_per_cluster), v.data(i, 0), v.data(i, 1), v.data(i, 2)});
  }
  out.write_csv("clusters.csv", {"cluster", "x", "y", "z"}, rows);
  write_weight_tables(r.weights, out);
}

FigureLinks draw_figures(const Results& results, const Output& out) {
  return {l2_figure(out), dropout_figure(out), variation_figure(out),
          weights_figure(results.weights, out)};
}

}  // namespace illustrations
