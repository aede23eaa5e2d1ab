// The theorem experiment, run as a user runs it (--quick), and its summary.json checked.
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

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

TEST_CASE("theorem: gradient descent reaches w* to 1e-10, and p·w* is the per-feature ridge fit",
          "[experiments][theorem][ex9][ex9.2]") {
  const json summary = run_quick("theorem_minimiser");
  const double p = summary["config"]["retain_prob"];
  for (const char* design : kDesigns) {
    const json& m = summary[design]["minimiser"];
    INFO(design << ": " << m.dump());
    REQUIRE(m["gd_max_error"].get<double>() <= 1e-10);
    REQUIRE(m["deployed_vs_ridge_max_abs_difference"].get<double>() <= 1e-10);
    const auto w_star = m["w_star"].get<std::vector<double>>();
    const auto deployed = m["deployed"].get<std::vector<double>>();
    for (std::size_t j = 0; j < w_star.size(); ++j) REQUIRE(deployed[j] == p * w_star[j]);
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

TEST_CASE("theorem: the same seed writes a byte-identical summary.json",
          "[experiments][theorem][ex9][ex9.2]") {
  const auto first = test::fresh_directory("theorem_same_seed_1");
  const auto second = test::fresh_directory("theorem_same_seed_2");
  for (const auto& dir : {first, second}) {
    const auto result = test::run_command(kTheorem + " --quick --seed 5 --out " + dir.string());
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
  }
  REQUIRE(test::read_file(first / "summary.json") == test::read_file(second / "summary.json"));
}

TEST_CASE("theorem: bad usage prints the usage and exits with 2", "[experiments][theorem]") {
  for (const std::string args :
       {"--bogus", "--draws", "--draws 12abc", "--seed -3", "--retain-prob 1.5", "--quick=yes"}) {
    const auto result = test::run_command(kTheorem + " " + args);
    INFO("arguments: " << args << "\n" << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE_THAT(result.output, Catch::Contains("usage: theorem"));
  }
  const auto help = test::run_command(kTheorem + " --help");
  REQUIRE(help.exit_code == 0);
  REQUIRE_THAT(help.output, Catch::Contains("--retain-prob"));
}

TEST_CASE("theorem: an unwritable --out is a one-line error and exit code 1",
          "[experiments][theorem]") {
  const auto result = test::run_command(kTheorem + " --quick --out /proc/no_such_dir/out");
  INFO(result.output);
  REQUIRE(result.exit_code == 1);
  REQUIRE_THAT(result.output, Catch::Contains("cannot create output directory"));
}
