// The weight-decay claims, each measured verdict driven both ways from synthetic typed results.
#include <catch2/catch.hpp>

#include "experiments/weight_decay/claims.hpp"

using namespace weight_decay;

namespace {

// Both L2 routes differing by `difference`; one scale at which Adam + L2 and AdamW differ from
// ridge by the given shrinkage factors (feature 0 and the distance over all features), and
// AdamW meets the box's KKT conditions to `box`.
LinearResults linear(double difference, double adam_gap, double adamw_gap, double box) {
  LinearResults r;
  r.lambda = 0.5;
  for (const char* optimizer : {"SGD", "Adam"}) {
    r.equalities.push_back({"linear design", optimizer, 100, 0.5, difference, 1.0});
  }
  ScaleResult s;
  s.scale = 0.1;
  s.ols = {10, 1, 1};
  s.ridge = {0.4, 0.8, 0.8};
  s.adam_l2 = {0.4 + 10 * adam_gap, 0.8, 0.8};
  s.adamw = {0.4 + 10 * adamw_gap, 0.8, 0.8};
  s.adam_l2_to_ridge = adam_gap;
  s.adamw_to_ridge = adamw_gap;
  s.adamw_box_residual = box;
  r.scales = {s, s};
  r.scales[1].scale = 10;
  return r;
}

MoonsResults equalities(double difference) {
  MoonsResults m;
  for (const char* optimizer : {"SGD", "Adam"}) {
    m.equalities.push_back({"moons MLP", optimizer, 100, 0.2, difference, 1.0});
  }
  return m;
}

MoonsSettings small_grids() {
  MoonsSettings s;
  s.sgd_weight_decays = s.adam_l2_weight_decays = {0.1, 1.0};
  s.adamw_weight_decays = {0.1, 1.0, 10.0};
  s.drop_probs = {0.5};
  s.common_lambda = 0.1;
  return s;
}

// Four seeds at accuracy `accuracy` (± 0.01 alternately), of which `constant` are constant.
SweepPoint make_point(Method method, double strength, double accuracy, std::size_t constant) {
  SweepPoint p;
  p.method = method;
  p.strength = strength;
  for (std::size_t k = 0; k < 4; ++k) {
    SeedRun run;
    run.test_accuracy = accuracy + (k % 2 ? 0.01 : -0.01) * (1 + k);
    run.constant = k < constant;
    p.runs.push_back(run);
    p.constant_seeds += run.constant;
  }
  p.test_accuracy = {accuracy, 0.01};
  return p;
}

// SGD collapses from `sgd_collapse`, Adam + L2 from `adam_collapse`, AdamW from
// `adamw_collapse` (0: nowhere); AdamW's accuracy at λ = 0.1 is SGD's plus `adamw_gain`; dropout
// collapses at 0.5 when `dropout_collapses`.
MoonsResults sweep(double sgd_collapse, double adam_collapse, double adamw_collapse,
                   double adamw_gain, bool dropout_collapses) {
  const MoonsSettings s = small_grids();
  MoonsResults m = equalities(0);
  const double collapse_at[] = {sgd_collapse, adam_collapse, adamw_collapse};
  for (const Method method : kMethods) {
    std::vector<double> grid{0.0};
    grid.insert(grid.end(), s.grid(method).begin(), s.grid(method).end());
    for (const double strength : grid) {
      const bool collapsed = method == Method::adam_dropout
                                 ? dropout_collapses && strength > 0
                                 : collapse_at[static_cast<int>(method)] > 0 &&
                                       strength >= collapse_at[static_cast<int>(method)];
      const double gain = method == Method::adamw && strength == 0.1 ? adamw_gain : 0;
      m.points.push_back(
          make_point(method, strength, collapsed ? 0.5 : 0.8 + gain, collapsed ? 4 : 0));
    }
  }
  return m;
}

}  // namespace

TEST_CASE(
    "weight_decay claims: SGD's and Adam's weight_decay are L2 only when the two routes "
    "agree",
    "[experiments][weight_decay]") {
  REQUIRE(sgd_claim(linear(0, 0, 0.2, 0), equalities(0)).verdict == "holds");
  REQUIRE(sgd_claim(linear(1e-6, 0, 0.2, 0), equalities(0)).verdict == "not confirmed");
  REQUIRE(sgd_claim(linear(0, 0, 0.2, 0), equalities(1e-9)).verdict == "not confirmed");
  REQUIRE(adam_l2_claim(linear(0, 0, 0.2, 0), equalities(0)).verdict == "holds");
  REQUIRE(adam_l2_claim(linear(0, 0, 0.2, 0), equalities(1e-3)).verdict == "not confirmed");
}

