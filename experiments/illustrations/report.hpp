// The experiment's section of results/REPORT.md, written from the typed results.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/illustrations/figures.hpp"
#include "experiments/illustrations/results.hpp"

namespace illustrations {

// The verdict table is rendered from `claims` (summary.json's "claims").
std::string section(const Results& results, const std::vector<experiments::Claim>& claims,
                    const FigureLinks& figures);

}  // namespace illustrations
