// The dynamics experiment run as a user runs it (--quick), and each comparison in its
// summary.json asserted with the tolerance its report states: Monte Carlo against exact within
// 4 standard errors, exact identities to rounding.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "claims_in_report.hpp"
#include "datasets/regression.hpp"
#include "experiments/common/claims.hpp"
#include "run_command.hpp"
#include "test_paths.hpp"

using nlohmann::json;

namespace {
const std::string kDynamics = test::experiment_binary();
using experiments::kMaxAbsZ;  // Monte Carlo vs exact: within 4 SE, as the claims

std::string run_quick(const std::string& name, const std::string& extra = "") {
  const auto dir = test::fresh_directory(name);
  const auto result = test::run_command(kDynamics + " --quick --out " + dir.string() + " " + extra);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return dir.string();
}

// One quick run shared by the checks below (about a second).
const std::string& shared_directory() {
  static const std::string dir = run_quick("dynamics_shared", "--threads 2");
  return dir;
}
const json& summary() {
  static const json parsed = json::parse(test::read_file(shared_directory() + "/summary.json"));
  return parsed;
}

// The rows of a CSV the experiment wrote, header left out, as numbers.
std::vector<std::vector<double>> csv_rows(const std::string& file) {
  std::istringstream text(test::read_file(shared_directory() + "/" + file));
  std::vector<std::vector<double>> rows;
  std::string line;
  std::getline(text, line);  // the header
  while (std::getline(text, line)) {
    std::istringstream fields(line);
    rows.emplace_back();
    for (std::string field; std::getline(fields, field, ',');) {
      rows.back().push_back(std::stod(field));
    }
  }
  return rows;
}

double max_abs(const json& nested) {
  double worst = 0;
  for (const json& row : nested) {
    for (const json& value : row) worst = std::max(worst, std::abs(value.get<double>()));
  }
  return worst;
}
}  // namespace

TEST_CASE("dynamics: the Polyak average of dropout SGD reaches w* at the 1/sqrt(K) rate",
          "[experiments][dynamics]") {
  const json& sgd = summary()["sgd"];
  REQUIRE(sgd["fixed_point_vs_w_star"].get<double>() <= 1e-12);
  for (const json& r : sgd["by_lr"]) {
    INFO(r.dump(1));
    // The log-log slope of the RMS curve, and the mean of the runs' own slopes (SE across
    // independent runs), against −½.
    REQUIRE(r["averaged_slope"].get<double>() >= -0.65);
    REQUIRE(r["averaged_slope"].get<double>() <= -0.35);
    const double runs_slope = r["averaged_slope_runs_mean"];
    REQUIRE(runs_slope >= -0.65);
    REQUIRE(runs_slope <= -0.35);
    REQUIRE(std::abs(runs_slope + 0.5) <= kMaxAbsZ * r["averaged_slope_runs_se"].get<double>());
    REQUIRE(r["fit_points"].get<std::size_t>() >= 5);
    // The constant of 1/√K: the long-run covariance's trace, measured by batch means.
    REQUIRE(std::abs(r["long_run_z"].get<double>()) <= kMaxAbsZ);
  }
  // The averaged error keeps falling: at K_max it is far below the last iterate's.
  const std::size_t last = sgd["K"].size() - 1;
  for (std::size_t li = 0; li < 2; ++li) {
    REQUIRE(sgd["averaged_error"][li][last].get<double>() <
            0.05 * sgd["last_error"][li][last].get<double>());
  }
}

TEST_CASE(
    "dynamics: the last SGD iterate stalls at the exact stationary level, which scales like "
    "sqrt(lr)",
    "[experiments][dynamics]") {
  const json& sgd = summary()["sgd"];
  for (const json& r : sgd["by_lr"]) {
    INFO(r.dump(1));
    REQUIRE(std::abs(r["stationary_z"].get<double>()) <= kMaxAbsZ);
    REQUIRE(std::abs(r["last_slope_runs_mean"].get<double>()) <= 0.1);  // flat, unlike −½
    REQUIRE(r["second_moment_rate"].get<double>() < 1);
  }
  const json& ratio = sgd["rms_ratio"];
  INFO(ratio.dump(1));
  REQUIRE(std::abs(ratio["z_vs_exact"].get<double>()) <= kMaxAbsZ);
  // The exact ratio is √(lr₁/lr₂) up to the O(lr) correction: within 5% at these rates.
  const double sqrt_ratio = ratio["sqrt_lr_ratio"];
  REQUIRE(std::abs(ratio["exact"].get<double>() / sqrt_ratio - 1) <= 0.05);
  REQUIRE(std::abs(ratio["measured"].get<double>() / sqrt_ratio - 1) <=
          0.05 + kMaxAbsZ * ratio["se"].get<double>() / sqrt_ratio);
}

