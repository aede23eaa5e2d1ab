// The run of the dynamics experiment and its report: every part in order, then the claims with
// their sentences of what was measured (measured.cpp), the figures (figures.cpp) and section.md
// (report.cpp), all from the typed results.
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

// Draws the four figures into `out`; returns their Markdown image lines.
std::string draw_figures(const Results& results, const experiments::Output& out);

}  // namespace dynamics
