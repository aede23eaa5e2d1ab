// The dynamics claims, each driven both ways by changing one typed result: from typical results
// that confirm every claim, one number is moved past its check's threshold.
#include <catch2/catch.hpp>

#include "experiments/dynamics/claims.hpp"

using namespace dynamics;

namespace {

SgdResult typical_sgd() {
  SgdResult sgd;
  for (const double lr : {0.04, 0.01}) {
    SgdAtLr r;
    r.lr = lr;
    r.averaged_slope = -0.5;
    r.averaged_slope_runs_mean = -0.5;
    r.averaged_slope_runs_se = 0.01;
    r.long_run_z = 1;
    r.stationary_z = -1;
    sgd.by_lr.push_back(r);
  }
  sgd.rms_ratio = {2, 0.01, 2, 2, 0};  // measured, SE, exact, √(lr ratio), z
  return sgd;
}

StabilityResult typical_stability() {
  StabilityResult stability;
  stability.second_moment_lr_bound = stability.plain_sgd_second_moment_lr_bound = 0.5;
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
    pair.drop_prob = k == 0 ? 0.5 : 1.0 / 11;
    pair.dropout.long_run_trace = 4;
    pair.weight_decay_sgd.long_run_trace = 1;
    eq.pairs.push_back(pair);
  }
  return eq;
}

WeightDecayStallResult typical_weight_decay_stall() {
  WeightDecayStallResult wd;
  wd.stationary_z = {0.5, -0.5};
  wd.rms_ratio = wd.exact_rms_ratio = wd.sqrt_lr_ratio = 2;
  wd.rms_ratio_se = 0.01;
  return wd;
}

ClaraResult typical_clara() {
  ClaraResult clara;
  clara.chain_mean_z = {{0.5, -1}, {0, 0}, {0, 0}};
  clara.chain_variance_z = {{1, -0.5}, {0, 0}, {0, 0}};
  clara.exact_total_variance = {4, 2, 1};
  return clara;
}

std::vector<WagerCell> typical_wager_table() {
  return {{0.1, 0.25, 1.0, 1.001, 1.001}, {0.8, 2, 1.0, 1.6, 1.6}};  // δ, s, exact, quad., ratio
}

std::vector<WagerSmallS> typical_wager_small_s() {
  std::vector<WagerSmallS> small_s(2);
  for (WagerSmallS& row : small_s) row.slope = 2;
  return small_s;
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
  stability.plain_sgd_second_moment_lr_bound = 2 * stability.second_moment_lr_bound;
  REQUIRE_THAT(throw_off_claim(sgd, stability, eq, "").because,
               Catch::Contains("dropout lowers that bound from 1"));
  stability.by_lr.back().diverged_runs = 1;
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "slower, not prevented");
  eq.pairs[0].weight_decay_sgd.long_run_trace = 5;  // dropout would be quieter
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
  eq = typical_equivalence();
  sgd.by_lr[1].averaged_slope = -0.2;  // the average would not converge at 1/√K
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
  sgd = typical_sgd();
  sgd.by_lr[0].long_run_z = 25;  // tr Σ∞ from batch means 25 SE off the exact one
  REQUIRE(throw_off_claim(sgd, stability, eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: the √lr stall includes L2 only when the weight-decay runs pass",
          "[experiments][dynamics]") {
  SgdResult sgd = typical_sgd();
  WeightDecayStallResult wd = typical_weight_decay_stall();
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "ordinary constant-step SGD noise");
  wd.stationary_z[1] = 10;  // the stall level 10 SE off the exact one
  REQUIRE(last_iterate_claim(sgd, wd, "").verdict == "∝ √lr for dropout; not confirmed for L2");
  REQUIRE_THAT(last_iterate_claim(sgd, wd, "").because,
               Catch::Contains("weight_decay.stationary_max_abs_z"));
  wd = typical_weight_decay_stall();
  wd.exact_rms_ratio = 2.2;  // exact ratio 10% off √(lr ratio)
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
  eq.pairs[1].dropout.long_run_trace = 0.9;  // at q = 1/11
  REQUIRE(introduce_noise_claim(eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Clara et al.'s noise matches its closed form, or is not confirmed",
          "[experiments][dynamics]") {
  ClaraResult clara = typical_clara();
  REQUIRE(max_abs_mean_z(clara) == 1);
  REQUIRE(max_abs_variance_z(clara) == 1);
  REQUIRE(clara_claim(clara, "").verdict == "the noise is real and exactly predictable");
  clara.exact_total_variance[2] = 2;  // halving α would not shrink the variance
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
  clara = typical_clara();
  clara.chain_variance_z[1][1] = -5;
  REQUIRE(max_abs_variance_z(clara) == 5);
  REQUIRE(clara_claim(clara, "").verdict == "not confirmed");
  clara = typical_clara();
  clara.simplified_max_error_to_ols = 1e-6;
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
               Catch::Contains("q = 0.5 matches weight_decay 2, not 0.2 (a factor 10)"));
  eq.post_pair_ridge_distance = 0;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "matched");
  eq.max_abs_z = 9;
  REQUIRE(weight_decay_match_claim(eq, "").verdict == "not confirmed");
}

TEST_CASE("dynamics claims: Wager et al.'s approximation, its failures and the s² law as checks",
          "[experiments][dynamics]") {
  std::vector<WagerCell> table = typical_wager_table();
  std::vector<WagerSmallS> small_s = typical_wager_small_s();
  const WagerExtremes e = extremes(table, small_s);
  REQUIRE(e.best_ratio_error == Approx(0.001));
  REQUIRE(e.worst_ratio_error == Approx(0.6));
  REQUIRE(wager_claim(table, small_s, "").verdict ==
          "for logistic loss only approximately quadratic");
  table[1].ratio = 1.05;  // within 10% at every cell
  REQUIRE(wager_claim(table, small_s, "").verdict == "approximately quadratic wherever measured");
  table = typical_wager_table();
  small_s[1].slope = 2.5;  // the error would not fall like s²
  REQUIRE(wager_claim(table, small_s, "").verdict == "not confirmed");
}
