// One verdict per sentence of the post that draws a conclusion from its three computations:
// the sentence, the measured fact behind it (text built from the summary's numbers), whether
// the sentence holds (decided from those numbers with a stated tolerance), and the verdict.
#pragma once

#include <nlohmann/json.hpp>

namespace illustrations {

// Reads summary["replay"], ["geometry"], ["variation"], ["translation"]; returns an array of
// {"claim", "quote", "measured", "holds", "verdict", "facts"}.
nlohmann::json verdicts(const nlohmann::json& summary);

}  // namespace illustrations
