// The illustrations experiment, run as a user runs it, and its summary.json and section.md.
#include <cmath>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "claims_in_report.hpp"
#include "run_command.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

using nlohmann::json;

namespace {
const std::string kIllustrations = test::experiment_binary();

std::filesystem::path run(const std::string& name, std::uint64_t seed) {
  const auto dir = test::fresh_directory(name);
  const auto result = test::run_command(kIllustrations + " --quick --seed " + std::to_string(seed) +
                                        " --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return dir;
}

// One run shared by the tests that only read its output (the run takes well under a second,
// but there is no need to repeat it).
const std::filesystem::path& default_run() {
  static const std::filesystem::path dir = run("illustrations_default", 0);
  return dir;
}

const json& summary() {
  static const json parsed = json::parse(test::read_file(default_run() / "summary.json"));
  return parsed;
}

void require_matrix(const json& actual, const std::vector<std::vector<double>>& expected) {
  INFO("summary has " << actual.dump());
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(actual[i].get<std::vector<double>>() == expected[i]);
  }
}
}  // namespace

TEST_CASE("illustrations: summary.json holds the replayed L2 matrices exactly",
          "[experiments][illustrations]") {
  const json& l2 = summary()["replay"]["l2"];
  REQUIRE(l2.size() == 3);
  require_matrix(l2[0], {{1, 1}, {2, 3}, {3, 7}});
  require_matrix(l2[1], {{37.5, 37.5}, {38.5, 39.5}, {39.5, 43.5}});  // + 73/2
  require_matrix(l2[2],
                 {{4691.25, 4691.25}, {4692.25, 4693.25}, {4693.25, 4697.25}});  // + 9307.5/2
}

TEST_CASE("illustrations: summary.json holds the dropout matrices and factor",
          "[experiments][illustrations]") {
  const json& r = summary()["replay"];
  // 2^¼ + 13^¼ + 58^¼, evaluated as the post writes it (numpy: 5.847705058190557, which can
  // differ in the last bit; see test_replay.cpp)
  const double factor = std::sqrt(std::pow(2.0, 0.5)) + std::sqrt(std::pow(13.0, 0.5)) +
                        std::sqrt(std::pow(58.0, 0.5));
  REQUIRE(r["dropout_factor"].get<double>() == factor);
  REQUIRE(std::abs(factor - 5.847705058190557) <= 1e-15 * factor);
  const json& dropout = r["dropout"];
  REQUIRE(dropout.size() == 3);
  require_matrix(dropout[0], {{1, 1}, {2, 3}, {3, 7}});
  require_matrix(dropout[1],
                 {{factor, factor}, {2 * factor, 3 * factor}, {3 * factor, 7 * factor}});
  // The second multiplier, from X₁'s rows ‖f·xᵢ‖² = f²·(2, 13, 58), in the post's order.
  double second = 0;
  for (const double row_squared_norm : {2.0, 13.0, 58.0}) {
    const double f = factor;
    const double squared = row_squared_norm == 2.0    ? f * f + f * f
                           : row_squared_norm == 13.0 ? (2 * f) * (2 * f) + (3 * f) * (3 * f)
                                                      : (3 * f) * (3 * f) + (7 * f) * (7 * f);
    second += std::sqrt(std::pow(squared, 0.5));
  }
  REQUIRE(r["dropout_second_factor"].get<double>() == second);
  require_matrix(dropout[2], {{factor * second, factor * second},
                              {2 * factor * second, 3 * factor * second},
                              {3 * factor * second, 7 * factor * second}});
}

TEST_CASE("illustrations: the second figure's points are the L2 matrices, worked by hand",
          "[experiments][illustrations]") {
  // figure2_as_drawn.csv holds what the post's dropout cell plots. Its points, read back, are
  // the L2 matrices computed here by hand (X, then + 73/2, then + 9307.5/2), not the dropout
  // matrices the cell computed: the copy-paste, checked against an independent route.
  const std::string csv = test::read_file(default_run() / "figure2_as_drawn.csv");
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  REQUIRE(line == "iteration,x,y,x_minus_centroid,y_minus_centroid");
  const double X[3][2] = {{1, 1}, {2, 3}, {3, 7}};
  const double added[3] = {0, 36.5, 36.5 + 4653.75};
  std::size_t row = 0;
  while (std::getline(lines, line)) {
    std::istringstream cells(line);
    std::string iteration, x, y;
    std::getline(cells, iteration, ',');
    std::getline(cells, x, ',');
    std::getline(cells, y, ',');
    INFO("row " << row << ": " << line);
    REQUIRE(row < 9);
    REQUIRE(std::stod(x) == X[row % 3][0] + added[row / 3]);
    REQUIRE(std::stod(y) == X[row % 3][1] + added[row / 3]);
    ++row;
  }
  REQUIRE(row == 9);
  // And the dropout matrices it meant to draw are far from it.
  REQUIRE(summary()["replay"]["figure2_as_meant_vs_as_drawn_max_abs_difference"].get<double>() >
          1000);
}

