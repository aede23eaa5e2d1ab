// experiments/theorem: Srivastava's dropout–ridge identity for linear regression, checked four
// ways (theorem.hpp). main() declares the options and hands the run to the shared runner.
#include <string>

#include <fmt/format.h>

#include "experiments/common/runner.hpp"
#include "experiments/theorem/theorem.hpp"

// The executable's main() (experiments/common/program.cpp) calls this one, compiled into the
// experiment's library with the rest of its code (CMakeLists.txt).
namespace theorem {

int main(int argc, char** argv) {
  theorem::Settings settings;
  return experiments::run_experiment(
      argc, argv,
      {"theorem",
       "Checks numerically that input dropout on linear regression is, in expectation, ridge "
       "regression (Srivastava et al., 2014, §9.1).",
       [&](experiments::Cli& cli) {
         cli.add_option("--retain-prob", "retain probability p of each input (the theorem's p)",
                        settings.retain_prob);
         cli.add_option("--draws", "Monte Carlo draws of the loss", settings.draws);
         cli.add_option("--gradient-draws", "Monte Carlo draws of the gradient (one backward each)",
                        settings.gradient_draws);
       },
       [&] { settings.make_quick(); },
       [&](const experiments::Cli& cli) {
         if (!(settings.retain_prob > 0 && settings.retain_prob < 1)) {
           cli.usage_error(
               fmt::format("--retain-prob must be in (0, 1), got {:g}", settings.retain_prob));
         }
         if (settings.draws < 2) cli.usage_error("--draws must be at least 2");
         if (settings.gradient_draws < 2) cli.usage_error("--gradient-draws must be at least 2");
       },
       [&](const experiments::Context& context) { return theorem::run(settings, context); }});
}

}  // namespace theorem
