// The illustrations' claims, each driven both ways from typed results: the geometry of
// matrices measured by measure_rule (a translation, a scaling, a pull), and variation results
// set by hand.
#include <cmath>

#include <catch2/catch.hpp>

#include "experiments/illustrations/claims.hpp"

using namespace illustrations;

namespace {

// The post's L2 rule: X, X₁, X₂ translated.
RuleGeometry translated() {
  const Array X = post_matrix();
  return measure_rule({X, post_l2_step(X), post_l2_step(post_l2_step(X))}, kOutlierRow);
}
// X scaled by factor, twice (a factor below 1 pulls the points together).
RuleGeometry scaled(double factor) {
  const Array X = post_matrix();
  return measure_rule({X, Array(factor * X), Array(factor * factor * X)}, kOutlierRow);
}

// Each column's spread multiplied by factor, as a translation (1) or a collapse (< 1) would.
void scale_spread(TranslationCheck& t, double factor) {
  t.std_before = Array{2.0, 3.0};
  t.std_after = factor * t.std_before;
  t.max_relative_std_change = std::abs(factor - 1);
}

VariationResults straight_line(std::size_t departure) {
  VariationResults v;
  scale_spread(v.translation, 1);
  v.exact_ratio_per_step = std::vector<double>(14, 0.1);
  v.first_departure_step = departure;
  return v;
}

}  // namespace

TEST_CASE("illustrations claims: 'pulled together' is wrong for a translation, holds for a pull",
          "[experiments][illustrations]") {
  REQUIRE(pulled_together_claim(translated(), "").verdict == "wrong");
  REQUIRE(pulled_together_claim(scaled(0.5), "").verdict == "holds");
  REQUIRE(pulled_together_claim(scaled(2), "").verdict == "not confirmed");
}

TEST_CASE("illustrations claims: 'outlier eliminated' follows the outlier's distance",
          "[experiments][illustrations]") {
  REQUIRE(outlier_claim(translated(), "").verdict == "wrong");
  REQUIRE(outlier_claim(scaled(0.5), "").verdict == "holds");
  RuleGeometry not_farthest = translated();
  not_farthest.outlier_is_farthest.back() = false;
  REQUIRE(outlier_claim(not_farthest, "").verdict == "holds");
  REQUIRE(outlier_claim(scaled(2), "").verdict == "not confirmed");
}

TEST_CASE("illustrations claims: 'dropout like L2' is decided by the two motions alone",
          "[experiments][illustrations]") {
  REQUIRE(dropout_like_l2_claim(translated(), scaled(5), "").verdict == "wrong");
  // Dropout moving the points as L2 does: the post would be right.
  REQUIRE(dropout_like_l2_claim(translated(), translated(), "").verdict == "holds");
  // Dropout not a single scaling (one point moves further): neither verdict is shown.
  const Array X = post_matrix();
  Array uneven = 25.0 * X;
  uneven(0, 0) *= 1.5;
  const RuleGeometry not_a_scaling = measure_rule({X, Array(5.0 * X), uneven}, kOutlierRow);
  REQUIRE(distance_ratio_spread(not_a_scaling) > kRelativeTolerance);
  REQUIRE(dropout_like_l2_claim(translated(), not_a_scaling, "").verdict == "not confirmed");
}

TEST_CASE("illustrations claims: the copied figure is argued, not measured",
          "[experiments][illustrations]") {
  const experiments::Claim claim = figure2_claim();
  REQUIRE(claim.kind == experiments::ClaimKind::reasoning);
  REQUIRE(claim.checks.empty());
}

TEST_CASE("illustrations claims: 'collapse, minimum after 7' flips with the spread and step 7",
          "[experiments][illustrations]") {
  const experiments::Claim wrong = collapse_claim(straight_line(9), "");
  REQUIRE(wrong.verdict == "wrong");
  REQUIRE_THAT(wrong.because, Catch::Contains("at step 9"));
  REQUIRE_THAT(collapse_claim(straight_line(0), "").because, !Catch::Contains("at step"));
  VariationResults collapse = straight_line(0);
  scale_spread(collapse.translation, 0.7);  // the spread shrinks
  collapse.exact_ratio_per_step[5] = 1.2;   // and the curve turns at step 7
  REQUIRE(collapse_claim(collapse, "").verdict == "holds");
  VariationResults growth = collapse;
  scale_spread(growth.translation, 1.3);  // a spread that grows is no collapse
  REQUIRE(collapse_claim(growth, "").verdict == "not confirmed");
  VariationResults half = straight_line(0);
  scale_spread(half.translation, 0.7);
  REQUIRE(collapse_claim(half, "").verdict == "not confirmed");
}

