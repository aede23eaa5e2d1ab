// The moons claims, each driven both ways from synthetic numbers.
#include <catch2/catch.hpp>

#include "experiments/moons/claims.hpp"

using namespace moons;

namespace {

ReplayFacts constant_replay() {
  ReplayFacts r;
  r.seeds = 10;
  r.acc_weight_decay = r.acc_dropout = 0.48;
  r.weight_decay_constant_seeds = r.dropout_constant_seeds = 10;
  r.equal_accuracy_seeds = 10;
  r.equal_accuracy_seeds_without_bugs = 0;
  return r;
}

CorrectedFacts corrected(double dropout_minus_weight_decay_z) {
  CorrectedFacts c;
  c.dropout_minus_weight_decay = {0.45 * dropout_minus_weight_decay_z / 40, 0.45 / 40};
  c.dropout_minus_none = {-0.002, 0.002};
  c.generalisation_gap = {0.001, 0.002};
  c.se_one_split = 0.015;
  return c;
}

// Eval-mode training loss per drop probability (rows) and seed (columns).
DropSweep sweep(std::vector<std::vector<double>> loss) {
  return {{0.0, 0.1, 0.3, 0.5, 0.7, 0.9}, std::move(loss)};
}
DropSweep rising() {
  return sweep({{0.10, 0.11, 0.12},
                {0.12, 0.13, 0.13},
                {0.16, 0.17, 0.18},
                {0.22, 0.23, 0.23},
                {0.30, 0.31, 0.33},
                {0.45, 0.47, 0.48}});
}
DropSweep peaked() {
  return sweep({{0.10, 0.11, 0.12},
                {0.15, 0.16, 0.16},
                {0.20, 0.21, 0.22},
                {0.40, 0.41, 0.42},
                {0.20, 0.21, 0.21},
                {0.10, 0.11, 0.12}});
}

}  // namespace

TEST_CASE("moons claims: 'same accuracy' is an artefact only when the corrected models differ",
          "[experiments][moons]") {
  REQUIRE(same_accuracy_claim(constant_replay(), corrected(40), "").verdict ==
          "an artefact of the bugs");
  REQUIRE(same_accuracy_claim(constant_replay(), corrected(1), "").verdict ==
          "equal within noise after correction");
  ReplayFacts unequal = constant_replay();
  unequal.acc_dropout = 0.9;
  REQUIRE(same_accuracy_claim(unequal, corrected(40), "").verdict == "not reproduced");
}

TEST_CASE("moons claims: 'further evidence' is argued, its reason following the counts",
          "[experiments][moons]") {
  const experiments::Claim constant = evidence_claim(constant_replay(), "");
  REQUIRE(constant.kind == experiments::ClaimKind::reasoning);
  REQUIRE_THAT(constant.because, Catch::Contains("constant predictors on every seed"));
  ReplayFacts learnt = constant_replay();
  learnt.dropout_constant_seeds = 3;
  REQUIRE_THAT(evidence_claim(learnt, "").because, !Catch::Contains("constant predictors"));
}

TEST_CASE("moons claims: 'the default p is why' is wrong only when the bugs make the equality",
          "[experiments][moons]") {
  const experiments::Claim wrong = default_p_claim(constant_replay(), corrected(40), "");
  REQUIRE(wrong.kind == experiments::ClaimKind::reasoning);
  REQUIRE(wrong.verdict == "wrong");
  ReplayFacts equal_without_bugs = constant_replay();
  equal_without_bugs.equal_accuracy_seeds_without_bugs = 10;
  REQUIRE(default_p_claim(equal_without_bugs, corrected(40), "").verdict == "unsupported");
  REQUIRE(default_p_claim(constant_replay(), corrected(1), "").verdict == "unsupported");
}

TEST_CASE("moons claims: 'p = 0.5 regularises most' follows the trend test over seeds",
          "[experiments][moons]") {
  const Paired slope = loss_slope(rising());
  REQUIRE(slope.mean > 0.3);
  REQUIRE(slope.z() > 3);
  REQUIRE(p_half_claim(rising(), "").verdict == "wrong");
  REQUIRE(half_over_others_min_z(peaked()) > 3);
  REQUIRE(p_half_claim(peaked(), "").verdict == "holds");
  // Seeds that disagree: no trend, no peak.
  const DropSweep noisy = sweep({{0.3, 0.1, 0.2},
                                 {0.1, 0.3, 0.2},
                                 {0.2, 0.2, 0.1},
                                 {0.3, 0.1, 0.2},
                                 {0.1, 0.3, 0.3},
                                 {0.2, 0.1, 0.3}});
  REQUIRE(p_half_claim(noisy, "").verdict == "not confirmed");
}

TEST_CASE("moons claims: 'not yet overfitted' is consistent, mixed or not confirmed",
          "[experiments][moons]") {
  CorrectedFacts c = corrected(40);
  REQUIRE(not_overfitted_claim(c, "").verdict == "consistent");
  c.dropout_minus_none = {0.05, 0.01};
  REQUIRE(not_overfitted_claim(c, "").verdict == "mixed");
  c.generalisation_gap = {0.10, 0.01};
  REQUIRE(not_overfitted_claim(c, "").verdict == "not confirmed");
}

TEST_CASE("moons claims: the 330-point split is inferred only when the arithmetic allows it",
          "[experiments][moons]") {
  REQUIRE(denominators_giving(0.487879, 6, 1000) == std::vector<int>{330, 660, 990});
  REQUIRE(inferred_split_claim(denominators_giving(0.487879, 6, 3000)).verdict ==
          "inferred, not printed");
  // 0.5 is given by every even n: no 330-point split follows from it.
  REQUIRE(inferred_split_claim(denominators_giving(0.5, 6, 100)).verdict == "not confirmed");
}
