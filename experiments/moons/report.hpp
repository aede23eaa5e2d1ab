// The report section (section.md) and the figures, made from summary.json and the data files
// write_tables left in the output directory.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"

namespace moons {

// Draws the figures (skipped gracefully without gnuplot) and returns the Markdown section.
// The verdict table is rendered from `claims` (summary.json's "claims").
std::string write_report(const nlohmann::json& summary,
                         const std::vector<experiments::Claim>& claims,
                         const experiments::Output& out);

}  // namespace moons
