// The experiment's section of results/REPORT.md, written from summary.json's numbers only.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "experiments/illustrations/figures.hpp"

namespace illustrations {

std::string section(const nlohmann::json& summary, const FigureLinks& figures);

}  // namespace illustrations