TEST_CASE("dynamics: the fast loops reproduce the nn and optim iterates in the run",
          "[experiments][dynamics]") {
  REQUIRE(summary()["sgd"]["nn_check"]["max_abs_difference"].get<double>() <= 1e-12);
  REQUIRE(summary()["equivalence"]["nn_check"]["max_abs_difference"].get<double>() <= 1e-12);
}

TEST_CASE("dynamics: Clara chains match the exact mean and stationary variance at every step size",
          "[experiments][dynamics]") {
  const json& clara = summary()["clara"];
  INFO(clara.dump(1));
  REQUIRE(clara["beta_tilde_vs_srivastava_minimiser"].get<double>() <= 1e-12);
  REQUIRE(max_abs(clara["chain_variance_z"]) <= kMaxAbsZ);
  REQUIRE(max_abs(clara["chain_mean_z"]) <= kMaxAbsZ);
  REQUIRE(clara["alpha"].size() >= 3);
  for (std::size_t a = 0; a < clara["alpha"].size(); ++a) {
    double chain_total = 0;
    for (std::size_t j = 0; j < clara["beta_tilde"].size(); ++j) {
      // Not zero: every coordinate's variance is many standard errors above 0.
      REQUIRE(clara["chain_variance"][a][j].get<double>() >
              10 * clara["chain_variance_se"][a][j].get<double>());
      chain_total += clara["chain_variance"][a][j].get<double>();
    }
    if (a > 0) {
      // Smaller α, smaller variance: exactly, and in the chains.
      REQUIRE(clara["exact_total_variance"][a].get<double>() <
              clara["exact_total_variance"][a - 1].get<double>());
      double previous_total = 0;
      for (const json& v : clara["chain_variance"][a - 1]) previous_total += v.get<double>();
      REQUIRE(chain_total < previous_total);
    }
  }
  // The mean path ends at the chains' own noise floor, not at a bias.
  REQUIRE(clara["mean_path_final_error"].get<double>() <=
          kMaxAbsZ * std::sqrt(clara["exact_total_variance"][0].get<double>() /
                               clara["chains"].get<double>()));
}

TEST_CASE("dynamics: without the mask in the residual every chain converges to least squares",
          "[experiments][dynamics]") {
  const json& clara = summary()["clara"];
  REQUIRE(clara["simplified_max_error_to_ols"].get<double>() < 1e-10);
  REQUIRE(clara["simplified"]["fixed_point_vs_ols"].get<double>() <= 1e-12);
  REQUIRE(clara["simplified"]["exact_stationary_trace"].get<double>() <= 1e-20);
}

TEST_CASE("dynamics: weight decay 2q/(1-q) and dropout q land on one ridge solution",
          "[experiments][dynamics]") {
  const json& eq = summary()["equivalence"];
  INFO(eq.dump(1));
  REQUIRE(std::abs(eq["wd_for_q_half"].get<double>() - 2.0) <= 1e-15);
  REQUIRE(std::abs(eq["q_for_wd_0_2"].get<double>() - 1.0 / 11) <= 1e-15);
  REQUIRE(eq["column_norm_sq_vs_N"].get<double>() <= 1e-12);  // standardised: (XᵀX)_jj = N
  REQUIRE(eq["fixed_points_vs_ridge"].get<double>() <= 1e-12);
  REQUIRE(eq["max_abs_z"].get<double>() <= kMaxAbsZ);
  double max_se = 0;
  for (const json& pair : eq["pairs"]) {
    for (const char* method : {"dropout", "weight_decay_sgd"}) {
      for (const json& se : pair[method]["se"]) max_se = std::max(max_se, se.get<double>());
    }
  }
  // The post's pair (q = 0.5 with weight decay 0.2) is not matched: its two ridge solutions
  // are far apart on the scale of the SGD estimates' errors.
  REQUIRE(eq["post_pair_ridge_distance"].get<double>() > 100 * max_se);
}

TEST_CASE("dynamics: dropout SGD carries more gradient noise than weight decay at the same penalty",
          "[experiments][dynamics]") {
  for (const json& pair : summary()["equivalence"]["pairs"]) {
    INFO(pair.dump(1));
    for (const char* method : {"dropout", "weight_decay_sgd"}) {
      const json& m = pair[method];
      REQUIRE(
          std::abs(m["long_run_trace"].get<double>() - m["exact_long_run_trace"].get<double>()) <=
          kMaxAbsZ * m["long_run_trace_se"].get<double>());
      REQUIRE(
          std::abs(m["stationary_msq"].get<double>() - m["exact_stationary_msq"].get<double>()) <=
          kMaxAbsZ * m["stationary_msq_se"].get<double>());
    }
    REQUIRE(pair["dropout"]["exact_long_run_trace"].get<double>() >
            pair["weight_decay_sgd"]["exact_long_run_trace"].get<double>());
  }
}

