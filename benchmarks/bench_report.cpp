// bench_report: merges ours.json (bench_engine), pytorch.json (bench_torch.py) and
// libtorch.json (bench_libtorch) from --out into summary.json, bench.md and raw_repetitions.csv.
//
// Every figure is the median of a row's repetitions (min and max give the spread); each ratio
// is oriented so that > 1 means our engine is better: the peer's time over ours, our throughput
// over the peer's, the peer's memory over ours. The two peers are PyTorch from Python and
// LibTorch, the same library from C++ (issue 22): the gap between them is Python's share.
// Without a peer, its figures and ratios are null and the table says why.
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmarks/statistics.hpp"
#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/provenance.hpp"

namespace {

using nlohmann::json;

struct RowSpec {
  std::string key;
  std::string title;
  bool higher_is_better;
};

json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return json::parse(in);
}

std::optional<json> read_optional_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  return json::parse(in);
}

// The rows in report order; titles name the sizes actually run (--quick shrinks them).
std::vector<RowSpec> row_specs(const json& w) {
  const std::string hidden = std::to_string(w["hidden"].get<int>());
  const std::string blog = "2-" + hidden + "-" + hidden + "-1";
  const std::string large_h = std::to_string(w["large_hidden"].get<int>());
  return {
      {"step_batch1", "training step, " + blog + ", batch 1, weight decay", false},
      {"step_batch1_dropout", "training step, " + blog + ", batch 1, dropout 0.5", false},
      {"moons_model",
       "moons: train one model, " + std::to_string(w["moons_epochs"].get<int>()) + " epochs",
       false},
      {"large_batch",
       "training step, 2-" + large_h + "-" + large_h + "-1, batch " +
           std::to_string(w["large_batch"].get<int>()),
       true},
      {"mc_theorem",
       "theorem Monte Carlo, N = " + std::to_string(w["mc_rows"].get<int>()) +
           ", D = " + std::to_string(w["mc_column_scales"].size()),
       true},
      {"peak_rss", "peak RSS of the moons model's process", false},
  };
}

std::string display_unit(const std::string& unit) {
  return unit == "us/step" ? "µs/step" : unit;
}

// "15.2 [14.9–16.0]" (one repetition: just the value).
std::string figure(const bench::Spread& s) {
  std::string text = experiments::rounded(s.median, 3);
  if (s.repetitions > 1) {
    text += " [" + experiments::rounded(s.min, 3) + "–" + experiments::rounded(s.max, 3) + "]";
  }
  return text;
}

json spread_json(const bench::Spread& s, const std::string& prefix) {
  return {{prefix, s.median},
          {prefix + "_min", s.min},
          {prefix + "_max", s.max},
          {prefix + "_repetitions", s.repetitions}};
}

// A row's details other than its values and unit (losses, epochs, how it was timed).
json details(json row) {
  row.erase("values");
  row.erase("unit");
  row.erase("wall_values");
  row.erase("bare_dgemm_values");
  row.erase("bare_dgemm_wall_values");
  row.erase("bare_step_values");
  row.erase("bare_step_wall_values");
  return row;
}

// A framework we compare with: PyTorch from Python or LibTorch from C++, read from its file.
struct Peer {
  std::string key;    // "pytorch", "libtorch": the prefix of its fields in summary.json
  std::string label;  // "PyTorch", "LibTorch"
  std::optional<json> file;
  bool available = false;
  std::string absent_reason;

  // summary.json's name of the ratio against this peer: "ratio" for PyTorch (as before issue
  // 22), "ratio_libtorch" for LibTorch.
  std::string ratio_key() const { return key == "pytorch" ? "ratio" : "ratio_" + key; }
};

