// The whole moons experiment for the shared runner: train and evaluate (experiment.cpp),
// summarise (summary.cpp), judge the claims (claims.cpp), write the tables, figures and
// section.md (report.hpp), and on request save seed 0's corrected models.
#pragma once

#include <string>

#include "experiments/common/runner.hpp"
#include "experiments/moons/experiment.hpp"

namespace moons {

// Runs the experiment with config's settings and the runner's seed, --quick and threads.
// save_dir: "" or the --save-models directory.
experiments::Report run(Config config, const std::string& save_dir,
                        const experiments::Context& context);

}  // namespace moons
