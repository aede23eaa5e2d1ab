// The dynamics claims, each driven both ways from synthetic numbers.
#include <catch2/catch.hpp>

#include "experiments/dynamics/claims.hpp"

using namespace dynamics;

TEST_CASE(
    "dynamics claims: 'throw off SGD' says what was measured: slower, diverges above the bound",
    "[experiments][dynamics]") {
  SgdFacts sgd;
  StabilityFacts stability;
  REQUIRE(throw_off_claim(sgd, stability, "").verdict ==
          "right in kind, as for any constant-step SGD");
  REQUIRE_THAT(throw_off_claim(sgd, stability, "").because,
               Catch::Contains("dropout does not lower that bound"));
  stability.plain_lr_bound = 2 * stability.lr_bound;
  REQUIRE_THAT(throw_off_claim(sgd, stability, "").because,
               Catch::Contains("dropout lowers that bound from"));
  stability.diverged_at_highest = 1;
  REQUIRE(throw_off_claim(sgd, stability, "").verdict == "slower, not prevented");
  sgd.averaged_slope[1] = -0.2;  // the average would not converge at 1/√K
  REQUIRE(throw_off_claim(sgd, stability, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: the √lr stall includes L2 only when the weight-decay runs pass",
          "[experiments][dynamics]") {
  SgdFacts sgd;
  WeightDecayStallFacts wd;
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "ordinary constant-step SGD noise");
  wd.stationary_z[1] = 6;
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "∝ √lr for dropout; not confirmed for L2");
  sgd.exact_rms_ratio_over_sqrt = 1.2;
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: 'introduce noise' needs the covariance ratio above one",
          "[experiments][dynamics]") {
  REQUIRE(introduce_noise_claim(4, 1.2, "").verdict ==
          "true, and it costs a constant factor, not convergence");
  REQUIRE(introduce_noise_claim(0.9, 1.2, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Clara et al.'s noise matches its closed form, or is not confirmed",
          "[experiments][dynamics]") {
  ClaraFacts clara;
  REQUIRE(clara_claim(clara, "").verdict == "the noise is real and exactly predictable");
  clara.non_shrinking_steps = 1;
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
  clara = ClaraFacts{};
  clara.max_variance_z = 5;
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: D² = Γ is argued", "[experiments][dynamics]") {
  const experiments::Claim claim = clara_d_squared_claim();
  REQUIRE(claim.kind == experiments::ClaimKind::reasoning);
  REQUIRE(claim.verdict == "misread");
}

TEST_CASE(
    "dynamics claims: the post's weight-decay/dropout pair is matched only if it lands together",
    "[experiments][dynamics]") {
  EquivalenceFacts eq;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "the post's pair is not matched");
  eq.post_pair_ridge_distance = 0;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "matched");
  eq.max_abs_z = 9;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Wager et al.'s approximation, its failures and the s² law as checks",
          "[experiments][dynamics]") {
  WagerFacts wager;
  wager.best_abs_ratio_error = 0.001;
  wager.worst_abs_ratio_error = 0.6;
  REQUIRE(wager_claim(wager, "").verdict == "for logistic loss only approximately quadratic");
  wager.worst_abs_ratio_error = 0.05;
  REQUIRE(wager_claim(wager, "").verdict == "approximately quadratic wherever measured");
  wager.worst_abs_ratio_error = 0.6;
  wager.small_s_slope_max = 2.5;  // the error would not fall like s²
  REQUIRE(wager_claim(wager, "").verdict == "not confirmed");
}