Peer read_peer(const experiments::Output& out, const std::string& key, const std::string& label,
               const json& workload) {
  Peer peer{key, label, read_optional_json(out.path(key + ".json")), false, ""};
  peer.available = peer.file && peer.file->value("available", false);
  peer.absent_reason =
      peer.file ? peer.file->value("reason", "no reason given") : key + ".json not found";
  if (peer.available && (*peer.file)["workload"] != workload) {
    throw std::runtime_error(key +
                             ".json was measured on another workload than ours.json: "
                             "rerun benchmarks/run_bench.sh");
  }
  return peer;
}

// One row's figures of one peer.
struct PeerFigures {
  std::optional<bench::Spread> spread;
  std::optional<double> ratio;
  std::optional<double> ratio_wall;
};

struct Target {
  std::string row;
  std::string description;  // e.g. "ratio ≥ 100"
  std::optional<double> value;
  double threshold;
  bool at_least;  // value ≥ threshold passes, else value ≤ threshold passes

  std::optional<bool> met() const {
    if (!value) return std::nullopt;
    return at_least ? *value >= threshold : *value <= threshold;
  }
  std::string verdict() const {
    const auto m = met();
    return m ? (*m ? "met" : "not met") : "PyTorch not installed";
  }
};

// One line per repetition: framework,row,clock,repetition,value,unit.
void append_csv(std::ostringstream& csv, const std::string& framework, const std::string& row,
                const std::string& clock, const json& values, const std::string& unit) {
  std::size_t rep = 0;
  for (const double v : values) {
    csv << framework << "," << row << "," << clock << "," << rep++ << "," << experiments::exact(v)
        << "," << unit << "\n";
  }
}

// A row's values on both clocks into the CSV (memory rows have no clock).
void append_row_csv(std::ostringstream& csv, const std::string& framework, const std::string& row,
                    const json& measured, const std::string& unit, const std::string& prefix = "") {
  const bool timed = measured.contains(prefix + "wall_values");
  append_csv(csv, framework, row, timed ? "cpu" : "none", measured[prefix + "values"], unit);
  if (timed) append_csv(csv, framework, row, "wall", measured[prefix + "wall_values"], unit);
}

