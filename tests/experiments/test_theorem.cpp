// The theorem experiment, run as a user runs it (--quick), and its summary.json checked.
#include <cmath>
#include <fstream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "claims_in_report.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/theorem/claims.hpp"
#include "experiments/theorem/theorem.hpp"
#include "run_command.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

using nlohmann::json;

namespace {
const std::string kTheorem = test::experiment_binary();

json run_quick(const std::string& name, std::uint64_t seed = 0) {
  const auto dir = test::fresh_directory(name);
  const auto result = test::run_command(kTheorem + " --quick --seed " + std::to_string(seed) +
                                        " --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return json::parse(test::read_file(dir / "summary.json"));
}

const char* const kDesigns[] = {"design_A", "design_gaussian"};
const char* const kConventions[] = {"srivastava", "inverted"};
}  // namespace

TEST_CASE("theorem: enumerating every mask gives the closed form to 1e-12, both conventions",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_enumerated");
  for (const char* design : kDesigns) {
    for (const char* convention : kConventions) {
      const json& r = summary[design][convention];
      INFO(design << " " << convention << ": closed form " << r["closed_form"] << ", enumerated "
                  << r["enumerated"]);
      REQUIRE(std::abs(r["enumerated"].get<double>() - r["closed_form"].get<double>()) <=
              1e-12 * std::abs(r["closed_form"].get<double>()));
    }
  }
}

TEST_CASE("theorem: Monte Carlo mean and variance lie within 4 standard errors of the exact ones",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_mc");
  for (const char* design : kDesigns) {
    for (const char* convention : kConventions) {
      const json& r = summary[design][convention];
      INFO(design << " " << convention << ": " << r.dump());
      const double z =
          (r["mc_mean"].get<double>() - r["closed_form"].get<double>()) / r["mc_se"].get<double>();
      REQUIRE(std::abs(z) <= 4);
      const double variance_z =
          (r["sample_variance"].get<double>() - r["exact_variance"].get<double>()) /
          r["sample_variance_se"].get<double>();
      REQUIRE(std::abs(variance_z) <= 4);
      REQUIRE(r["mc_draws"].get<std::size_t>() == summary["config"]["draws"].get<std::size_t>());
    }
  }
}

TEST_CASE("theorem: the mean of backward() over masks is the marginalised loss's gradient",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_gradient");
  for (const char* design : kDesigns) {
    const json& g = summary[design]["gradient"];
    INFO(design << ": " << g.dump());
    const auto closed = g["closed_form"].get<std::vector<double>>();
    const auto enumerated = g["enumerated"].get<std::vector<double>>();
    const auto mc_mean = g["mc_mean"].get<std::vector<double>>();
    const auto mc_se = g["mc_se"].get<std::vector<double>>();
    for (std::size_t j = 0; j < closed.size(); ++j) {
      REQUIRE(std::abs(enumerated[j] - closed[j]) <= 1e-12 * (1 + std::abs(closed[j])));
      REQUIRE(std::abs(mc_mean[j] - closed[j]) <= 4 * mc_se[j]);
    }
  }
}

// Ridge with a penalty per feature, (XᵀX + diag(λ))v = Xᵀy, solved here by Gaussian
// elimination with partial pivoting: a route independent of the experiment's LAPACK solves.
std::vector<double> ridge_by_elimination(const autograd::Array& X, const autograd::Array& y,
                                         const std::vector<double>& penalties) {
  const std::size_t n = X.shape()[0], d = X.shape()[1];
  std::vector<std::vector<double>> a(d, std::vector<double>(d + 1, 0.0));
  for (std::size_t j = 0; j < d; ++j) {
    for (std::size_t k = 0; k < d; ++k) {
      for (std::size_t i = 0; i < n; ++i) a[j][k] += X(i, j) * X(i, k);
    }
    a[j][j] += penalties[j];
    for (std::size_t i = 0; i < n; ++i) a[j][d] += X(i, j) * y(i);
  }
  for (std::size_t c = 0; c < d; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < d; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    }
    std::swap(a[c], a[pivot]);
    for (std::size_t r = c + 1; r < d; ++r) {
      const double factor = a[r][c] / a[c][c];
      for (std::size_t k = c; k <= d; ++k) a[r][k] -= factor * a[c][k];
    }
  }
  std::vector<double> v(d);
  for (std::size_t c = d; c-- > 0;) {
    double rest = a[c][d];
    for (std::size_t k = c + 1; k < d; ++k) rest -= a[c][k] * v[k];
    v[c] = rest / a[c][c];
  }
  return v;
}

