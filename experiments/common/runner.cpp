#include "experiments/common/runner.hpp"

#include "experiments/common/provenance.hpp"

#include <exception>
#include <iostream>

namespace experiments {

int run_experiment(int argc, const char* const* argv, const ExperimentSpec& spec) {
  Cli cli(spec.name, spec.description);
  CommonOptions common;
  cli.add_common(common);
  if (spec.options) spec.options(cli);
  if (spec.make_quick) cli.on_quick(spec.make_quick);
  cli.parse(argc, argv);
  if (common.threads == 0) cli.usage_error("--threads must be at least 1");
  if (spec.validate) spec.validate(cli);
  try {
    const Output out(common.out_dir);
    Report report = spec.run(Context{common.seed, common.quick, common.threads, out});
    // Which version and build made these numbers (the same for every run of one build).
    report.summary["provenance"] = provenance_json();
    out.write_text("section.md", report.section);
    out.write_json("summary.json", report.summary);
    std::cout << report.console << spec.name << ": wrote " << out.path("summary.json") << " and "
              << out.path("section.md") << "\n";
  } catch (const std::exception& error) {
    std::cerr << spec.name << ": error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace experiments
