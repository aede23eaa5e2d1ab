// The illustrations' claims, each driven both ways from synthetic measurements.
#include <catch2/catch.hpp>

#include "experiments/illustrations/claims.hpp"

using namespace illustrations;

namespace {

// The post's three points, translated (L2) or scaled by 5 (dropout), as the post's code does.
Motion translated() {
  return {{2.2360679774997898, 6.7082039324993694, 4.4721359549995796},
          {2.2360679774997898, 6.7082039324993694, 4.4721359549995796},
          {4.9, 4.9, 4.9},
          true};
}
Motion scaled(double factor) {
  Motion m = translated();
  for (double& d : m.last_distances) d *= factor;
  m.outlier_distance_from_others.back() *= factor;
  return m;
}
Motion pulled() {
  Motion m = scaled(0.5);
  return m;
}

VariationMeasurements straight_line(std::size_t departure) {
  return {1e-15, std::vector<double>(14, 0.1), departure};
}

}  // namespace

TEST_CASE("illustrations claims: 'pulled together' is wrong for a translation, holds for a pull",
          "[experiments][illustrations]") {
  REQUIRE(pulled_together_claim(translated(), "").verdict == "wrong");
  REQUIRE(pulled_together_claim(pulled(), "").verdict == "holds");
  REQUIRE(pulled_together_claim(scaled(2), "").verdict == "not confirmed");
}

TEST_CASE("illustrations claims: 'outlier eliminated' follows the outlier's distance",
          "[experiments][illustrations]") {
  REQUIRE(outlier_claim(translated(), "").verdict == "wrong");
  REQUIRE(outlier_claim(pulled(), "").verdict == "holds");
  Motion not_farthest = translated();
  not_farthest.outlier_still_farthest = false;
  REQUIRE(outlier_claim(not_farthest, "").verdict == "holds");
  REQUIRE(outlier_claim(scaled(2), "").verdict == "not confirmed");
}

TEST_CASE("illustrations claims: 'dropout like L2' is decided by the two motions alone",
          "[experiments][illustrations]") {
  REQUIRE(dropout_like_l2_claim(translated(), scaled(5), "").verdict == "wrong");
  // Dropout moving the points as L2 does: the post would be right.
  REQUIRE(dropout_like_l2_claim(translated(), translated(), "").verdict == "holds");
  // Dropout not a single scaling (one distance grows more): neither verdict is shown.
  Motion uneven = scaled(5);
  uneven.last_distances[0] *= 1.5;
  REQUIRE(dropout_like_l2_claim(translated(), uneven, "").verdict == "not confirmed");
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
  VariationMeasurements collapse = straight_line(0);
  collapse.max_relative_std_change = 0.3;  // the spread shrinks
  collapse.exact_ratio_per_step[5] = 1.2;  // and the curve turns at step 7
  REQUIRE(collapse_claim(collapse, "").verdict == "holds");
  VariationMeasurements half = straight_line(0);
  half.max_relative_std_change = 0.3;
  REQUIRE(collapse_claim(half, "").verdict == "not confirmed");
}
