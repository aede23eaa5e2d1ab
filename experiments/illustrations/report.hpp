// The experiment from start to end for the shared runner (run), and the files beside
// summary.json: the CSV tables, the figures drawn from them (each the post's figure replayed
// beside the corrected one, by gnuplot through experiments/common/figure.hpp; figures.cpp) and
// its section of results/REPORT.md (report.cpp), all written from the typed results.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/illustrations/results.hpp"

namespace illustrations {

// compute → tables and figures → claims → summary.json (with "claims" and the older "verdicts")
// and section.md, with the runner's seed and --quick. What main() hands to the runner.
experiments::Report run(const Settings& settings, const experiments::Context& context);

// l2_replay.csv, dropout_replay.csv, figure2_as_drawn.csv (the stacked points with their
// iteration and minus their matrix's centroid), distances.csv, variation.csv, clusters.csv,
// weight_decay_trajectory.csv, ridge_path.csv and dropout_path.csv.
void write_tables(const Results& results, const experiments::Output& out);

// The Markdown that shows each figure, or empty when gnuplot is missing (the CSV files still
// hold the data).
struct FigureLinks {
  std::string l2;         // Figure 1 replayed; the same points centred
  std::string dropout;    // Figure 2 as drawn, as meant; distances per step
  std::string variation;  // Figure 3 replayed; the exact curve and the rounding
  std::string weights;    // what weight decay and dropout do to w
};

// Draws from the tables write_tables wrote; marks the ridge and dropout solutions.
FigureLinks draw_figures(const Results& results, const experiments::Output& out);

// The verdict table is rendered from `claims` (summary.json's "claims").
std::string section(const Results& results, const std::vector<experiments::Claim>& claims,
                    const FigureLinks& figures);

}  // namespace illustrations