TEST_CASE("dynamics: the quadratic logistic dropout penalty has a relative error of order s^2",
          "[experiments][dynamics]") {
  const json& wager = summary()["wager"];
  REQUIRE(wager.size() == 9);
  // Each cell recomputed here by a route of its own: the exact penalty
  // Σ_i E[A(x̃_i·β)] − A(x_i·β), A(t) = log(1 + eᵗ), x̃ = x∗m/(1 − δ), by a loop over the 64 masks
  // written out below, and the quadratic one ½·Σ_i σ(1−σ)(x_i·β)·(δ/(1−δ))·Σ_j x_ij²β_j².
  const datasets::Dataset design = datasets::design_C();
  const auto beta0 = summary()["wager_beta0"].get<std::vector<double>>();
  const std::size_t n = design.X.shape()[0], d = design.X.shape()[1];
  REQUIRE(beta0.size() == d);
  const auto log_partition = [](double t) {
    return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
  };
  for (const json& row : wager) {
    const double delta = row["delta"], scale = row["s"];
    double exact = 0, quadratic = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double plain = 0, squares = 0;
      for (std::size_t j = 0; j < d; ++j) {
        plain += design.X(i, j) * scale * beta0[j];
        squares += std::pow(design.X(i, j) * scale * beta0[j], 2);
      }
      double expected = 0;
      for (std::size_t mask = 0; mask < (1U << d); ++mask) {
        double t = 0, probability = 1;
        for (std::size_t j = 0; j < d; ++j) {
          const bool kept = (mask >> j) & 1U;
          probability *= kept ? 1 - delta : delta;
          if (kept) t += design.X(i, j) * scale * beta0[j] / (1 - delta);
        }
        expected += probability * log_partition(t);
      }
      exact += expected - log_partition(plain);
      const double sigma = 1 / (1 + std::exp(-plain));
      quadratic += 0.5 * sigma * (1 - sigma) * delta / (1 - delta) * squares;
    }
    INFO("delta " << delta << ", s " << scale << ": " << row.dump());
    REQUIRE(row["exact"].get<double>() == Approx(exact).epsilon(1e-10));
    REQUIRE(row["quadratic"].get<double>() == Approx(quadratic).epsilon(1e-10));
    REQUIRE(row["ratio"].get<double>() == Approx(quadratic / exact).epsilon(1e-9));
  }
  for (const json& row : summary()["wager_small_s"]) {
    INFO(row.dump(1));
    REQUIRE(std::abs(row["slope"].get<double>() - 2) <= 0.1);
    // Doubling s quadruples the relative error, to 10% at the smallest s.
    REQUIRE(std::abs(row["doubling_ratio"][0].get<double>() - 4) <= 0.4);
  }
  // Where it holds and where it fails: light dropout and small weights vs the heaviest case.
  auto ratio_at = [&](double delta, double s) {
    for (const json& row : wager) {
      if (row["delta"] == delta && row["s"] == s) return row["ratio"].get<double>();
    }
    FAIL("no row for delta " << delta << ", s " << s);
    return 0.0;
  };
  REQUIRE(std::abs(ratio_at(0.1, 0.25) - 1) <= 0.01);
  REQUIRE(std::abs(ratio_at(0.8, 2) - 1) > 0.1);
}

TEST_CASE("dynamics: the same seed gives a byte-identical summary with one thread or two",
          "[experiments][dynamics]") {
  // The shared run uses two threads.
  const std::string one = run_quick("dynamics_one_thread", "--threads 1");
  REQUIRE(test::read_file(one + "/summary.json") ==
          test::read_file(shared_directory() + "/summary.json"));
}

TEST_CASE("dynamics: the report section quotes the post and links its figures",
          "[experiments][dynamics]") {
  const std::string& dir = shared_directory();
  const std::string section = test::read_file(dir + "/section.md");
  REQUIRE(section.rfind("## ", 0) == 0);
  REQUIRE(section.find("“throw off” stochastic gradient descent") != std::string::npos);
  REQUIRE(section.find("we will introduce noise into the network") != std::string::npos);
  for (const char* csv : {"sgd_errors.csv", "clara_variance.csv", "clara_mean_path.csv",
                          "equivalence.csv", "wager_curve.csv"}) {
    REQUIRE(std::filesystem::exists(dir + "/" + csv));
  }
  if (std::system("command -v gnuplot >/dev/null 2>&1") == 0) {
    for (const char* png :
         {"sgd_errors.png", "clara_variance.png", "clara_mean.png", "wager.png"}) {
      REQUIRE(std::filesystem::exists(dir + "/" + png));
      REQUIRE(section.find(png) != std::string::npos);
    }
  }
}

