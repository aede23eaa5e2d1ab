// bench_engine: measures our engine on the benchmark workloads of issue 9 and writes
// ours.json (per-repetition values of every row, the workload, the machine) into --out.
// bench_torch.py then runs the same workloads in PyTorch, and bench_report merges the two.
//
// Every row runs in a fresh process (this executable again, with --row NAME, which prints the
// row as one JSON line): a row must not inherit the heap another row left behind. (It would:
// after the batch-1 rows, glibc's malloc hands the large batch's 32 MiB arrays back to the
// kernel and page-faults them in again every step, which made that row 2.5× slower.)
// --moons-child trains one moons model and prints {"cpu_seconds", "wall_seconds",
// "peak_rss_mib", ...}: each moons_model repetition is such a process, so its peak memory is
// the moons training's alone.
// --profile-step STEP runs one batch-1 step (ours or a hand-written floor, with or without
// dropout) inside bench::profiled_steps, for benchmarks/callgrind_steps.sh's instruction counts.
#include <algorithm>
#include <array>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmarks/machine.hpp"
#include "benchmarks/statistics.hpp"
#include "benchmarks/workloads.hpp"
#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/provenance.hpp"

namespace {

using nlohmann::json;

// The rows measured in a --row child, in report order (moons_model and peak_rss come from
// --moons-child processes).
const std::vector<std::string> kRowNames{"step_batch1", "step_batch1_dropout", "large_batch",
                                         "mc_theorem"};

// Runs this executable with `arguments` (and the workload's --seed and --quick) in a fresh
// process, and parses the JSON line it prints last.
json run_child(const bench::Workload& workload, const std::string& arguments) {
  return bench::run_self(arguments + " --seed " + std::to_string(workload.seed) +
                         (workload.quick ? " --quick" : ""));
}

json row_json(const bench::Measurement& m) {
  json row = m.extra;
  row["unit"] = m.unit;
  row["values"] = m.values;
  if (!m.wall_values.empty()) row["wall_values"] = m.wall_values;
  return row;
}

// Runs one row in this process.
json measure_row(const bench::Workload& workload, const std::string& name) {
  if (name == "step_batch1") {
    json row = row_json(bench::measure_step_batch1(workload, /*with_dropout=*/false));
    const bench::Measurement bare = bench::measure_bare_step(workload);
    row["bare_step_values"] = bare.values;
    row["bare_step_wall_values"] = bare.wall_values;
    return row;
  }
  if (name == "step_batch1_dropout") {
    json row = row_json(bench::measure_step_batch1(workload, /*with_dropout=*/true));
    const bench::Measurement bare = bench::measure_bare_dropout_step(workload);
    row["bare_step_values"] = bare.values;
    row["bare_step_wall_values"] = bare.wall_values;
    return row;
  }
  if (name == "large_batch") {
    json row = row_json(bench::measure_large_batch(workload));
    const bench::Measurement dgemm = bench::measure_bare_dgemm(workload);
    row["bare_dgemm_values"] = dgemm.values;
    row["bare_dgemm_wall_values"] = dgemm.wall_values;
    return row;
  }
  if (name == "mc_theorem") return row_json(bench::measure_mc_theorem(workload));
  throw std::invalid_argument("no row named '" + name + "'");
}

void print_values(const std::string& name, const json& values, const std::string& unit,
                  const json& wall_values) {
  const bench::Spread s = bench::summarise(values);
  std::cout << "    " << name << ": " << experiments::rounded(s.median, 4) << " " << unit
            << " (median of " << s.repetitions << ", range " << experiments::rounded(s.min, 4)
            << " to " << experiments::rounded(s.max, 4) << ")";
  if (!wall_values.is_null()) {
    std::cout << "; wall clock " << experiments::rounded(bench::summarise(wall_values).median, 4);
  }
  std::cout << "\n" << std::flush;
}

void print_row(const std::string& name, const json& row) {
  print_values(name, row["values"], row["unit"], row.value("wall_values", json()));
  if (row.contains("bare_step_values")) {
    print_values("bare_step", row["bare_step_values"], row["unit"],
                 row.value("bare_step_wall_values", json()));
  }
  if (row.contains("bare_dgemm_values")) {
    print_values("bare_dgemm", row["bare_dgemm_values"], row["unit"],
                 row["bare_dgemm_wall_values"]);
  }
}

// moons_model and peak_rss, from workload.moons_repetitions_ours fresh processes.
std::pair<json, json> measure_moons(const bench::Workload& workload) {
  return bench::measure_moons(workload.moons_repetitions_ours,
                              [&] { return run_child(workload, "--moons-child"); });
}

}  // namespace