TEST_CASE("weight_decay claims: AdamW is not L2 only when its end point is away from ridge",
          "[experiments][weight_decay]") {
  const auto on_box = adamw_not_l2_claim(linear(0, 0, 0.2, 1e-4));
  REQUIRE(on_box.verdict == "wrong");
  REQUIRE_THAT(on_box.because, Catch::Contains("in the box"));
  const auto off_box = adamw_not_l2_claim(linear(0, 0, 0.2, 0.5));
  REQUIRE(off_box.verdict == "wrong");
  REQUIRE_THAT(off_box.because, Catch::Contains("nor the box"));
  REQUIRE(adamw_not_l2_claim(linear(0, 0, 0.01, 1e-4)).verdict == "not confirmed");
}

TEST_CASE("weight_decay claims: Adam + L2 ends at ridge only when its factors match",
          "[experiments][weight_decay]") {
  REQUIRE(adam_l2_end_point_claim(linear(0, 1e-9, 0.2, 0)).verdict ==
          "true of each step, not of the end point");
  REQUIRE(adam_l2_end_point_claim(linear(0, 0.1, 0.2, 0)).verdict == "not confirmed");
}

TEST_CASE("weight_decay claims: the rescaling verdict follows which method tracks ridge",
          "[experiments][weight_decay]") {
  REQUIRE(rescaling_claim(linear(0, 0, 0.2, 0)).verdict == "wrong (the other way round)");
  REQUIRE(rescaling_claim(linear(0, 0.2, 0, 0)).verdict == "holds");
  REQUIRE(rescaling_claim(linear(0, 0, 0, 0)).verdict == "wrong");
  REQUIRE(rescaling_claim(linear(0, 0.2, 0.2, 0)).verdict == "not confirmed");
}

TEST_CASE(
    "weight_decay claims: the same number is different regularisation only when AdamW "
    "collapses later and scores differently",
    "[experiments][weight_decay]") {
  const MoonsSettings s = small_grids();
  const auto differs = same_number_claim(s, sweep(1.0, 1.0, 10.0, 0.1, false));
  REQUIRE(differs.verdict == "wrong");
  REQUIRE_THAT(differs.because, Catch::Contains("collapses at the same λ as SGD"));
  const auto adam_differs = same_number_claim(s, sweep(1.0, 0.1, 0, 0.1, false));
  REQUIRE(adam_differs.verdict == "wrong");
  REQUIRE_THAT(adam_differs.because, Catch::Contains("another λ than SGD"));
  // Same collapse, or no accuracy difference beyond 3 SE: not confirmed.
  REQUIRE(same_number_claim(s, sweep(1.0, 1.0, 1.0, 0.1, false)).verdict == "not confirmed");
  REQUIRE(same_number_claim(s, sweep(1.0, 1.0, 10.0, 0.0, false)).verdict == "not confirmed");
}

TEST_CASE(
    "weight_decay claims: dropout has no equivalent lambda only when it never collapses "
    "and every weight decay does",
    "[experiments][weight_decay]") {
  const MoonsSettings s = small_grids();
  REQUIRE(dropout_claim(s, sweep(1.0, 1.0, 10.0, 0.1, false)).verdict ==
          "no equivalent λ on the MLP");
  REQUIRE(dropout_claim(s, sweep(1.0, 1.0, 10.0, 0.1, true)).verdict == "not confirmed");
  REQUIRE(dropout_claim(s, sweep(1.0, 1.0, 0, 0.1, false)).verdict == "not confirmed");
}

TEST_CASE("weight_decay claims: every claim has an id and the argued row is marked reasoning",
          "[experiments][weight_decay]") {
  Settings settings;
  settings.moons = small_grids();
  const auto claims = all_claims(settings, linear(0, 0, 0.2, 0), sweep(1.0, 1.0, 10.0, 0.1, false));
  REQUIRE(claims.size() == 8);
  std::size_t reasoning = 0;
  for (const auto& c : claims) {
    REQUIRE(c.id.rfind("weight_decay.", 0) == 0);
    reasoning += c.kind == experiments::ClaimKind::reasoning;
  }
  REQUIRE(reasoning == 1);
}
