// experiments/illustrations: the post's three intuition-building computations replayed exactly
// as its code writes them, what they really do to the points, and what L2 regularisation and
// dropout really do on a regression with the same matrix as design. See README.md.
#include <fmt/format.h>

#include "experiments/common/runner.hpp"
#include "experiments/illustrations/report.hpp"

// The executable's main() (experiments/common/program.cpp) calls this one, compiled into the
// experiment's library with the rest of its code (CMakeLists.txt).
namespace illustrations {

int main(int argc, char** argv) {
  Settings settings;
  return experiments::run_experiment(
      argc, argv,
      {"illustrations",
       "Replays the post's three intuition-building computations exactly as its code writes "
       "them, measures what they do, and shows what L2 and dropout actually do on the same "
       "data. The full run takes under a second, so --quick changes nothing.",
       [&](experiments::Cli& cli) {
         cli.add_option("--points-per-cluster",
                        "points drawn from each of the three Gaussian clusters",
                        settings.points_per_cluster);
         cli.add_option("--weight-decay", "lambda of the ridge / weight-decay demonstration",
                        settings.weight_decay);
         cli.add_option("--retain-prob",
                        "retain probability p of the marginalised dropout (theorem's p)",
                        settings.retain_prob);
       },
       {},  // no --quick variant: the full run is already quick
       [&](const experiments::Cli& cli) {
         if (settings.points_per_cluster < 2) {
           cli.usage_error("--points-per-cluster must be at least 2");
         }
         if (!(settings.weight_decay > 0)) {
           cli.usage_error(
               fmt::format("--weight-decay must be > 0, got {}", settings.weight_decay));
         }
         if (!(settings.retain_prob > 0 && settings.retain_prob < 1)) {
           cli.usage_error(
               fmt::format("--retain-prob must be in (0, 1), got {}", settings.retain_prob));
         }
       },
       [&](const experiments::Context& context) { return run(settings, context); }});
}

}  // namespace illustrations
