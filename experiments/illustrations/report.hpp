// The experiment's section of results/REPORT.md, written from summary.json's numbers only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/illustrations/figures.hpp"

namespace illustrations {

// The verdict table is rendered from `claims` (summary.json's "claims").
std::string section(const nlohmann::json& summary, const std::vector<experiments::Claim>& claims,
                    const FigureLinks& figures);

}  // namespace illustrations
