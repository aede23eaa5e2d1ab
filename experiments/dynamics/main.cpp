// experiments/dynamics: what happens when dropout is trained by (stochastic) gradient descent,
// measured with the project's autograd/nn/optim (and a fast loop checked against them) and
// compared with closed forms. See README.md.
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/settings.hpp"

int main(int argc, char** argv) {
  experiments::CommonOptions common;
  dynamics::Settings settings;
  experiments::Cli cli("dynamics",
                       "Dropout trained by SGD and by Clara et al.'s iterative dropout, weight "
                       "decay vs dropout, and Wager et al.'s logistic dropout penalty, against "
                       "closed forms.");
  cli.add_common(common);
  cli.add_option("--threads", "worker threads (results do not depend on it)", settings.threads);
  cli.add_option("--sgd-steps", "steps K_max of each dropout SGD run (at least 10000)",
                 settings.sgd_steps);
  cli.add_option("--sgd-runs", "independent dropout SGD runs per learning rate", settings.sgd_runs);
  cli.add_option("--lr-large", "the larger constant learning rate of dropout SGD",
                 settings.lr_large);
  cli.add_option("--lr-small", "the smaller constant learning rate of dropout SGD",
                 settings.lr_small);
  cli.add_option("--chains", "independent chains per step size in Clara et al.'s scheme",
                 settings.clara_chains);
  cli.add_option("--equivalence-steps", "steps of each weight decay / dropout SGD run",
                 settings.equivalence_steps);
  cli.add_option("--equivalence-runs", "runs per weight decay / dropout configuration",
                 settings.equivalence_runs);
  cli.parse(argc, argv);
  if (settings.threads < 1) cli.usage_error("--threads must be at least 1");
  if (settings.sgd_steps < 10'000) cli.usage_error("--sgd-steps must be at least 10000");
  if (settings.sgd_runs < 2 || settings.equivalence_runs < 1) {
    cli.usage_error("--sgd-runs must be at least 2 and --equivalence-runs at least 1");
  }
  if (!(settings.lr_large > settings.lr_small && settings.lr_small > 0)) {
    cli.usage_error("need --lr-large > --lr-small > 0");
  }
  if (settings.clara_chains < 10) cli.usage_error("--chains must be at least 10");
  if (settings.equivalence_steps < 10 * settings.batches_per_run) {
    cli.usage_error("--equivalence-steps must be at least " +
                    std::to_string(10 * settings.batches_per_run));
  }
  if (common.quick) settings.make_quick();
  settings.seed = common.seed;
  try {
    const experiments::Output out(common.out_dir);
    nlohmann::json summary;
    // No thread count here: the summary must not depend on it.
    summary["config"] = {{"seed", settings.seed},
                         {"quick", settings.quick},
                         {"sgd_retain_prob", settings.sgd_retain_prob},
                         {"lr", {settings.lr_large, settings.lr_small}},
                         {"sgd_steps", settings.sgd_steps},
                         {"sgd_runs", settings.sgd_runs},
                         {"nn_check_steps", settings.nn_check_steps},
                         {"clara_retain_prob", settings.clara_retain_prob},
                         {"clara_alpha_factor", settings.clara_alpha_factor},
                         {"clara_alphas", settings.clara_alphas},
                         {"clara_chains", settings.clara_chains},
                         {"equivalence_lr", settings.equivalence_lr},
                         {"equivalence_steps", settings.equivalence_steps},
                         {"equivalence_runs", settings.equivalence_runs},
                         {"batches_per_run", settings.batches_per_run}};
    std::cerr << "dynamics: 1. dropout SGD\n";
    summary["sgd"] = dynamics::sgd_section(settings, out);
    std::cerr << "dynamics: 1b. the stability bound, fixed order, weight decay's stall\n";
    {
      const nlohmann::json stability = dynamics::stability_section(settings, out);
      for (const char* key : {"sgd_stability", "sgd_fixed_order", "weight_decay_stall"}) {
        summary[key] = stability[key];
      }
    }
    std::cerr << "dynamics: 2. Clara et al.'s iterative dropout\n";
    summary["clara"] = dynamics::clara_section(settings, out);
    std::cerr << "dynamics: 3. weight decay vs dropout\n";
    summary["equivalence"] = dynamics::equivalence_section(settings, out);
    std::cerr << "dynamics: 4. the logistic dropout penalty\n";
    const nlohmann::json wager = dynamics::wager_section(out);
    summary["wager"] = wager["table"];
    summary["wager_small_s"] = wager["small_s"];
    summary["wager_beta0"] = wager["beta0"];
    summary["claims"] = experiments::to_json(dynamics::write_report(summary, out));
    out.write_json("summary.json", summary);
    std::cout << "dynamics: wrote " << out.path("summary.json") << " and " << out.path("section.md")
              << "\n";
  } catch (const std::exception& error) {
    std::cerr << "dynamics: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
