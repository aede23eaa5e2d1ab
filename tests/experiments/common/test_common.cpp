// The experiments' shared layer (experiments/common/): statistics, parallel_for, the gnuplot
// figure builder, Markdown tables, the runner and its one --quick mechanism.
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "experiments/common/figure.hpp"
#include "experiments/common/markdown.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/provenance.hpp"
#include "experiments/common/runner.hpp"
#include "experiments/common/statistics.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using namespace experiments;

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Removed when the test binary exits (test::fresh_directory).
std::string fresh_dir(const std::string& name) {
  return test::fresh_directory("common_" + name).string();
}
}  // namespace

TEST_CASE("statistics: mean, sd and se of 2, 4, 4, 4, 5, 5, 7, 9 worked by hand",
          "[experiments][statistics]") {
  const std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  // Σx = 40, x̄ = 5; Σ(x − x̄)² = 9+1+1+1+0+0+4+16 = 32; s² = 32/7; se = s/√8.
  REQUIRE(mean(x) == Approx(5).epsilon(1e-15));
  REQUIRE(sample_sd(x) == Approx(std::sqrt(32.0 / 7)).epsilon(1e-15));
  const MeanSe m = mean_se(x);
  REQUIRE(m.se == Approx(std::sqrt(32.0 / 7) / std::sqrt(8.0)).epsilon(1e-15));
  REQUIRE(m.z(4) == Approx(1 / m.se).epsilon(1e-15));
  REQUIRE(z_score(7, 5, 0.5) == 4);
  REQUIRE(sample_sd({3}) == 0);
  REQUIRE(std::isnan(mean_se({}).mean));
}

TEST_CASE("statistics: the median of an even count is the mean of the two middle values",
          "[experiments][statistics]") {
  REQUIRE(median({3, 1, 2}) == 2);
  REQUIRE(median({4, 1, 3, 2}) == 2.5);  // numpy.median; the upper middle would be 3
  REQUIRE(median({-1, -1}) == -1);
  REQUIRE_THROWS_AS(median({}), std::invalid_argument);
}

TEST_CASE("statistics: fit_line recovers slope, intercept and the slope's standard error",
          "[experiments][statistics]") {
  // y = 1 + 2x exactly: slope 2, intercept 1, no residual.
  const LineFit exact = fit_line({0, 1, 2, 3}, {1, 3, 5, 7});
  REQUIRE(exact.slope == Approx(2).epsilon(1e-15));
  REQUIRE(exact.intercept == Approx(1).epsilon(1e-15));
  REQUIRE(exact.slope_se == Approx(0).margin(1e-15));
  // x = 0, 1, 2; y = 0, 2, 1: x̄ = 1, ȳ = 1, Sxx = 2, Sxy = 1, slope 1/2, intercept 1/2;
  // residuals −1/2, 1, −1/2 → Σr² = 3/2, se = √(3/2 / 1 / 2) = √0.75.
  const LineFit noisy = fit_line({0, 1, 2}, {0, 2, 1});
  REQUIRE(noisy.slope == Approx(0.5).epsilon(1e-15));
  REQUIRE(noisy.intercept == Approx(0.5).epsilon(1e-15));
  REQUIRE(noisy.slope_se == Approx(std::sqrt(0.75)).epsilon(1e-15));
  // A power law y = 3x^-0.5 has log-log slope −0.5.
  REQUIRE(fit_loglog({1, 4, 16, 64}, {3, 1.5, 0.75, 0.375}).slope == Approx(-0.5).epsilon(1e-14));
  REQUIRE_THROWS_WITH(fit_line({1, 2}, {1, 2}), Catch::Contains("at least 3 points"));
}

TEST_CASE("parallel_for: every index runs once, whatever the thread count",
          "[experiments][parallel]") {
  for (const std::size_t threads : {1, 2, 7}) {
    std::vector<int> runs(50, 0);
    parallel_for(runs.size(), [&](std::size_t i) { runs[i] += static_cast<int>(i); },
                 {threads, "", 0, {}, nullptr});
    for (std::size_t i = 0; i < runs.size(); ++i) REQUIRE(runs[i] == static_cast<int>(i));
  }
  parallel_for(0, [](std::size_t) { FAIL("no task to run"); }, {2, "", 0, {}, nullptr});
}

TEST_CASE("parallel_for: the lowest-indexed failure is rethrown and the cancel flag is set",
          "[experiments][parallel]") {
  std::atomic<bool> cancel{false};
  std::atomic<int> started{0};
  const auto task = [&](std::size_t i) {
    ++started;
    if (i == 3) throw std::runtime_error("task 3 failed");
    if (i > 3 && cancel.load()) throw Cancelled();
  };
  REQUIRE_THROWS_WITH(parallel_for(100, task, {1, "", 0, {}, &cancel}), "task 3 failed");
  REQUIRE(cancel.load());
  REQUIRE(started.load() == 4);  // one worker: no task starts after the failure
}

