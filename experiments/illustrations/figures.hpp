// The experiment's figures, each the post's figure replayed beside the corrected one, drawn by
// gnuplot from the CSV files main.cpp writes. Each entry is the Markdown that shows the figure,
// or empty when gnuplot is missing (the CSV files still hold the data).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "experiments/common/output.hpp"

namespace illustrations {

struct FigureLinks {
  std::string l2;         // Figure 1 replayed; the same points centred
  std::string dropout;    // Figure 2 as drawn, as meant; distances per step
  std::string variation;  // Figure 3 replayed; the exact curve and the rounding
  std::string weights;    // what weight decay and dropout do to w
};

// Expects l2_replay.csv, figure2_as_drawn.csv, dropout_replay.csv, distances.csv,
// clusters.csv, variation.csv, weight_decay_trajectory.csv, ridge_path.csv and
// dropout_path.csv in out.dir(); marks summary["weights"]'s ridge and dropout solutions.
FigureLinks draw_figures(const experiments::Output& out, const nlohmann::json& summary);

}  // namespace illustrations