TEST_CASE("theorem: gradient descent reaches w*, and p·w* is a per-feature ridge fit solved apart",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_minimiser");
  const double p = summary["config"]["retain_prob"];
  const json& gaussian_config = summary["config"]["gaussian_design"];
  const datasets::Dataset a = datasets::design_A();
  const datasets::Dataset gaussian = datasets::make_gaussian_regression(
      gaussian_config["N"], gaussian_config["column_scales"].get<std::vector<double>>(),
      gaussian_config["true_weights"].get<std::vector<double>>(), gaussian_config["noise"],
      experiments::derive_seed(summary["config"]["seed"], 0));
  for (const auto& [design, data] :
       {std::pair<const char*, const datasets::Dataset&>{"design_A", a},
        {"design_gaussian", gaussian}}) {
    const json& m = summary[design]["minimiser"];
    INFO(design << ": " << m.dump());
    REQUIRE(m["gd_max_error"].get<double>() <= 1e-10);
    // The ridge penalties from the design itself: λ_j = ((1−p)/p)·Σ_i x_ij².
    std::vector<double> penalties(data.X.shape()[1], 0.0);
    for (std::size_t j = 0; j < penalties.size(); ++j) {
      for (std::size_t i = 0; i < data.X.shape()[0]; ++i)
        penalties[j] += data.X(i, j) * data.X(i, j);
      penalties[j] *= (1 - p) / p;
    }
    const std::vector<double> ridge = ridge_by_elimination(data.X, data.y, penalties);
    const auto deployed = m["deployed"].get<std::vector<double>>();
    REQUIRE(deployed.size() == ridge.size());
    for (std::size_t j = 0; j < ridge.size(); ++j) {
      REQUIRE(deployed[j] == Approx(ridge[j]).epsilon(1e-9).margin(1e-12));
    }
  }
}

TEST_CASE("theorem: p(1-p) is symmetric but the deployed shrinkage is monotone in p",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_sweep");
  const json& sweep = summary["p_sweep"];
  auto row = [&](double p) {
    for (const json& r : sweep) {
      if (std::abs(r["retain_prob"].get<double>() - p) < 1e-12) return r;
    }
    FAIL("p = " << p << " missing from p_sweep");
    return json();
  };
  for (double p : {0.05, 0.2, 0.5, 0.8, 0.95}) REQUIRE_FALSE(row(p).is_null());
  REQUIRE(row(0.2)["penalty_factor"].get<double>() ==
          Approx(row(0.8)["penalty_factor"].get<double>()).epsilon(1e-14));
  REQUIRE(row(0.2)["deployed_gamma_norm"].get<double>() <
          row(0.5)["deployed_gamma_norm"].get<double>());
  REQUIRE(row(0.5)["deployed_gamma_norm"].get<double>() <
          row(0.8)["deployed_gamma_norm"].get<double>());
  double previous = 0;
  for (const json& r : sweep) {
    REQUIRE(r["deployed_gamma_norm"].get<double>() > previous);
    previous = r["deployed_gamma_norm"].get<double>();
  }
}

TEST_CASE("theorem: the same seed writes a byte-identical summary.json on 1 and on 2 threads",
          "[experiments][theorem][ex9][ex9.2]") {
  const auto first = test::fresh_directory("theorem_same_seed_1");
  const auto second = test::fresh_directory("theorem_same_seed_2");
  for (const auto& [dir, threads] : {std::pair{first, "1"}, std::pair{second, "2"}}) {
    const auto result = test::run_command(kTheorem + " --quick --seed 5 --threads " + threads +
                                          " --out " + dir.string());
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
  }
  REQUIRE(test::read_file(first / "summary.json") == test::read_file(second / "summary.json"));
}

