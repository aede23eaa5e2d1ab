// experiments/dynamics: what happens when dropout is trained by (stochastic) gradient descent,
// measured with the project's autograd/nn/optim (and a fast loop checked against them) and
// compared with closed forms. See README.md.
#include <string>

#include "experiments/common/runner.hpp"
#include "experiments/dynamics/report.hpp"

// The executable's main() (experiments/common/program.cpp) calls this one, compiled into the
// experiment's library with the rest of its code (CMakeLists.txt).
namespace dynamics {

int main(int argc, char** argv) {
  dynamics::Settings s;
  auto options = [&](experiments::Cli& cli) {
    cli.add_option("--sgd-steps", "steps K_max of each dropout SGD run (at least 10000)",
                   s.sgd_steps);
    cli.add_option("--sgd-runs", "independent dropout SGD runs per learning rate", s.sgd_runs);
    cli.add_option("--lr-large", "the larger constant learning rate of dropout SGD", s.lr_large);
    cli.add_option("--lr-small", "the smaller constant learning rate of dropout SGD", s.lr_small);
    cli.add_option("--chains", "independent chains per step size in Clara et al.'s scheme",
                   s.clara_chains);
    cli.add_option("--equivalence-steps", "steps of each weight decay / dropout SGD run",
                   s.equivalence_steps);
    cli.add_option("--equivalence-runs", "runs per weight decay / dropout configuration",
                   s.equivalence_runs);
  };
  auto validate = [&](const experiments::Cli& cli) {
    if (s.sgd_steps < 10'000) cli.usage_error("--sgd-steps must be at least 10000");
    if (s.sgd_runs < 2) cli.usage_error("--sgd-runs must be at least 2");
    if (!(s.lr_large > s.lr_small && s.lr_small > 0)) {
      cli.usage_error("need --lr-large > --lr-small > 0");
    }
    if (s.clara_chains < 10) cli.usage_error("--chains must be at least 10");
    // Batch means need at least 10 steps per batch.
    if (s.equivalence_steps < 10 * s.batches_per_run) {
      cli.usage_error("--equivalence-steps must be at least " +
                      std::to_string(10 * s.batches_per_run));
    }
    if (s.equivalence_runs < 1) cli.usage_error("--equivalence-runs must be at least 1");
  };
  return experiments::run_experiment(
      argc, argv,
      {"dynamics",
       "Dropout trained by SGD and by Clara et al.'s iterative dropout, weight decay vs dropout, "
       "and Wager et al.'s logistic dropout penalty, against closed forms.",
       options, [&] { s.make_quick(); }, validate,
       [&](const experiments::Context& context) { return dynamics::run(s, context); }});
}

}  // namespace dynamics
