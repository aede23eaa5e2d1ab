// The run of the dynamics experiment and its report: every part in order, then the claims with
// their sentences of what was measured (measured.cpp), the CSV tables (tables.cpp), the figures
// drawn from them (figures.cpp) and section.md (report.cpp), all from the typed results.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/dynamics/results.hpp"

namespace dynamics {

// Computes every part and returns summary.json, section.md and the console lines.
experiments::Report run(Settings settings, const experiments::Context& context);

// The claims of the verdict table, each with its "measured" column.
std::vector<experiments::Claim> dynamics_claims(const Settings& settings, const Results& results);

// Writes the CSV tables into `out`: sgd_errors.csv, clara_variance.csv, clara_mean_path.csv,
// equivalence.csv and wager_curve.csv.
void write_tables(const Results& results, const experiments::Output& out);

// Draws the four figures into `out` from those tables; returns their Markdown image lines.
std::string draw_figures(const Results& results, const experiments::Output& out);

}  // namespace dynamics
