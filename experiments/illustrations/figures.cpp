#include "experiments/illustrations/figures.hpp"

#include <sstream>

namespace illustrations {

namespace {

// seaborn's first three colours, the post's hue for iterations 0, 1, 2.
const char* const kIterationColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c"};

std::string header(const experiments::Output& out, const std::string& png, int width, int height) {
  std::ostringstream gp;
  gp << "set terminal pngcairo size " << width << "," << height
     << " noenhanced font 'sans,10'\nset output '" << out.path(png)
     << "'\nset datafile separator ','\n";
  return gp.str();
}

// The post's log-log scatter of stacked matrices, one colour per iteration (hue = i // 3).
std::string log_scatter(const std::string& csv, const std::string& title) {
  std::ostringstream gp;
  gp << "set title \"" << title << "\"\nset logscale xy\nset grid\nset key top left\n"
     << "set xlabel 'x'\nset ylabel 'y'\nset format x '%g'\nset format y '%g'\nplot ";
  for (int k = 0; k < 3; ++k) {
    gp << (k ? ", " : "") << "'" << csv << "' skip 1 using ($1==" << k << "?$2:1/0):3 with points "
       << "pt 7 ps 1.6 lc rgb '" << kIterationColours[k] << "' title 'iteration " << k << "'";
  }
  gp << "\nunset logscale xy\n";
  return gp.str();
}

std::string image(const experiments::Output& out, const std::string& png, const std::string& alt) {
  return "![" + alt + "](" + out.link(png) + ")\n\n";
}

std::string l2_figure(const experiments::Output& out) {
  const std::string png = "l2_replay.png";
  std::ostringstream gp;
  gp << header(out, png, 1200, 520) << "set multiplot layout 1,2\n"
     << log_scatter(out.path("l2_replay.csv"),
                    "Replayed: the post's Figure 1, X + 0.5*sum(X^2) twice (log-log)")
     << "set title 'Corrected: each matrix minus its centroid (linear axes)'\n"
     << "set xlabel 'x - mean x'\nset ylabel 'y - mean y'\n"
     << "set key bottom right box opaque\nset size ratio -1\nset xrange [-4.5:4.5]\n"
     << "set yrange [-4:4.5]\nplot ";
  // Decreasing marker sizes so that the three identical triangles show through each other.
  const char* const sizes[] = {"3.2", "2.2", "1.0"};
  const char* const types[] = {"6", "4", "7"};
  for (int k = 0; k < 3; ++k) {
    gp << (k ? ", " : "") << "'" << out.path("l2_replay.csv") << "' skip 1 using ($1==" << k
       << "?$4:1/0):5 with points pt " << types[k] << " ps " << sizes[k] << " lw 2 lc rgb '"
       << kIterationColours[k] << "' title 'iteration " << k << "'";
  }
  gp << "\nunset multiplot\n";
  return out.plot(png, gp.str()) ? image(out, png, "L2 replay beside the centred points") : "";
}

std::string dropout_figure(const experiments::Output& out) {
  const std::string png = "dropout_replay.png";
  std::ostringstream gp;
  gp << header(out, png, 1500, 500) << "set multiplot layout 1,3\n"
     << log_scatter(out.path("figure2_as_drawn.csv"),
                    "Replayed: Figure 2 as the post's code draws it (the L2 matrices again)")
     << log_scatter(out.path("dropout_replay.csv"),
                    "What it meant to draw: X * sum_i ||x_i||^0.5, twice (log-log)")
     << "set title 'Corrected: distance of {3, 7} from the other two points'\n"
     << "set logscale y\nset grid\nset key top left box opaque\nset xlabel 'iteration'\n"
     << "set ylabel 'distance (log scale)'\nset xtics 1\nset xrange [-0.2:2.2]\n"
     << "plot '" << out.path("distances.csv")
     << "' skip 1 using 1:2 with linespoints pt 7 ps 1.5 lw 2 title \"'L2 norm': a translation\", "
        "'' skip 1 using 1:3 with linespoints pt 5 ps 1.5 lw 2 title \"'dropout': a "
        "scaling\"\n"
     << "unset multiplot\n";
  return out.plot(png, gp.str()) ? image(out, png, "dropout replay, as drawn and as meant") : "";
}

std::string variation_figure(const experiments::Output& out) {
  const std::string png = "variation.png";
  const std::string csv = out.path("variation.csv");
  std::ostringstream gp;
  gp << header(out, png, 1650, 620) << "set multiplot layout 1,3\n"
     << "set title \"The post's data: three Gaussian clusters\"\nset xlabel 'X'\nset ylabel 'Y'\n"
     << "set zlabel 'Z'\nset view 60, 30\nunset key\n"
     << "splot '" << out.path("clusters.csv") << "' skip 1 using 2:3:4 with points pt 7 ps 0.25 "
     << "lc rgb 'red'\n"
     << "set title 'Replayed: variation after n norms applied (log y)'\nset xlabel 'n'\n"
     << "set ylabel 'variation (mean over columns of std/mean)'\nset logscale y\nset grid\n"
     << "set format y '%.0e'\nset xtics 1,2\n"
     << "plot '" << csv << "' skip 1 using 1:2 with lines lw 2 lc rgb '#1f77b4' notitle\n"
     << "set title 'Corrected: exact arithmetic vs. the replay, and the rounding'\n"
     << "set key below box\nset bmargin 9\nset y2label 'replayed spread: |std_n / std_0 - 1|'\n"
     << "set logscale y2\nset y2tics\nset ytics nomirror\nset format y2 '%.0e'\n"
     << "plot '" << csv << "' skip 1 using 1:3 with linespoints pt 7 lw 2 lc rgb '#2ca02c' "
     << "title 'exact: std_0 / (mean_0 + C_n)', '' skip 1 using 1:2 with linespoints pt 6 lw 2 "
     << "lc rgb '#1f77b4' title 'replayed in doubles (the post)', '' skip 1 using 1:6 axes x1y2 "
     << "with linespoints pt 4 dt 2 lw 2 lc rgb '#d62728' title 'replayed spread drift, as numpy "
        "sums (right axis)', '' skip 1 using 1:7 axes x1y2 with linespoints pt 8 dt 3 lw 2 "
        "lc rgb '#9467bd' title 'drift of the rounded data alone (right axis)'\n"
     << "unset multiplot\n";
  return out.plot(png, gp.str()) ? image(out, png, "variation replayed and corrected") : "";
}

std::string weights_figure(const experiments::Output& out, const nlohmann::json& weights) {
  const nlohmann::json& l2 = weights["l2"];
  const nlohmann::json& dropout = weights["dropout"];
  const std::string png = "weights.png";
  const std::string trajectory = out.path("weight_decay_trajectory.csv");
  std::ostringstream gp;
  gp << header(out, png, 1250, 600) << "set multiplot layout 1,2\n"
     << "set title 'What L2 and dropout act on: the weights w (data X unchanged)'\n"
     << "set xlabel 'w1'\nset ylabel 'w2'\nset grid\nset key below box\nset bmargin 11\n"
     << "set size ratio -1\n"
     << "plot '" << out.path("ridge_path.csv")
     << "' skip 1 using 2:3 with lines lw 2 lc rgb '#1f77b4' title 'ridge (X^TX + lambda I)^-1 "
        "X^Ty, "
        "lambda 1e-3 to 1e4', '"
     << out.path("dropout_path.csv")
     << "' skip 1 using 2:3 with lines lw 2 lc rgb '#ff7f0e' title 'dropout deployed p*w*, "
        "(1-p)/p 1e-4 to 1e2', '"
     << trajectory << "' skip 1 every 25 using 2:3 with points pt 6 ps 1 lc rgb '#2ca02c' "
     << "title 'gradient descent with weight decay (every 25th step)', '" << trajectory
     << "' skip 1 every ::0::0 using 2:3 with points pt 7 ps 2 lc rgb 'black' title 'start: "
        "least squares', "
     << "'+' using (" << experiments::exact(l2["ridge"][0]) << "):("
     << experiments::exact(l2["ridge"][1]) << ") every ::0::0 with points pt 9 ps 2.5 "
     << "lc rgb '#1f77b4' title 'ridge, lambda = " << experiments::rounded(l2["weight_decay"], 4)
     << "', '+' using (" << experiments::exact(dropout["deployed"][0]) << "):("
     << experiments::exact(dropout["deployed"][1]) << ") every ::0::0 with points pt 5 ps 2 "
     << "lc rgb '#ff7f0e' title 'dropout, p = " << experiments::rounded(dropout["retain_prob"], 4)
     << "'\n"
     << "set title 'Weight decay: w <- (1 - lr*lambda) w - lr*grad; ||w|| shrinks'\n"
     << "set size noratio\nset bmargin 11\nset xlabel 'step + 1 (log scale)'\nset ylabel '||w||'\n"
     << "set logscale x\nset key inside top right box opaque\n"
     << "plot '" << trajectory << "' skip 1 using ($1+1):4 with lines lw 2 lc rgb '#2ca02c' "
     << "title '||w_t||, gradient descent with weight decay', "
     << experiments::exact(l2["final_norm"]) << " with lines dt 2 lc rgb 'black' "
     << "title '||ridge solution||'\n"
     << "unset multiplot\n";
  return out.plot(png, gp.str()) ? image(out, png, "what L2 and dropout do to the weights") : "";
}

}  // namespace

FigureLinks draw_figures(const experiments::Output& out, const nlohmann::json& summary) {
  return {l2_figure(out), dropout_figure(out), variation_figure(out),
          weights_figure(out, summary["weights"])};
}

}  // namespace illustrations
