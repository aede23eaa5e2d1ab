// One claim per sentence of the post that draws a conclusion from its three computations, with
// the text of what was measured behind it, written from the typed results; and the older
// "verdicts" array of summary.json, kept for its readers.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/illustrations/results.hpp"

namespace illustrations {

// The claims (claims.hpp) with their measured text: summary.json's "claims" and the report's
// verdict table.
std::vector<experiments::Claim> claims(const Results& results);

// summary.json's "verdicts", the format before the claims model: an array of {"claim",
// "quote", "measured", "holds", "verdict", "facts"} for the four measured claims.
nlohmann::json legacy_verdicts(const Results& results,
                               const std::vector<experiments::Claim>& claims);

}  // namespace illustrations