TEST_CASE("theorem: bad usage prints the usage, names the option and exits with 2",
          "[experiments][theorem]") {
  const std::pair<const char*, const char*> cases[] = {{"--bogus", "--bogus"},
                                                       {"--draws", "--draws"},
                                                       {"--draws 12abc", "--draws"},
                                                       {"--seed -3", "--seed"},
                                                       {"--retain-prob 1.5", "--retain-prob"},
                                                       {"--retain-prob 0", "--retain-prob"},
                                                       {"--quick=yes", "--quick"},
                                                       {"--draws 1", "--draws"},
                                                       {"--gradient-draws 1", "--gradient-draws"},
                                                       {"--threads 0", "--threads"}};
  for (const auto& [args, option] : cases) {
    const auto result = test::run_command(kTheorem + " " + args);
    INFO("arguments: " << args << "\n" << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE_THAT(result.output, Catch::Contains("usage: theorem"));
    REQUIRE_THAT(result.output, Catch::Contains(option));
  }
  const auto help = test::run_command(kTheorem + " --help");
  REQUIRE(help.exit_code == 0);
  REQUIRE_THAT(help.output, Catch::Contains("--retain-prob"));
}

TEST_CASE("theorem: --quick lowers the draws, and a flag given with it wins",
          "[experiments][theorem][ex9][ex9.2]") {
  const auto dir = test::fresh_directory("theorem_quick_flags");
  const auto result = test::run_command(kTheorem + " --draws 3000 --quick --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const json summary = json::parse(test::read_file(dir / "summary.json"));
  REQUIRE(summary["config"]["draws"] == 3000);
  REQUIRE(summary["config"]["gradient_draws"] == 5000);
  REQUIRE(summary["config"]["quick"] == true);
  REQUIRE(summary["design_A"]["srivastava"]["mc_draws"] == 3000);
}

TEST_CASE("theorem: an unwritable --out is a one-line error and exit code 1",
          "[experiments][theorem]") {
  const auto result = test::run_command(kTheorem + " --quick --out /proc/no_such_dir/out");
  INFO(result.output);
  REQUIRE(result.exit_code == 1);
  REQUIRE_THAT(result.output, Catch::Contains("cannot create output directory"));
}

// ---- the claims: summary.json carries them, the report renders them, each can flip

namespace {

using theorem::DesignResult;

// Results of a design on which every check passes: exact identities, small z's, column norms
// spread by a factor 400, and a deployed shrinkage that grows at every step as p falls.
DesignResult passing(const std::string& key) {
  DesignResult d;
  d.key = key;
  d.srivastava.closed_form = 2.0;
  d.srivastava.mc_mean = 2.001;
  d.srivastava.mc_se = 0.001;
  d.srivastava.mc_draws = 1000;
  d.srivastava.enumerated_rel_error = 1e-15;
  d.srivastava.mc_z = 1.0;
  d.inverted.closed_form = 3.0;
  d.inverted.enumerated_rel_error = 1e-15;
  d.inverted.mc_z = -1.0;
  d.gradient.mc_max_abs_z = 2.0;
  d.gradient.enumerated_max_rel_error = 1e-15;
  d.minimiser.gd_max_error = 1e-12;
  d.minimiser.deployed_vs_ridge_max_abs_difference = 1e-14;
  d.gamma_squared = autograd::Array{1.0, 400.0};
  for (int k = 1; k <= 9; ++k) {
    theorem::SweepRow row;
    row.retain_prob = k / 10.0;
    row.deployed_gamma_norm = k;
    row.deployed_gamma_norm_over_ols = k / 10.0;
    d.p_sweep.push_back(row);
  }
  return d;
}

}  // namespace

// It runs the theorem executable, which reaches the exercise 9 code: tagged as its siblings.
TEST_CASE("theorem: summary.json has a claim per verdict, and section.md renders them",
          "[experiments][theorem][ex9][ex9.2]") {
  const auto dir = test::fresh_directory("theorem_claims");
  const auto result = test::run_command(kTheorem + " --quick --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const json summary = json::parse(test::read_file(dir / "summary.json"));
  const std::string section = test::read_file(dir / "section.md");
  const json& claims = summary["claims"];
  REQUIRE(claims.size() == 5);
  REQUIRE(test::require_claims_rendered(claims, section) == 0);  // every claim measured
  // On the real designs: the identity holds, the ridge form is per feature, p = 0.5 is wrong.
  REQUIRE(claims[0]["verdict"] == "holds");
  REQUIRE(claims[1]["verdict"] == "holds");
  REQUIRE(claims[2]["verdict"] == "holds only in a qualified form");
  REQUIRE(claims[3]["verdict"] == "wrong");
  REQUIRE(claims[4]["verdict"] == "conventions confused");
}

TEST_CASE("theorem: the identity claim flips to not confirmed when a check fails",
          "[experiments][theorem]") {
  DesignResult a = passing("design_A"), g = passing("design_gaussian");
  REQUIRE(theorem::identity_claim(a, g).verdict == "holds");
  a.srivastava.mc_z = 4.5;
  REQUIRE(theorem::identity_claim(a, g).verdict == "not confirmed");
  a = passing("design_A");
  g.srivastava.enumerated_rel_error = 1e-9;
  REQUIRE(theorem::identity_claim(a, g).verdict == "not confirmed");
}

TEST_CASE("theorem: the minimiser claim depends on the gradient's Monte Carlo z",
          "[experiments][theorem]") {
  DesignResult a = passing("design_A"), g = passing("design_gaussian");
  REQUIRE(theorem::minimiser_claim(a, g).verdict == "holds");
  g.gradient.mc_max_abs_z = 6;
  const experiments::Claim failed = theorem::minimiser_claim(a, g);
  REQUIRE(failed.verdict == "not confirmed");
  REQUIRE_THAT(failed.because, Catch::Contains("design_gaussian.gradient_mc_max_abs_z = 6"));
  g = passing("design_gaussian");
  a.minimiser.gd_max_error = 1e-6;
  REQUIRE(theorem::minimiser_claim(a, g).verdict == "not confirmed");
}

TEST_CASE("theorem: the ridge claim is qualified, plain, or not confirmed by its checks",
          "[experiments][theorem]") {
  DesignResult a = passing("design_A"), g = passing("design_gaussian");
  REQUIRE(theorem::ridge_claim(a, g).verdict == "holds only in a qualified form");
  g.gamma_squared = autograd::Array{3.0, 3.0};  // equal column norms: ‖w‖² ridge
  REQUIRE(theorem::ridge_claim(a, g).verdict == "holds");
  a.minimiser.deployed_vs_ridge_max_abs_difference = 1e-3;
  REQUIRE(theorem::ridge_claim(a, g).verdict == "not confirmed");
}

TEST_CASE("theorem: the p = 0.5 claim is wrong only when shrinkage is monotone on both designs",
          "[experiments][theorem]") {
  DesignResult a = passing("design_A"), g = passing("design_gaussian");
  REQUIRE(theorem::non_monotone_steps(a) == 0);
  REQUIRE(theorem::p_half_claim(a, g).verdict == "wrong");
  // One step of the grid where the shrinkage does not grow as p falls: not monotone.
  std::swap(g.p_sweep[6].deployed_gamma_norm, g.p_sweep[7].deployed_gamma_norm);
  REQUIRE(theorem::non_monotone_steps(g) == 1);
  REQUIRE(theorem::p_half_claim(a, g).verdict == "not confirmed");
  // The strongest shrinkage at p = 0.5 on both designs: the post would be right.
  for (DesignResult* d : {&a, &g}) {
    const double norms[] = {5, 4, 3, 2, 1, 2, 3, 4, 5};
    for (std::size_t k = 0; k < d->p_sweep.size(); ++k)
      d->p_sweep[k].deployed_gamma_norm = norms[k];
  }
  REQUIRE(theorem::strongest_shrinkage_retain_prob(a) == 0.5);
  REQUIRE(theorem::p_half_claim(a, g).verdict == "holds");
}

TEST_CASE("theorem: the conventions claim is decided by the inverted-convention checks",
          "[experiments][theorem]") {
  DesignResult a = passing("design_A"), g = passing("design_gaussian");
  REQUIRE(theorem::conventions_claim(a, g, 0.7).verdict == "conventions confused");
  g.inverted.mc_z = 7;
  REQUIRE(theorem::conventions_claim(a, g, 0.7).verdict == "not confirmed");
  g = passing("design_gaussian");
  a.inverted.closed_form = a.srivastava.closed_form;  // the two marginal losses would coincide
  REQUIRE(theorem::conventions_claim(a, g, 0.7).verdict == "not confirmed");
}