TEST_CASE("dynamics: the CSV tables hold the same numbers as summary.json",
          "[experiments][dynamics]") {
  // Both come from the typed results, the CSVs with 17 significant digits: equal to the bit.
  const json& sgd = summary()["sgd"];
  const auto sgd_rows = csv_rows("sgd_errors.csv");
  REQUIRE(sgd_rows.size() == sgd["K"].size());
  for (std::size_t c = 0; c < sgd_rows.size(); ++c) {
    REQUIRE(sgd_rows[c][0] == sgd["K"][c].get<double>());
    REQUIRE(sgd_rows[c][1] == sgd["last_error"][0][c].get<double>());
    REQUIRE(sgd_rows[c][9] == sgd["averaged_error"][1][c].get<double>());
  }
  // The mean path runs over every step of the first α and ends at its final error.
  const json& clara = summary()["clara"];
  const auto path = csv_rows("clara_mean_path.csv");
  REQUIRE(path.size() == clara["steps"][0].get<std::size_t>() + 1);
  REQUIRE(path.back()[1] == clara["mean_path_final_error"].get<double>());
  // The Wager curve passes through s = 1 (10^0 on its grid), a column of the penalty table.
  const auto curve = csv_rows("wager_curve.csv");
  const auto at_one =
      std::find_if(curve.begin(), curve.end(), [](const auto& row) { return row[0] == 1.0; });
  REQUIRE(at_one != curve.end());
  std::size_t cells_at_one = 0;
  for (const json& cell : summary()["wager"]) {
    if (cell["s"].get<double>() != 1.0) continue;
    const std::size_t exact = 1 + 3 * cells_at_one++;  // columns: exact, quadratic, ratio per δ
    REQUIRE((*at_one)[exact] == cell["exact"].get<double>());
    REQUIRE((*at_one)[exact + 1] == cell["quadratic"].get<double>());
  }
  REQUIRE(cells_at_one == 3);
}

TEST_CASE("dynamics: summary.json carries a claim per verdict, rendered in the section",
          "[experiments][dynamics]") {
  const json& claims = summary()["claims"];
  const std::string section = test::read_file(shared_directory() + "/section.md");
  REQUIRE(claims.size() == 7);
  REQUIRE(test::require_claims_rendered(claims, section) == 1);
  for (const json& c : claims) {
    INFO(c.dump(2));
    REQUIRE(c["verdict"] != "not confirmed");
  }
  // The new measurements behind them: the stability bound, above which runs diverge; the fixed
  // order's O(lr) bias; weight decay's stall, exact within 4 SE at both learning rates.
  const json& stability = summary()["sgd_stability"];
  REQUIRE(stability["second_moment_lr_bound"].get<double>() >
          summary()["sgd"]["lr"][0].get<double>());
  REQUIRE(stability["second_moment_lr_bound"].get<double>() <=
          stability["mean_lr_bound"].get<double>());
  for (const json& z : summary()["weight_decay_stall"]["stationary_z"]) {
    REQUIRE(std::abs(z.get<double>()) <= kMaxAbsZ);
  }
}

TEST_CASE("dynamics: bad usage exits with code 2 and names the option", "[experiments][dynamics]") {
  const std::pair<const char*, const char*> cases[] = {
      {"--no-such-flag", "--no-such-flag"},
      {"--sgd-steps 5", "--sgd-steps"},
      {"--sgd-runs 1", "--sgd-runs"},
      {"--lr-small 0.5", "--lr-large > --lr-small"},
      {"--lr-large 0.01 --lr-small 0", "--lr-small > 0"},
      {"--chains 9", "--chains"},
      {"--equivalence-steps 499", "--equivalence-steps must be at least 500"},
      {"--equivalence-runs 0", "--equivalence-runs"},
      {"--threads 0", "--threads"},
      {"--seed -1", "--seed"},
      {"--quick --sgd-steps 5", "--sgd-steps"}};
  for (const auto& [args, named] : cases) {
    const auto result = test::run_command(kDynamics + " " + args);
    INFO(args << ": " << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE_THAT(result.output, Catch::Contains(named));
  }
}

TEST_CASE("dynamics: --quick sets defaults, and options given with it win",
          "[experiments][dynamics]") {
  const std::string dir = run_quick("dynamics_quick_with_options", "--chains 500 --sgd-runs 3");
  const json config = json::parse(test::read_file(dir + "/summary.json"))["config"];
  REQUIRE(config["quick"] == true);
  REQUIRE(config["clara_chains"] == 500);  // given: quick would make it 1000
  REQUIRE(config["sgd_runs"] == 3);
  REQUIRE(config["sgd_steps"] == 1'000'000);  // quick's
  REQUIRE(config["lr"] == json::array({0.08, 0.04}));
}
