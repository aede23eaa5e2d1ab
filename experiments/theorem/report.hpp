// The theorem experiment's report: CSV tables, figures, summary.json and section.md, all made
// from the typed results and the claims decided on them.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/theorem/theorem.hpp"

namespace theorem {

// Writes the p sweeps and the Monte Carlo trace as CSV and draws p_sweep.png and mc_trace.png;
// returns the figures' Markdown image lines.
std::string write_tables_and_figures(const Results& results, const experiments::Output& out);

// section.md: the claims table and the paragraphs around it.
std::string section(const Results& results, const std::vector<experiments::Claim>& claims,
                    const std::string& figures);

// compute → claims → report: what main() hands to the runner.
experiments::Report run(const Settings& settings, const experiments::Context& context);

}  // namespace theorem
