// The dynamics claims, each driven both ways by changing one typed result: from typical results
// that confirm every claim, one number is moved past its check's threshold.
#include <catch2/catch.hpp>

#include "experiments/dynamics/claims.hpp"

using namespace dynamics;

namespace {

VersusExact on_target(double value) {
  return {{value, 0.01 * value}, value};
}

SgdResult typical_sgd() {
  SgdResult sgd;
  for (int i = 0; i < 2; ++i) {
    SgdAtLr r;
    r.averaged_fit.slope = -0.5;
    r.averaged_slope_runs = {-0.5, 0.01};
    r.long_run_trace = on_target(2);
    r.stationary_msq = on_target(0.04);
    sgd.by_lr.push_back(r);
  }
  sgd.rms_ratio = {2, 0.01, 2, 2};  // measured, SE, exact, √(lr ratio)
  return sgd;
}

StabilityResult typical_stability() {
  StabilityResult stability;
  stability.lr_bound = stability.plain_lr_bound = 0.5;
  stability.runs = 8;
  for (const double factor : {1.0, 1.5, 3.0}) {
    BlowUpAtLr at;
    at.lr_over_bound = factor;
    at.diverged_runs = factor > 1 ? 8 : 0;
    stability.by_lr.push_back(at);
  }
  return stability;
}

EquivalenceResult typical_equivalence() {
  EquivalenceResult eq;
  eq.wd_for_q_half = 2;
  eq.post_pair_ridge_distance = 0.2;
  for (int k = 0; k < 2; ++k) {
    EquivalencePair pair;
    pair.dropout.long_run_trace = on_target(4);
    pair.weight_decay_sgd.long_run_trace = on_target(1);
    eq.pairs.push_back(pair);
  }
  return eq;
}

WeightDecayStallResult typical_weight_decay_stall() {
  WeightDecayStallResult wd;
  wd.stationary_msq = {on_target(0.004), on_target(0.001)};
  wd.rms_ratio = {2, 0.01, 2, 2};
  return wd;
}

ClaraResult typical_clara() {
  ClaraResult clara;
  for (const double total_variance : {4.0, 2.0, 1.0}) {
    ClaraAtAlpha r;
    r.chain_mean_z = {0.5, -1};
    r.chain_variance_z = {1, -0.5};
    r.exact_total_variance = total_variance;
    clara.by_alpha.push_back(r);
  }
  return clara;
}

WagerResult typical_wager() {
  WagerResult wager;
  wager.table = {{0.1, 0.25, 1.0, 1.001}, {0.8, 2, 1.0, 1.6}};  // δ, s, exact, quadratic
  for (const double delta : {0.1, 0.5}) {
    WagerSmallS row;
    row.delta = delta;
    row.slope = 2;
    wager.small_s.push_back(row);
  }
  return wager;
}

}  // namespace

TEST_CASE(
    "dynamics claims: 'throw off SGD' says what was measured: slower, diverges above the bound",
    "[experiments][dynamics]") {
  SgdResult sgd = typical_sgd();
  StabilityResult stability = typical_stability();
  EquivalenceResult eq = typical_equivalence();
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict ==
          "right in kind, as for any constant-step SGD");
  REQUIRE_THAT(throw_off_claim(sgd, stability, eq, "").because,
               Catch::Contains("dropout does not lower that bound") &&
                   Catch::Contains("by the factor 4 in steps") &&
                   Catch::Contains("8 of 8 runs diverge"));
  stability.plain_lr_bound = 2 * stability.lr_bound;
  REQUIRE_THAT(throw_off_claim(sgd, stability, eq, "").because,
               Catch::Contains("dropout lowers that bound from 1"));
  stability.by_lr.back().diverged_runs = 1;
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "slower, not prevented");
  eq.pairs[0].weight_decay_sgd.long_run_trace.measured.mean = 5;  // dropout would be quieter
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
  eq = typical_equivalence();
  sgd.by_lr[1].averaged_fit.slope = -0.2;  // the average would not converge at 1/√K
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
  sgd = typical_sgd();
  sgd.by_lr[0].long_run_trace.measured.mean = 2.5;  // 25 SE from the exact tr Σ∞
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: the √lr stall includes L2 only when the weight-decay runs pass",
          "[experiments][dynamics]") {
  SgdResult sgd = typical_sgd();
  WeightDecayStallResult wd = typical_weight_decay_stall();
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "ordinary constant-step SGD noise");
  wd.stationary_msq[1].measured.mean = 0.0011;  // 10 SE from the exact stall level
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "∝ √lr for dropout; not confirmed for L2");
  REQUIRE_THAT(last_iterate_claim(sgd, wd, "").because,
               Catch::Contains("weight_decay.stationary_max_abs_z"));
  wd = typical_weight_decay_stall();
  wd.rms_ratio.exact = 2.2;  // exact ratio 10% off √(lr ratio)
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "∝ √lr for dropout; not confirmed for L2");
  sgd.rms_ratio.exact = 2.4;
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: 'introduce noise' needs the covariance ratio above one",
          "[experiments][dynamics]") {
  EquivalenceResult eq = typical_equivalence();
  REQUIRE(introduce_noise_claim(eq, "").verdict ==
          "true, and it costs a constant factor, not convergence");
  REQUIRE_THAT(introduce_noise_claim(eq, "").because, Catch::Contains("covariance is 4×"));
  eq.pairs[1].dropout.long_run_trace.measured.mean = 0.9;  // at q = 1/11
  REQUIRE(introduce_noise_claim(eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Clara et al.'s noise matches its closed form, or is not confirmed",
          "[experiments][dynamics]") {
  ClaraResult clara = typical_clara();
  REQUIRE(max_abs_mean_z(clara) == 1);
  REQUIRE(max_abs_variance_z(clara) == 1);
  REQUIRE(clara_claim(clara, "").verdict == "the noise is real and exactly predictable");
  clara.by_alpha[2].exact_total_variance = 2;  // halving α would not shrink the variance
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
  clara = typical_clara();
  clara.by_alpha[1].chain_variance_z[1] = -5;
  REQUIRE(max_abs_variance_z(clara) == 5);
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
  clara = typical_clara();
  clara.simplified.max_error_to_ols = 1e-6;
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
  EquivalenceResult eq = typical_equivalence();
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "the post's pair is not matched");
  REQUIRE_THAT(weight_decay_match_claim(eq, "").because,
               Catch::Contains("matches weight_decay 2, not 0.2 (a factor 10)"));
  eq.post_pair_ridge_distance = 0;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "matched");
  eq.max_abs_z = 9;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Wager et al.'s approximation, its failures and the s² law as checks",
          "[experiments][dynamics]") {
  WagerResult wager = typical_wager();
  const WagerExtremes e = extremes(wager);
  REQUIRE(e.best_ratio_error == Approx(0.001));
  REQUIRE(e.worst_ratio_error == Approx(0.6));
  REQUIRE(wager_claim(wager, "").verdict == "for logistic loss only approximately quadratic");
  wager.table[1].quadratic = 1.05;  // within 10% at every cell
  REQUIRE(wager_claim(wager, "").verdict == "approximately quadratic wherever measured");
  wager = typical_wager();
  wager.small_s[1].slope = 2.5;  // the error would not fall like s²
  REQUIRE(wager_claim(wager, "").verdict == "not confirmed");
}
