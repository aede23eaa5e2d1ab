// One verdict per sentence of the post that draws a conclusion from its three computations:
// the sentence, the measured fact behind it (text built from the summary's numbers), whether
// the sentence holds (decided from those numbers with a stated tolerance), and the verdict.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"

namespace illustrations {

// Reads summary["replay"], ["geometry"], ["variation"], ["translation"]; returns an array of
// {"claim", "quote", "measured", "holds", "verdict", "facts"}. Kept as summary.json's
// "verdicts" for readers of the old key; the report and the verdicts are now `claims`.
nlohmann::json verdicts(const nlohmann::json& summary);

// The claims (claims.hpp), decided from the same numbers; `verdicts` supplies the text of
// what was measured. These are summary.json's "claims" and the report's verdict table.
std::vector<experiments::Claim> claims(const nlohmann::json& summary,
                                       const nlohmann::json& verdicts);

}  // namespace illustrations