TEST_CASE("illustrations: the variation curve is a translation's, exact until rounding takes over",
          "[experiments][illustrations]") {
  const json& s = summary();
  const auto variation = s["replay"]["variation"].get<std::vector<double>>();
  const auto exact = s["variation"]["exact"].get<std::vector<double>>();
  REQUIRE(variation.size() == 15);
  REQUIRE(exact.size() == 15);
  // The translation fact, on the clusters, for the first step's shift.
  REQUIRE(s["translation"]["max_relative_std_change"].get<double>() <= 1e-12);
  REQUIRE(s["translation"]["shift"].get<double>() == s["replay"]["variation_added"][0]);
  // The replay follows exact arithmetic at first (offsets ≤ ~4e8 over a spread of ~1).
  for (std::size_t n = 0; n < 4; ++n) {
    REQUIRE(std::abs(variation[n] - exact[n]) <= 1e-6 * exact[n]);
  }
  // Exact arithmetic: a constant ratio per step, the same at step 7 as elsewhere.
  REQUIRE(s["variation"]["exact_ratio_max"].get<double>() <=
          1.01 * s["variation"]["exact_ratio_min"].get<double>());
  const std::size_t departure = s["variation"]["first_departure_step"];
  INFO("departure at step " << departure);
  REQUIRE(departure >= 5);
  REQUIRE(departure <= 15);
  REQUIRE(s["replay"]["variation_spread_drift"][departure - 1].get<double>() > 0.01);
}

TEST_CASE("illustrations: every quoted sentence is a claim, rendered in the report's table",
          "[experiments][illustrations]") {
  const json& claims = summary()["claims"];
  REQUIRE(claims.size() == 5);
  const std::string section = test::read_file(default_run() / "section.md");
  REQUIRE(section.rfind("## ", 0) == 0);
  REQUIRE(test::require_claims_rendered(claims, section) == 1);
  for (const json& c : claims) {
    if (c["kind"] == "reasoning") continue;
    INFO(c.dump(2));
    REQUIRE(!c["measured"].get<std::string>().empty());
    // None of the four measured conclusions survives its measurement.
    REQUIRE(c["verdict"] == "wrong");
  }
  REQUIRE(summary()["weights"]["l2"]["data_unchanged"].get<bool>());
  REQUIRE(summary()["weights"]["l2"]["max_update_deviation"].get<double>() <= 1e-14);
  REQUIRE(summary()["weights"]["dropout"]["max_difference"].get<double>() <= 1e-12);
  // The bend is reported at the step where it was measured.
  const std::size_t departure = summary()["variation"]["first_departure_step"];
  REQUIRE_THAT(claims[4]["because"].get<std::string>(),
               Catch::Contains("at step " + std::to_string(departure)));
}

TEST_CASE(
    "illustrations: the same seed writes a byte-identical summary and the seed moves only "
    "the clusters",
    "[experiments][illustrations]") {
  const std::string first = test::read_file(default_run() / "summary.json");
  const std::string again = test::read_file(run("illustrations_again", 0) / "summary.json");
  REQUIRE(first == again);
  const json other = json::parse(test::read_file(run("illustrations_seed1", 1) / "summary.json"));
  REQUIRE(other["replay"]["l2"] == summary()["replay"]["l2"]);
  REQUIRE(other["replay"]["dropout"] == summary()["replay"]["dropout"]);
  REQUIRE(other["replay"]["variation"] != summary()["replay"]["variation"]);
}

TEST_CASE("illustrations: bad usage exits with code 2 and names the option",
          "[experiments][illustrations]") {
  for (const std::string option :
       {"--retain-prob 1.5", "--retain-prob 0", "--retain-prob nan", "--weight-decay 0",
        "--weight-decay -1", "--points-per-cluster 1", "--points-per-cluster x",
        "--no-such-flag"}) {
    const auto result = test::run_command(kIllustrations + " " + option + " --out " +
                                          test::fresh_directory("illustrations_bad").string());
    INFO(option << ": " << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE_THAT(result.output, Catch::Contains(option.substr(0, option.find(' '))));
  }
}

TEST_CASE("illustrations: --help says the full run is already quick",
          "[experiments][illustrations]") {
  const auto result = test::run_command(kIllustrations + " --help");
  REQUIRE(result.exit_code == 0);
  REQUIRE_THAT(result.output, Catch::Contains("--quick changes nothing"));
}

TEST_CASE("illustrations: the older verdicts array stays, one per measured claim",
          "[experiments][illustrations]") {
  const json& verdicts = summary()["verdicts"];
  REQUIRE(verdicts.size() == 4);
  for (const json& v : verdicts) {
    INFO(v.dump(2));
    REQUIRE_FALSE(v["holds"].get<bool>());
    REQUIRE(v["verdict"].get<std::string>().rfind("**fails**: ", 0) == 0);
    const std::string id = "illustrations." + v["claim"].get<std::string>();
    bool found = false;
    for (const json& c : summary()["claims"]) found |= c["id"] == id && c["quote"] == v["quote"];
    REQUIRE(found);
  }
}
