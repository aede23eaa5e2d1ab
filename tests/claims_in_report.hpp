// The check every experiment's run test makes of its summary.json "claims" against its report
// section (the claims model of experiments/common/claims.hpp): each claim is well formed and
// its row is in the section, rendered from it.
#pragma once

#include <cstddef>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "experiments/common/markdown.hpp"

namespace test {

// REQUIREs, for each claim: its quote and its "because" sentence appear in `section`; a
// measured claim has at least one check, each with a numeric value and a stated threshold; a
// reasoning claim is marked "(argued)" in the section. Returns the number of reasoning claims.
inline std::size_t require_claims_rendered(const nlohmann::json& claims,
                                           const std::string& section) {
  std::size_t reasoning = 0;
  for (const nlohmann::json& claim : claims) {
    INFO(claim.dump(2));
    // As the table writes them: a | in a cell is escaped (experiments/common/markdown.hpp).
    const auto rendered = [](const nlohmann::json& text) {
      return experiments::markdown_cell(text.get<std::string>());
    };
    REQUIRE(section.find(rendered(claim["quote"])) != std::string::npos);
    REQUIRE(section.find(rendered(claim["because"])) != std::string::npos);
    if (claim["kind"] == "reasoning") {
      ++reasoning;
      continue;
    }
    REQUIRE(claim["kind"] == "measured");
    REQUIRE(!claim["checks"].empty());
    for (const nlohmann::json& check : claim["checks"]) {
      REQUIRE(check["value"].is_number());
      REQUIRE(!check["threshold"].get<std::string>().empty());
    }
  }
  if (reasoning > 0) REQUIRE(section.find("(argued)") != std::string::npos);
  return reasoning;
}

}  // namespace test