int main(int argc, char** argv) {
  experiments::CommonOptions common;
  common.out_dir = "results/bench";
  bool moons_child = false;
  std::string row_name;
  std::string profile_step;
  std::uint64_t profile_steps = 1000;
  experiments::Cli cli("bench_engine",
                       "Benchmarks our engine on the workloads of issue 9; writes ours.json.");
  cli.add_common(common);
  cli.add_option("--row",
                 "run one row (step_batch1, step_batch1_dropout, large_batch, mc_theorem) in "
                 "this process, print it as JSON and write nothing (also for profiling)",
                 row_name);
  cli.add_flag("--moons-child",
               "train one moons model and print its time and peak RSS as JSON (internal)",
               moons_child);
  cli.add_option("--profile-step",
                 "run one batch-1 step (engine, engine_dropout, bare, bare_dropout) "
                 "--profile-steps times inside bench::profiled_steps after a warm-up epoch, for "
                 "a profiler (benchmarks/callgrind_steps.sh); print the mean loss",
                 profile_step);
  cli.add_option("--profile-steps", "how many steps --profile-step runs", profile_steps);
  cli.parse(argc, argv);
  if (!row_name.empty() &&
      std::find(kRowNames.begin(), kRowNames.end(), row_name) == kRowNames.end()) {
    cli.usage_error("--row: no row named '" + row_name + "'");
  }

  try {
    const bench::Workload workload = bench::make_workload(common.quick, common.seed);
    if (moons_child) {
      json result = bench::train_moons_model(workload, workload.moons_epochs);
      result["peak_rss_mib"] = bench::peak_rss_mib();
      std::cout << result.dump() << "\n";
      return 0;
    }
    if (!row_name.empty()) {
      std::cout << measure_row(workload, row_name).dump() << "\n";
      return 0;
    }
    if (!profile_step.empty()) {
      const double mean_loss = bench::run_steps_for_profile(workload, profile_step, profile_steps);
      // The OpenBLAS kernel in use: under valgrind it may not be the one a native run picks.
      std::cout << json{{"step", profile_step},
                        {"steps", profile_steps},
                        {"mean_loss", mean_loss},
                        {"openblas_core", bench::machine_info()["openblas_core"]}}
                << "\n";
      return 0;
    }

    const json machine = bench::machine_info();  // before we load the machine ourselves
    std::cout << "==> Our engine" << (workload.quick ? " (quick)" : "")
              << ", each row in a fresh process\n"
              << std::flush;
    json rows;
    for (const std::string& name : kRowNames) {
      rows[name] = run_child(workload, "--row " + name);
      print_row(name, rows[name]);
      if (name == "step_batch1_dropout") {  // the moons rows, in report order
        std::tie(rows["moons_model"], rows["peak_rss"]) = measure_moons(workload);
        print_row("moons_model", rows["moons_model"]);
        print_row("peak_rss", rows["peak_rss"]);
      }
    }
    const experiments::Output out(common.out_dir);
    out.write_json("ours.json", {{"framework", "ours"},
                                 {"workload", bench::to_json(workload)},
                                 {"machine", machine},
                                 {"provenance", experiments::provenance_json()},
                                 {"rows", rows}});
    std::cout << "    wrote " << out.path("ours.json") << "\n";
  } catch (const std::exception& error) {
    std::cerr << "bench_engine: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
