// The weight_decay executable run as a user runs it (--quick), its summary.json and section.md,
// its exit codes, and its determinism.
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "claims_in_report.hpp"
#include "run_command.hpp"
#include "test_paths.hpp"

using nlohmann::json;

namespace {
const std::string kBinary = test::experiment_binary();

struct Run {
  json summary;
  std::string summary_text;
  std::string section;
};

// Runs `weight_decay --quick <args>` once per argument list in this process.
const Run& quick_run(const std::string& args) {
  static std::map<std::string, Run> cache;
  if (const auto found = cache.find(args); found != cache.end()) return found->second;
  const auto dir = test::fresh_directory("weight_decay_" + std::to_string(cache.size()));
  const auto result = test::run_command(kBinary + " --quick " + args + " --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  Run run;
  run.summary_text = test::read_file(dir / "summary.json");
  run.summary = json::parse(run.summary_text);
  run.section = test::read_file(dir / "section.md");
  return cache.emplace(args, std::move(run)).first->second;
}
}  // namespace

TEST_CASE(
    "weight_decay: the quick run writes summary.json with claims and the section that "
    "renders them",
    "[experiments][weight_decay]") {
  const Run& run = quick_run("");
  const json& claims = run.summary["claims"];
  REQUIRE(claims.size() == 8);
  REQUIRE(test::require_claims_rendered(claims, run.section) == 1);
  REQUIRE(run.summary["quick"] == true);
  REQUIRE(run.section.find("For a student") != std::string::npos);
  REQUIRE(run.summary["moons"]["points"].size() == 3 + 3 + 3 + 2);
}

TEST_CASE("weight_decay: the quick run measures the L2 routes equal and Adam + L2 at ridge",
          "[experiments][weight_decay]") {
  const json& s = quick_run("").summary;
  for (const json& e : s["linear"]["equalities"]) REQUIRE(e["max_abs_difference"] <= 1e-12);
  for (const json& e : s["moons"]["equalities"]) REQUIRE(e["max_abs_difference"] <= 1e-12);
  for (const json& scale : s["linear"]["scales"]) {
    INFO(scale.dump(1));
    REQUIRE(scale["adam_l2_to_ridge"] <= 1e-6);
    REQUIRE(scale["adamw_box_residual"] <= 0.01);
  }
}

TEST_CASE(
    "weight_decay: the same seed gives a byte-identical summary.json whatever the thread "
    "count, another seed another one",
    "[experiments][weight_decay]") {
  const Run& two = quick_run("--threads 2");
  const Run& one = quick_run("--threads 1");
  const Run& again = quick_run("--threads 1 --seed 0");
  REQUIRE(one.summary_text == two.summary_text);
  REQUIRE(one.summary_text == again.summary_text);
  REQUIRE(quick_run("--seed 1").summary_text != one.summary_text);
}

TEST_CASE("weight_decay: bad usage exits with 2 and names the problem",
          "[experiments][weight_decay]") {
  const auto dir = test::fresh_directory("weight_decay_usage");
  for (const char* args : {"--seeds 1", "--epochs 0", "--adam-lr -1", "--no-such-flag",
                           "--linear-steps 10", "--seeds"}) {
    const auto result = test::run_command(kBinary + " --quick " + args + " --out " + dir.string());
    INFO(args << "\n" << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE(result.output.find("usage") != std::string::npos);
  }
  REQUIRE(test::run_command(kBinary + " --help").exit_code == 0);
}