// The ratio of two medians, oriented so that > 1 means ours is better.
double better_ratio(double ours, double theirs, bool higher_is_better) {
  return higher_is_better ? ours / theirs : theirs / ours;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir = "results/bench";
  std::string timings_file = "results/timings.json";
  experiments::Cli cli("bench_report",
                       "Merges ours.json and pytorch.json in --out into summary.json, bench.md "
                       "and raw_repetitions.csv.");
  cli.add_option("--out", "directory holding ours.json and pytorch.json; written there too",
                 out_dir);
  cli.add_option("--timings",
                 "the timings.json of the last ./run.sh (experiments/run_all.sh), for the target "
                 "on the whole run's time; skipped when the file does not exist",
                 timings_file);
  cli.parse(argc, argv);

  try {
    const experiments::Output out(out_dir);
    const json ours = read_json(out.path("ours.json"));
    const json& workload = ours["workload"];
    const std::vector<Peer> peers{read_peer(out, "pytorch", "PyTorch", workload),
                                  read_peer(out, "libtorch", "LibTorch", workload)};
    const Peer& pytorch = peers[0];
    const Peer& libtorch = peers[1];
    // Instructions per batch-1 step, when run_bench.sh ran benchmarks/callgrind_steps.sh.
    const std::optional<json> callgrind = read_optional_json(out.path("callgrind.json"));

    json rows = json::object();
    std::vector<Target> targets;
    std::ostringstream csv;
    csv << "framework,row,clock,repetition,value,unit\n";
    std::ostringstream table;
    table << "| row | ours | PyTorch | ratio vs PyTorch (> 1: ours better) | ratio, wall clock "
             "| LibTorch | ratio vs LibTorch | ratio, wall clock | targets |\n"
          << "|---|---|---|---|---|---|---|---|---|\n";

    for (const RowSpec& spec : row_specs(workload)) {
      const json& our_row = ours["rows"][spec.key];
      const std::string unit = our_row["unit"];
      const bench::Spread our_spread = bench::summarise(our_row["values"]);
      json row = spread_json(our_spread, "ours");
      row["unit"] = unit;
      row["better"] = spec.higher_is_better ? "higher" : "lower";
      row["title"] = spec.title;
      row["ours_details"] = details(our_row);
      append_row_csv(csv, "ours", spec.key, our_row, unit);
      const bool timed = our_row.contains("wall_values");
      if (timed) row["ours_wall"] = bench::summarise(our_row["wall_values"]).median;

      // Each peer's figures and ratios: pytorch, pytorch_min, …, ratio, ratio_wall for PyTorch;
      // libtorch, libtorch_min, …, ratio_libtorch, ratio_libtorch_wall for LibTorch.
      std::vector<PeerFigures> peer_figures;
      for (const Peer& peer : peers) {
        PeerFigures figures;
        if (peer.available) {
          const json& peer_row = (*peer.file)["rows"][spec.key];
          if (peer_row["unit"] != unit) {
            throw std::runtime_error(spec.key + ": units differ between ours.json and " + peer.key +
                                     ".json");
          }
          figures.spread = bench::summarise(peer_row["values"]);
          row.update(spread_json(*figures.spread, peer.key));
          row[peer.key + "_details"] = details(peer_row);
          figures.ratio =
              better_ratio(our_spread.median, figures.spread->median, spec.higher_is_better);
          row[peer.ratio_key()] = *figures.ratio;
          if (timed) {
            row[peer.key + "_wall"] = bench::summarise(peer_row["wall_values"]).median;
            figures.ratio_wall =
                better_ratio(row["ours_wall"], row[peer.key + "_wall"], spec.higher_is_better);
            row[peer.ratio_key() + "_wall"] = *figures.ratio_wall;
          }
          append_row_csv(csv, peer.key, spec.key, peer_row, unit);
        } else {
          row[peer.key] = nullptr;
          row[peer.ratio_key()] = nullptr;
        }
        peer_figures.push_back(figures);
      }
      const std::optional<double> ratio = peer_figures[0].ratio;  // PyTorch's: issue 9's targets

      // The targets of issue 9 that concern this row.
      std::vector<Target> row_targets;
      if (spec.key == "step_batch1" || spec.key == "step_batch1_dropout") {
        row_targets.push_back({spec.key, "≥ 100× faster than PyTorch", ratio, 100, true});
        // The arithmetic limit: the step's flops (6 per multiply-add) at the peak rate of this
        // machine, taken as the fastest repetition of bare dgemm (row large_batch): a limit is
        // a best case, and the fastest repetition is the one least disturbed by other work.
        const double peak_gflops =
            bench::summarise(ours["rows"]["large_batch"]["bare_dgemm_values"]).max;
        // flops / (GFLOP/s · 1e9) seconds = flops / (GFLOP/s · 1e3) microseconds.
        const double limit_us = workload["blog_step_flops"].get<double>() / (peak_gflops * 1e3);
        row["arithmetic_limit_us"] = limit_us;
        row["times_arithmetic_limit"] = our_spread.median / limit_us;
        // The floor in practice: the same step written out by hand (measure_bare_step,
        // measure_bare_dropout_step), and issue 22's goal against it.
        if (our_row.contains("bare_step_values")) {
          const bench::Spread bare = bench::summarise(our_row["bare_step_values"]);
          row.update(spread_json(bare, "bare_step"));
          const double times_bare = our_spread.median / bare.median;
          row["times_bare_step"] = times_bare;
          for (std::size_t i = 0; i < peers.size(); ++i) {
            if (peer_figures[i].spread) {
              row[peers[i].key + "_over_bare_step"] = peer_figures[i].spread->median / bare.median;
            }
          }
          append_row_csv(csv, "bare_step", spec.key, our_row, unit, "bare_step_");
          if (callgrind) {
            const json& counts = (*callgrind)["instructions_per_step"];
            const bool dropout = spec.key == "step_batch1_dropout";
            const double engine = counts[dropout ? "engine_dropout" : "engine"];
            const double floor = counts[dropout ? "bare_dropout" : "bare"];
            row["instructions_per_step"] = engine;
            row["bare_step_instructions_per_step"] = floor;
            row["instructions_times_bare_step"] = engine / floor;
          }
          const double goal = spec.key == "step_batch1" ? 1.2 : 1.3;
          row_targets.push_back({spec.key,
                                 "within " + experiments::rounded(goal, 2) +
                                     "× of the hand-written step (" + figure(bare) +
                                     " µs); measured ×" + experiments::rounded(times_bare, 3),
                                 times_bare, goal, false});
        }
        row_targets.push_back(
            {spec.key,
             "within 10× of the arithmetic limit (" + experiments::rounded(limit_us, 3) +
                 " µs: " + experiments::rounded(workload["blog_step_flops"], 5) +
                 " flops at bare dgemm's best " + experiments::rounded(peak_gflops, 3) +
                 " GFLOP/s); measured ×" + experiments::rounded(our_spread.median / limit_us, 3),
             our_spread.median / limit_us, 10, false});
      } else if (spec.key == "large_batch") {
        const bench::Spread dgemm = bench::summarise(our_row["bare_dgemm_values"]);
        row.update(spread_json(dgemm, "bare_dgemm"));
        row["fraction_of_dgemm"] = our_spread.median / dgemm.median;
        row["fraction_of_dgemm_wall"] = row["ours_wall"].get<double>() /
                                        bench::summarise(our_row["bare_dgemm_wall_values"]).median;
        append_row_csv(csv, "bare_dgemm", spec.key, our_row, unit, "bare_dgemm_");
        row_targets.push_back({spec.key, "≥ 0.9× PyTorch's throughput", ratio, 0.9, true});
        row_targets.push_back({spec.key,
                               "≥ 80% of bare dgemm (" + figure(dgemm) + " GFLOP/s); measured " +
                                   experiments::rounded(100 * our_spread.median / dgemm.median, 3) +
                                   "%",
                               our_spread.median / dgemm.median, 0.8, true});
      } else if (spec.key == "peak_rss") {
        row_targets.push_back({spec.key, "under 1/10 of PyTorch's (ratio > 10)", ratio, 10, true});
      }

      std::string target_cell = "—";
      if (!row_targets.empty()) {
        target_cell.clear();
        for (const Target& t : row_targets) {
          if (!target_cell.empty()) target_cell += "; ";
          target_cell += t.description + ": **" + t.verdict() + "**";
        }
      }
      table << "| " << spec.key << ": " << spec.title << " (" << display_unit(unit) << ") | "
            << figure(our_spread);
      for (std::size_t i = 0; i < peers.size(); ++i) {
        const PeerFigures& f = peer_figures[i];
        table << " | " << (f.spread ? figure(*f.spread) : peers[i].label + " not available")
              << " | " << (f.ratio ? experiments::rounded(*f.ratio, 3) : "—") << " | "
              << (f.ratio_wall ? experiments::rounded(*f.ratio_wall, 3) : "—");
      }
      table << " | " << target_cell << " |\n";
      targets.insert(targets.end(), row_targets.begin(), row_targets.end());
      rows[spec.key] = row;
    }

    // The whole ./run.sh: read from the last run's timings.json, if any.
    std::string run_sh_sentence;
    json run_sh = nullptr;
    if (std::ifstream timings_stream(timings_file); timings_stream) {
      const json timings = json::parse(timings_stream);
      const double total = timings["wall_seconds"]["total"];
      const Target whole_run{"run_sh", "every experiment of ./run.sh in under two minutes", total,
                             120, false};
      run_sh_sentence = "\nThe last `./run.sh` (" + timings_file + ") ran every experiment in " +
                        experiments::rounded(total, 3) + " s of wall time on " +
                        timings["cores"].dump() + " cores (build excluded): target **" +
                        whole_run.verdict() + "**.\n";
      run_sh = timings;
      targets.push_back(whole_run);
    } else {
      run_sh_sentence =
          "\nThe target that every experiment of `./run.sh` runs in under two minutes is not "
          "measured: " +
          timings_file + " does not exist (run `./run.sh` first).\n";
    }

    json target_list = json::array();
    for (const Target& t : targets) {
      const auto met = t.met();
      target_list.push_back({{"row", t.row},
                             {"target", t.description},
                             {"value", t.value ? json(*t.value) : json(nullptr)},
                             {"threshold", t.threshold},
                             {"at_least", t.at_least},
                             {"met", met ? json(*met) : json(nullptr)}});
    }
    const json& machine = ours["machine"];
    const json torch_info = pytorch.available ? (*pytorch.file)["pytorch"] : json(nullptr);
    const json libtorch_info = libtorch.available ? (*libtorch.file)["libtorch"] : json(nullptr);
    json summary = {
        {"rows", rows},
        {"targets", target_list},
        {"config",
         {{"workload", workload},
          {"statistic", "median of the repetitions; min and max as the spread"},
          {"clock", "figures from process CPU time; *_wall and ratio_wall from wall time"},
          {"ratio", "> 1 means ours is better"},
          {"pytorch_available", pytorch.available},
          {"libtorch_available", libtorch.available}}},
        {"machine", machine},
        // The build that measured the numbers (bench_engine's, in ours.json); this program's
        // own when ours.json predates the field.
        {"provenance",
         ours.contains("provenance") ? ours["provenance"] : experiments::provenance_json()},
        {"pytorch", torch_info},
        {"libtorch", libtorch_info},
        {"run_sh", run_sh}};
    for (const Peer& peer : peers) {
      if (!peer.available) summary["config"][peer.key + "_absent_reason"] = peer.absent_reason;
    }
    out.write_json("summary.json", summary);
    out.write_text("raw_repetitions.csv", csv.str());

    std::ostringstream md;
    md << "## Benchmarks: our engine against PyTorch and LibTorch\n\n"
       << (workload["quick"].get<bool>()
               ? "**Quick mode (a smoke test): sizes and repetitions are cut, the numbers mean "
                 "little.**\n\n"
               : "")
       << "Machine: " << machine["cpu_model"].get<std::string>() << ", " << machine["logical_cpus"]
       << " logical CPUs; OpenBLAS `" << machine["openblas_config"].get<std::string>() << "` on "
       << machine["openblas_threads"] << " thread(s); g++ "
       << machine["compiler_version"].get<std::string>() << ", "
       << machine["build_type"].get<std::string>() << " build; load average (1, 5, 15 min) "
       << machine["load_average"].get<std::string>() << " when our run started. ";
    if (pytorch.available) {
      md << "PyTorch " << torch_info["version"].get<std::string>() << " (Python) on "
         << torch_info["num_threads"] << " thread(s); its BLAS: `"
         << torch_info.value("openblas_config", "not OpenBLAS") << "` on "
         << torch_info.value("openblas_threads", 0)
         << " thread(s) (loaded: " << torch_info["blas_libraries"].dump() << "). ";
    } else {
      md << "**PyTorch not installed** (" << pytorch.absent_reason
         << "): its column and ratios are empty. ";
    }
    if (libtorch.available) {
      md << "LibTorch " << libtorch_info["version"].get<std::string>() << " (C++, the library "
         << "under PyTorch, benchmarks/libtorch/bench_libtorch.cpp) on "
         << libtorch_info["num_threads"] << " thread(s); its BLAS: `"
         << libtorch_info.value("openblas_config", "not OpenBLAS") << "` on "
         << libtorch_info.value("openblas_threads", 0) << " thread(s).\n\n";
    } else {
      md << "**LibTorch not available** (" << libtorch.absent_reason
         << "): its column and ratios are empty.\n\n";
    }
    md << "Each figure is the median of the repetitions, [min–max] in brackets, from the "
          "process's CPU time (the machine is shared: CPU time counts only the time the "
          "benchmark ran, and equals wall time for single-threaded work on an idle machine); "
          "each ratio compares medians and is > 1 when ours is better (the peer's time over ours, "
          "our throughput over the peer's, the peer's memory over ours). The same ratio from "
          "wall time is beside it. Float64 in all three, one thread.\n\n"
       << table.str() << "\n";
    md << "How each row is measured (details in benchmarks/README.md): every row runs in a "
          "fresh process of its framework. Batch-1 steps cycle through the "
       << rows["step_batch1"]["ours_details"]["training_points"] << " training points, "
       << workload["step_repetitions"] << " repetitions of " << workload["step_steps_per_rep"]
       << " steps after " << workload["step_warmup_steps"]
       << " warm-up steps. moons_model and peak_rss come from the same process per run ("
       << workload["moons_repetitions_ours"] << " run(s) of ours, "
       << workload["moons_repetitions_pytorch"]
       << " of PyTorch and of LibTorch; all epochs timed, no extrapolation). large_batch: "
       << workload["large_repetitions"] << " steps after " << workload["large_warmup_steps"]
       << " warm-up, GFLOP/s = " << experiments::rounded(workload["large_step_flops"], 6)
       << " nominal flops (6 per multiply-add) / time; bare dgemm runs the step's matrix "
          "products alone. mc_theorem: "
       << workload["mc_repetitions"] << " runs of " << workload["mc_draws_per_rep"] << " draws, "
       << workload["mc_chunk_draws"] << " draws stacked per forward pass in every framework.\n";
    // The floors: each batch-1 step written out by hand (benchmarks/README.md), and issue
    // 22's goal against them (1.2× without dropout, 1.3× with).
    const std::vector<std::pair<std::string, std::string>> floors{
        {"step_batch1",
         "The floor of a batch-1 step: the same step written out by hand for this "
         "one model (plain loops and two cblas_dgemv calls on preallocated "
         "buffers, no graph; same weights, points and losses)"},
        {"step_batch1_dropout",
         "The floor of the dropout step: the same written out by hand, the masks drawn from the "
         "library generator as nn::Dropout draws them (same masks, same losses)"}};
    for (const auto& [key, description] : floors) {
      const json& step = rows[key];
      if (!step.contains("bare_step")) continue;
      md << "\n"
         << description << ", takes " << experiments::rounded(step["bare_step"], 3)
         << " µs. Ours takes " << experiments::rounded(step["times_bare_step"], 3) << "× that";
      for (const Peer& peer : peers) {
        if (step.contains(peer.key + "_over_bare_step")) {
          md << ", " << peer.label << " "
             << experiments::rounded(step[peer.key + "_over_bare_step"], 3) << "×";
        }
      }
      md << ".";
      if (step.contains("instructions_per_step")) {
        md << " In instructions (callgrind, callgrind.md): "
           << experiments::rounded(step["instructions_per_step"], 3) << " per step against "
           << experiments::rounded(step["bare_step_instructions_per_step"], 3) << ", "
           << experiments::rounded(step["instructions_times_bare_step"], 3) << "×.";
      }
      if (key == "step_batch1" && step.contains("pytorch_over_bare_step")) {
        md << " No engine that keeps PyTorch's semantics (gradients stored, then an SGD step) "
              "could be more than about "
           << experiments::rounded(step["pytorch_over_bare_step"], 3)
           << "× faster than PyTorch here.";
      }
      md << "\n";
    }
    md << run_sh_sentence;
    out.write_text("bench.md", md.str());
    std::cout << md.str() << "    wrote " << out.path("summary.json") << ", "
              << out.path("bench.md") << ", " << out.path("raw_repetitions.csv") << "\n";
  } catch (const std::exception& error) {
    std::cerr << "bench_report: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
