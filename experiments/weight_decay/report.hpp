// The weight-decay section of REPORT.md (section.md) and its figures, from the typed results.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/settings.hpp"
#include "experiments/weight_decay/sweep.hpp"

namespace weight_decay {

// Computes everything, decides the claims, writes the CSVs and figures; returns what the
// runner writes (summary.json, section.md) and prints.
experiments::Report run(const Settings& settings, const experiments::Context& context);

std::string section(const Settings& settings, const LinearResults& linear,
                    const MoonsResults& moons, const std::vector<experiments::Claim>& claims,
                    const std::string& figures_linear, const std::string& figures_moons);

// Each draws its figure from the CSVs and returns the Markdown image line ("" without gnuplot).
std::string draw_shrinkage_figure(const experiments::Output& out);
std::string draw_moons_figure(const experiments::Output& out);

}  // namespace weight_decay