TEST_CASE(
    "illustrations claims: step 7 is compared with the median ratio, the mean of the two "
    "middle ones for an even count",
    "[experiments][illustrations]") {
  VariationResults v = straight_line(0);
  v.exact_ratio_per_step = {0.1, 0.4, 0.2, 0.3, 0.5, 0.25};  // sorted 0.1 0.2 0.25 0.3 0.4 0.5
  REQUIRE(median_ratio(v) == Approx(0.275).epsilon(1e-15));
  REQUIRE(ratio_into_post_step(v) == 0.25);  // v(7)/v(6), index 5
  REQUIRE_THROWS_AS(largest_relative_distance_change(RuleGeometry{}), std::invalid_argument);
}

namespace {

// Each entry of summary.json's older "verdicts" array against the claim with its id: "holds"
// must be the claim's verdict. The dropout entry also needs the inspected figure to show
// dropout, which the post's copied Figure 2 never does, so it may only hold with its claim.
void require_legacy_follows_claims(const Results& results) {
  const std::vector<experiments::Claim> all = claims(results);
  const nlohmann::json legacy = legacy_verdicts(results, all);
  REQUIRE(legacy.size() == 4);
  for (const nlohmann::json& entry : legacy) {
    const experiments::Claim& claim =
        experiments::claim_with_id(all, "illustrations." + entry["claim"].get<std::string>());
    const bool claim_holds = claim.verdict == "holds";
    const bool legacy_holds = entry["holds"].get<bool>();
    INFO(claim.id << ": claim " << claim.verdict << ", legacy " << entry["verdict"]);
    if (claim.id == "illustrations.dropout_like_l2") {
      REQUIRE((claim_holds || !legacy_holds));
    } else {
      REQUIRE(legacy_holds == claim_holds);
    }
  }
}

}  // namespace

TEST_CASE("illustrations claims: the older verdicts array holds exactly where the claims hold",
          "[experiments][illustrations]") {
  const Results computed = compute(Settings{}, 0, false);
  SECTION("as computed: every measured claim is wrong, and no older entry holds") {
    REQUIRE(claims(computed).at(4).verdict == "wrong");
    require_legacy_follows_claims(computed);
  }
  // The collapse claim driven to "holds" and "not confirmed" by its two facts: each column's
  // spread multiplied by spread_factor, and the exact curve's ratio into step 7 by turn_at_7.
  const auto changed = [&](double spread_factor, double turn_at_7) {
    Results r = computed;
    TranslationCheck& t = r.variation.translation;
    t.std_after = spread_factor * t.std_before;
    t.max_relative_std_change = std::abs(spread_factor - 1);
    r.variation.exact_ratio_per_step.at(kPostStep - 2) *= turn_at_7;
    return r;
  };
  SECTION("the spread shrinks and step 7 is special: the claim holds, and so does the entry") {
    const Results collapse = changed(0.7, 1.2);
    REQUIRE(claims(collapse).at(4).verdict == "holds");
    require_legacy_follows_claims(collapse);
  }
  SECTION("the spread grows and step 7 is special: no collapse, so not confirmed") {
    // A spread that grows is not the collapse the post describes, and the claim's "holds" text
    // says the spread shrinks: the one-sided check translation.largest_relative_std_fall fails.
    const Results growth = changed(1.3, 1.2);
    REQUIRE(claims(growth).at(4).verdict == "not confirmed");
    require_legacy_follows_claims(growth);
  }
  SECTION("only the spread changes: not confirmed, and the entry does not hold") {
    const Results half = changed(0.7, 1);
    REQUIRE(claims(half).at(4).verdict == "not confirmed");
    require_legacy_follows_claims(half);
  }
}
