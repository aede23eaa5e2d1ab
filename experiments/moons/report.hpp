// The report section (section.md) and the figures, made from summary.json and the data files
// write_tables left in the output directory.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "experiments/common/output.hpp"

namespace moons {

// Draws the figures (skipped gracefully without gnuplot) and returns the Markdown section.
std::string write_report(const nlohmann::json& summary, const experiments::Output& out);

}  // namespace moons
