// The claims model (experiments/common/claims.hpp): checks that can fail, verdicts chosen from
// them, and the JSON and Markdown every experiment writes from it.
#include <cmath>

#include <catch2/catch.hpp>

#include "claims_in_report.hpp"
#include "experiments/common/claims.hpp"

using namespace experiments;

TEST_CASE("claims: each comparison passes on its side of the threshold and fails on the other",
          "[experiments][claims]") {
  REQUIRE(at_most("x", 4, 4).passed);
  REQUIRE_FALSE(at_most("x", 4.001, 4).passed);
  REQUIRE(below("x", 3.9, 4).passed);
  REQUIRE_FALSE(below("x", 4, 4).passed);
  REQUIRE(at_least("x", 4, 4).passed);
  REQUIRE_FALSE(at_least("x", 3.9, 4).passed);
  REQUIRE(above("x", 4.1, 4).passed);
  REQUIRE_FALSE(above("x", 4, 4).passed);
  REQUIRE(abs_at_most("z", -3.5, 4).passed);
  REQUIRE_FALSE(abs_at_most("z", -4.5, 4).passed);
  REQUIRE(abs_above("z", -4.5, 4).passed);
  REQUIRE_FALSE(abs_above("z", 3, 4).passed);
  REQUIRE(equal_to("n", 10, 10).passed);
  REQUIRE_FALSE(equal_to("n", 9, 10).passed);
  REQUIRE(is_true("flag", true).passed);
  REQUIRE_FALSE(is_true("flag", false).passed);
  // A NaN passes no comparison: a missing number never confirms anything.
  const double nan = std::nan("");
  REQUIRE_FALSE(at_most("x", nan, 4).passed);
  REQUIRE_FALSE(at_least("x", nan, 4).passed);
  REQUIRE_FALSE(abs_at_most("x", nan, 4).passed);
  REQUIRE(at_most("x", 1, 1e-12).threshold == "≤ 1e-12");
}

TEST_CASE("claims: decide gives the verdict when every check passes, and not confirmed else",
          "[experiments][claims]") {
  const Outcome holds{"holds", "the identity is exact"};
  const Claim yes =
      decide("t.id", "quote", "measured", {at_most("z", 1, 4), below("e", 0, 1)}, holds);
  REQUIRE(yes.kind == ClaimKind::measured);
  REQUIRE(yes.verdict == "holds");
  REQUIRE(yes.because == "the identity is exact");
  const Claim no =
      decide("t.id", "quote", "measured", {at_most("z", 5, 4), below("e", 0, 1)}, holds);
  REQUIRE(no.verdict == "not confirmed");
  REQUIRE_THAT(no.because, Catch::Contains("z = 5 (needs ≤ 4)"));
  REQUIRE_THAT(no.because, !Catch::Contains("e ="));
}

TEST_CASE("claims: a measured claim needs a check, and a missing check name is an error",
          "[experiments][claims]") {
  REQUIRE_THROWS_AS(measured_claim("t.id", "q", "m", {}, {"holds", "b"}), std::logic_error);
  const std::vector<Check> checks = {at_most("z", 1, 4)};
  REQUIRE(passed(checks, "z"));
  REQUIRE_THROWS_WITH(passed(checks, "nope"), Catch::Contains("nope"));
}

TEST_CASE("claims: to_json has the fields of issue 14, and the table says measured or argued",
          "[experiments][claims]") {
  const std::vector<Claim> claims = {
      decide("t.a", "the post's words", "3 draws", {abs_at_most("mc_z", 1.5, 4)},
             {"holds", "within 4 SE"}),
      reasoning_claim("t.b", "other words", "the code adds a scalar", {"wrong", "it translates"})};
  const nlohmann::json j = to_json(claims);
  REQUIRE(j.size() == 2);
  REQUIRE(j[0]["id"] == "t.a");
  REQUIRE(j[0]["kind"] == "measured");
  REQUIRE(j[0]["checks"][0]["name"] == "mc_z");
  REQUIRE(j[0]["checks"][0]["value"] == 1.5);
  REQUIRE(j[0]["checks"][0]["threshold"] == "|·| ≤ 4");
  REQUIRE(j[0]["checks"][0]["passed"] == true);
  REQUIRE(j[0]["verdict"] == "holds");
  REQUIRE(j[0]["because"] == "within 4 SE");
  REQUIRE(j[1]["kind"] == "reasoning");
  REQUIRE(j[1]["checks"].empty());
  const std::string table = claims_table(claims);
  REQUIRE_THAT(table,
               Catch::Contains("| \"the post's words\" | 3 draws<br>checks: `mc_z` = 1.5 "
                               "(\\|·\\| ≤ 4, passed) | **holds** (measured): within 4 SE |"));
  REQUIRE_THAT(table, Catch::Contains("*argued:* the code adds a scalar | **wrong** (argued): "
                                      "it translates |"));
  // A pipe inside a cell is escaped, so the row keeps its three cells.
  const std::string piped = claims_table({reasoning_claim("t.c", "|z| > 3", "a|b", {"v", "c|d"})});
  REQUIRE_THAT(piped,
               Catch::Contains("| \"\\|z\\| > 3\" | *argued:* a\\|b | **v** (argued): c\\|d |"));
}

TEST_CASE("claims: a not-confirmed sentence naming a |z| check is found in the rendered table",
          "[experiments][claims]") {
  // not_confirmed names the failed check with its threshold "|·| > 3"; the table escapes the
  // pipes, and the report test (tests/claims_in_report.hpp) looks for the escaped text.
  const std::vector<Claim> claims = {decide("t.z", "|z| is large", "paired over seeds",
                                            {abs_above("paired_z", 1.2, 3)},
                                            {"holds", "beyond 3 SE"})};
  REQUIRE(claims[0].because.find("|·| > 3") != std::string::npos);
  const std::string table = claims_table(claims);
  REQUIRE(table.find(claims[0].because) == std::string::npos);  // raw: pipes unescaped
  REQUIRE(test::require_claims_rendered(to_json(claims), table) == 0);
}
