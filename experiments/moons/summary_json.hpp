// summary.json: the typed summary and the claims, for readers outside the program.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/moons/summary.hpp"

namespace moons {

nlohmann::json to_json(const Summary& summary, const std::vector<experiments::Claim>& claims);

}  // namespace moons
