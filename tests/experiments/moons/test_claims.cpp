// The moons claims, each driven both ways by setting the typed summary's fields.
#include <catch2/catch.hpp>

#include "experiments/moons/claims.hpp"

using namespace moons;

namespace {

// Ten seeds on which the replay gives two constant predictors with equal accuracies, and the
// corrected models differ by `dropout_minus_weight_decay_z` standard errors.
Summary constant_replay(double dropout_minus_weight_decay_z = 40) {
  Summary s;
  s.config.seeds = 10;
  s.replay.acc_weight_decay = s.replay.acc_dropout = 0.48;
  s.replay.weight_decay_constant = s.replay.dropout_constant = true;
  s.replay.by_bug.resize(4);
  BugCase& post = s.replay.by_bug[3];
  post.weight_decay_constant_seeds = post.dropout_constant_seeds = 10;
  post.equal_accuracy_seeds = 10;
  Corrected& c = s.corrected;
  c.dropout_minus_weight_decay.mean = 0.45 * dropout_minus_weight_decay_z / 40;
  c.dropout_minus_weight_decay.se = 0.45 / 40;
  c.dropout_minus_none.mean = -0.002;
  c.dropout_minus_none.se = 0.002;
  c.none.generalisation_gap.mean = 0.001;
  c.none.generalisation_gap.se = 0.002;
  c.dropout.test.se_binomial = 0.015;
  return s;
}

// Eval-mode training loss per drop probability (rows) and seed (columns).
Summary with_sweep(std::vector<std::vector<double>> loss) {
  Summary s = constant_replay();
  s.sweep.seeds = loss.front().size();
  const std::vector<double> drop_probs = {0.0, 0.1, 0.3, 0.5, 0.7, 0.9};
  for (std::size_t k = 0; k < loss.size(); ++k) {
    SweepPoint point;
    point.value = drop_probs[k];
    point.train_loss_eval_mode_per_seed = loss[k];
    s.sweep.drop_prob.push_back(point);
  }
  return s;
}
Summary rising() {
  return with_sweep({{0.10, 0.11, 0.12},
                     {0.12, 0.13, 0.13},
                     {0.16, 0.17, 0.18},
                     {0.22, 0.23, 0.23},
                     {0.30, 0.31, 0.33},
                     {0.45, 0.47, 0.48}});
}
Summary peaked() {
  return with_sweep({{0.10, 0.11, 0.12},
                     {0.15, 0.16, 0.16},
                     {0.20, 0.21, 0.22},
                     {0.40, 0.41, 0.42},
                     {0.20, 0.21, 0.21},
                     {0.10, 0.11, 0.12}});
}

}  // namespace

TEST_CASE("moons claims: 'same accuracy' is an artefact only when the corrected models differ",
          "[experiments][moons]") {
  REQUIRE(same_accuracy_claim(constant_replay(40)).verdict == "an artefact of the bugs");
  REQUIRE(same_accuracy_claim(constant_replay(1)).verdict == "equal within noise after correction");
  Summary unequal = constant_replay(40);
  unequal.replay.acc_dropout = 0.9;
  REQUIRE(same_accuracy_claim(unequal).verdict == "not reproduced");
}

TEST_CASE("moons claims: 'further evidence' is argued, its reason following the counts",
          "[experiments][moons]") {
  const experiments::Claim constant = evidence_claim(constant_replay());
  REQUIRE(constant.kind == experiments::ClaimKind::reasoning);
  REQUIRE_THAT(constant.because, Catch::Contains("constant predictors on every seed"));
  Summary learnt = constant_replay();
  learnt.replay.by_bug[3].dropout_constant_seeds = 3;
  REQUIRE_THAT(evidence_claim(learnt).because, !Catch::Contains("constant predictors"));
  REQUIRE_THAT(evidence_claim(learnt).measured, Catch::Contains("3 of 10 (dropout)"));
}

TEST_CASE("moons claims: 'the default p is why' is wrong only when the bugs make the equality",
          "[experiments][moons]") {
  const experiments::Claim wrong = default_p_claim(constant_replay(40));
  REQUIRE(wrong.kind == experiments::ClaimKind::reasoning);
  REQUIRE(wrong.verdict == "wrong");
  REQUIRE_THAT(wrong.because, Catch::Contains("differ on 10 of 10 seeds"));
  Summary equal_without_bugs = constant_replay(40);
  equal_without_bugs.replay.by_bug[0].equal_accuracy_seeds = 10;
  REQUIRE(default_p_claim(equal_without_bugs).verdict == "unsupported");
  REQUIRE(default_p_claim(constant_replay(1)).verdict == "unsupported");
}

TEST_CASE("moons claims: 'p = 0.5 regularises most' follows the trend test over seeds",
          "[experiments][moons]") {
  const experiments::MeanSe slope = loss_slope(rising().sweep.drop_prob);
  REQUIRE(slope.mean > 0.3);
  REQUIRE(slope.z() > 3);
  REQUIRE(p_half_claim(rising()).verdict == "wrong");
  REQUIRE(half_over_others_min_z(peaked().sweep.drop_prob) > 3);
  REQUIRE(p_half_claim(peaked()).verdict == "holds");
  // Seeds that disagree: no trend, no peak.
  const Summary noisy = with_sweep({{0.3, 0.1, 0.2},
                                    {0.1, 0.3, 0.2},
                                    {0.2, 0.2, 0.1},
                                    {0.3, 0.1, 0.2},
                                    {0.1, 0.3, 0.3},
                                    {0.2, 0.1, 0.3}});
  REQUIRE(p_half_claim(noisy).verdict == "not confirmed");
}

TEST_CASE("moons claims: the sweep claim is made only when the sweep ran", "[experiments][moons]") {
  REQUIRE(moons_claims(constant_replay()).size() == 5);
  REQUIRE(moons_claims(rising()).size() == 6);
}

TEST_CASE("moons claims: 'not yet overfitted' is consistent, mixed or not confirmed",
          "[experiments][moons]") {
  Summary s = constant_replay(40);
  REQUIRE(not_overfitted_claim(s).verdict == "consistent");
  s.corrected.dropout_minus_none.mean = 0.05;
  s.corrected.dropout_minus_none.se = 0.01;
  REQUIRE(not_overfitted_claim(s).verdict == "mixed");
  s.corrected.none.generalisation_gap.mean = 0.10;
  s.corrected.none.generalisation_gap.se = 0.01;
  REQUIRE(not_overfitted_claim(s).verdict == "not confirmed");
}

TEST_CASE("moons claims: the 330-point split is inferred only when the arithmetic allows it",
          "[experiments][moons]") {
  REQUIRE(denominators_giving(0.487879, 6, 1000) == std::vector<int>{330, 660, 990});
  REQUIRE(inferred_split_claim(denominators_giving(0.487879, 6, 3000)).verdict ==
          "inferred, not printed");
  // 0.5 is given by every even n: no 330-point split follows from it.
  REQUIRE(inferred_split_claim(denominators_giving(0.5, 6, 100)).verdict == "not confirmed");
}
