// The skeleton every experiment runs on: main() hands a spec to run_experiment, which owns the
// command line, the output directory, the exit codes and the files every experiment writes.
//
//   int main(int argc, char** argv) {
//     theorem::Settings settings;
//     return experiments::run_experiment(argc, argv, {
//         "theorem", "Srivastava's dropout-ridge identity, checked four ways.",
//         [&](experiments::Cli& cli) { cli.add_option("--draws", "...", settings.draws); },
//         [&] { settings = theorem::quick_settings(); },
//         [&](const experiments::Cli& cli) { if (settings.draws < 2) cli.usage_error("..."); },
//         [&](const experiments::Context& context) { return theorem::run(settings, context); }});
//   }
//
// Exit codes: 0 after a run (or --help), 2 for bad usage (with the usage on stderr), 1 when the
// run throws (the message on stderr, no summary.json written; a write error names the file).
// SIGINT or SIGTERM stops the run (within a tenth of a second where it runs parallel_for or
// writes files, two seconds at most elsewhere), removes the temporary file being written,
// says so on stderr and ends the process by the same signal: exit status 130 or 143 in a
// shell, which stops a script that runs it too. --out then holds complete files or none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"

namespace experiments {

// What a run may use: the shared options and the output directory (already created).
struct Context {
  std::uint64_t seed;
  bool quick;
  std::size_t threads;  // results must not depend on it
  const Output& out;
};

// What a run returns. The runner writes summary.json and section.md atomically, after the run,
// so a failed run leaves neither; CSV tables and figures are written by the run through `out`.
struct Report {
  nlohmann::json summary;  // summary.json: the numbers, for readers outside (and the tests);
                           // the runner adds the build's "provenance" block
  std::string section;     // section.md: the experiment's part of results/REPORT.md
  std::string console;     // a few lines printed on stdout at the end
};

struct ExperimentSpec {
  std::string name;                           // the program name, and results/<name> by default
  std::string description;                    // the first lines of --help
  std::function<void(Cli&)> options;          // the experiment's own options (may be empty)
  std::function<void()> make_quick;           // what --quick changes (may be empty)
  std::function<void(const Cli&)> validate;   // calls cli.usage_error on bad values (may be empty)
  std::function<Report(const Context&)> run;  // compute, check, report
};

// Parses the command line, runs the experiment and writes its files; returns the exit code.
int run_experiment(int argc, const char* const* argv, const ExperimentSpec& spec);

}  // namespace experiments