TEST_CASE("figure: the script draws relative to its own folder and leaves out empty series",
          "[experiments][figure]") {
  const Output out(fresh_dir("figure"));
  out.write_text("curve.csv", "x,y\n1,2\n2,3\n");
  out.write_text("empty.dat", "");
  Figure figure{"curve.png",
                640,
                480,
                {{"a title",
                  "x",
                  "y",
                  false,
                  true,
                  {"set key top left"},
                  {{"curve.csv", "1:2", "y of x", "linespoints", "#1f77b4"},
                   {"empty.dat", "1:2", "never crossed", "lines", "", false}}}},
                ""};
  const std::string gp = gnuplot_script(figure, out);
  REQUIRE(gp.rfind("cd system(\"dirname '\" . ARG0 . \"'\")\n", 0) == 0);
  REQUIRE(gp.find("set output 'curve.png'") != std::string::npos);
  REQUIRE(gp.find("set logscale y") != std::string::npos);
  REQUIRE(gp.find("set logscale x") == std::string::npos);
  REQUIRE(
      gp.find("'curve.csv' skip 1 using 1:2 with linespoints lc rgb '#1f77b4' title 'y of x'") !=
      std::string::npos);
  REQUIRE(gp.find("empty.dat") == std::string::npos);
  // Two panels make a side-by-side multiplot; a panel with no data says so.
  figure.panels.push_back(
      {"nothing", "", "", false, false, {}, {{"empty.dat", "1:2", "", "lines", "", true}}});
  const std::string two = gnuplot_script(figure, out);
  REQUIRE(two.find("set multiplot layout 1,2") != std::string::npos);
  REQUIRE(two.find("'no data'") != std::string::npos);
  // Quotes in text are escaped; a 3-D panel uses splot.
  Figure scatter{"scatter.png",
                 640,
                 480,
                 {{"the post's data",
                   "",
                   "",
                   false,
                   false,
                   {},
                   {{"curve.csv", "1:2:2", "the post's points", "points", "", true}},
                   true}},
                 ""};
  const std::string three = gnuplot_script(scatter, out);
  REQUIRE(three.find("set title \"the post's data\"") != std::string::npos);
  REQUIRE(
      three.find("splot 'curve.csv' skip 1 using 1:2:2 with points title \"the post's points\"") !=
      std::string::npos);
}

TEST_CASE("markdown_table: header, separator and rows, and a short row is an error",
          "[experiments][markdown]") {
  REQUIRE(markdown_table({"a", "b"}, {{"1", "2"}}) == "| a | b |\n| --- | --- |\n| 1 | 2 |\n");
  REQUIRE_THROWS_WITH(markdown_table({"a", "b"}, {{"1"}}),
                      Catch::Contains("1 cells, the header 2"));
}

TEST_CASE("runner: a run writes summary.json and section.md, a failing run writes neither",
          "[experiments][runner]") {
  const std::string dir = fresh_dir("runner");
  const std::string out_flag = "--out=" + dir;
  const char* argv[] = {"demo", out_flag.c_str(), "--seed", "7"};
  ExperimentSpec spec{"demo",
                      "a demonstration",
                      {},
                      {},
                      {},
                      [](const Context& context) {
                        return Report{{{"seed", context.seed}}, "## Demo\n", ""}; }};
  REQUIRE(run_experiment(4, argv, spec) == 0);
  const nlohmann::json summary = nlohmann::json::parse(read_file(dir + "/summary.json"));
  REQUIRE(summary["seed"] == 7);
  // The runner adds which build made the numbers.
  REQUIRE(summary["provenance"] == provenance_json());
  REQUIRE(read_file(dir + "/section.md") == "## Demo\n");

  const std::string failing_dir = fresh_dir("runner_failing");
  const std::string failing_flag = "--out=" + failing_dir;
  const char* failing_argv[] = {"demo", failing_flag.c_str()};
  spec.run = [](const Context&) -> Report { throw std::runtime_error("no convergence"); };
  REQUIRE(run_experiment(2, failing_argv, spec) == 1);
  REQUIRE_FALSE(fs::exists(failing_dir + "/summary.json"));
  REQUIRE_FALSE(fs::exists(failing_dir + "/section.md"));
}

TEST_CASE("runner: --quick changes the defaults, and an option the user gives still wins",
          "[experiments][runner][cli]") {
  const std::string dir = fresh_dir("runner_quick");
  const std::string out_flag = "--out=" + dir;
  std::uint64_t steps = 1000, runs = 10;
  bool quick_seen = false;
  const ExperimentSpec spec{"demo",
                            "a demonstration",
                            [&](Cli& cli) {
                              cli.add_option("--steps", "steps", steps);
                              cli.add_option("--runs", "runs", runs);
                            },
                            [&] { steps = 10, runs = 2; },
                            {},
                            [&](const Context& context) {
                              quick_seen = context.quick;
                              return Report{{}, "", ""};
                            }};
  // --steps before --quick on the command line: the order does not matter.
  const char* argv[] = {"demo", out_flag.c_str(), "--steps", "50", "--quick"};
  REQUIRE(run_experiment(5, argv, spec) == 0);
  REQUIRE(quick_seen);
  REQUIRE(steps == 50);
  REQUIRE(runs == 2);
}
