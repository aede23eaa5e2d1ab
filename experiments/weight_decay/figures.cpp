#include <string>

#include "experiments/common/figure.hpp"
#include "experiments/weight_decay/report.hpp"

namespace weight_decay {

using experiments::Series;

std::string draw_shrinkage_figure(const experiments::Output& out) {
  experiments::Panel panel{
      "Feature 0 rescaled by c: its weight over its least-squares weight",
      "scale c of feature 0",
      "shrinkage factor theta0 / theta0_OLS",
      true,
      false,
      {"set key bottom right", "set yrange [0:1.05]"},
      {Series{"ridge_curve.csv", "1:2", "ridge (closed form)", "lines lw 2", "#1f77b4"},
       Series{"shrinkage.csv", "1:3", "Adam + L2 (measured)", "points pt 7 ps 1.2", "#ff7f0e"},
       Series{"shrinkage.csv", "1:4", "AdamW (measured)", "linespoints pt 5 ps 1", "#2ca02c"}}};
  const experiments::Figure figure{"shrinkage.png", 760, 480, {panel}, ""};
  return experiments::draw(figure, out, "shrinkage factor of a rescaled feature");
}

std::string draw_moons_figure(const experiments::Output& out) {
  // Strength 0 cannot sit on a log axis: the λ panels start at the first grid point (the
  // tables list λ = 0).
  const std::string positive = "($1 > 0 ? $1 : NaN)";
  auto three = [&](const std::string& columns, const std::string& style) {
    return std::vector<Series>{
        {"moons_sgd_weight_decay.csv", positive + columns, "SGD + weight decay", style, "#1f77b4"},
        {"moons_adam_l2.csv", positive + columns, "Adam + L2", style, "#ff7f0e"},
        {"moons_adamw.csv", positive + columns, "AdamW", style, "#2ca02c"}};
  };
  const experiments::Panel accuracy{"Test accuracy (mean +- SE over seeds)",
                                    "weight_decay lambda",
                                    "test accuracy",
                                    true,
                                    false,
                                    {"set key bottom left", "set yrange [0.4:1]"},
                                    three(":2:3", "yerrorlines pt 7 ps 0.8")};
  const experiments::Panel norm{"Weight norm ||theta||",
                                "weight_decay lambda",
                                "||theta||_2 (mean)",
                                true,
                                true,
                                {"set key bottom left"},
                                three(":4", "linespoints pt 7 ps 0.8")};
  const experiments::Panel dropout{"Adam + dropout",
                                   "drop probability",
                                   "test accuracy",
                                   false,
                                   false,
                                   {"set key bottom left", "set yrange [0.4:1]"},
                                   {Series{"moons_adam_dropout.csv", "1:2:3", "Adam + dropout",
                                           "yerrorlines pt 7 ps 0.8", "#d62728"}}};
  const experiments::Figure figure{"moons_sweep.png", 1350, 430, {accuracy, norm, dropout}, ""};
  return experiments::draw(figure, out, "moons MLP: accuracy and weight norm against strength");
}

}  // namespace weight_decay
