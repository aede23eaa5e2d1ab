// weight_decay: "weight decay" is L2 only for SGD (issue 20). The penalty in the loss against
// each optimizer's weight_decay, where Adam + L2 and AdamW end on a linear design, and the
// moons MLP under SGD + weight decay, Adam + L2, AdamW and Adam + dropout. See README.md.
#include "experiments/common/runner.hpp"
#include "experiments/weight_decay/report.hpp"

// The executable's main() (experiments/common/program.cpp) calls this one, compiled into the
// experiment's library with the rest of its code (CMakeLists.txt).
namespace weight_decay {

int main(int argc, char** argv) {
  weight_decay::Settings settings;
  weight_decay::MoonsSettings& moons = settings.moons;
  return experiments::run_experiment(
      argc, argv,
      {"weight_decay",
       "\"Weight decay\" is L2 only for SGD: Adam, AdamW and dropout, measured on a linear "
       "design and on the post's moons MLP.",
       [&](experiments::Cli& cli) {
         cli.add_option("--seeds", "moons seeds per sweep point", moons.seeds);
         cli.add_option("--epochs", "moons training epochs", moons.epochs);
         cli.add_option("--sgd-lr", "moons SGD learning rate", moons.sgd_lr);
         cli.add_option("--adam-lr", "moons Adam/AdamW learning rate", moons.adam_lr);
         cli.add_option("--linear-steps", "full-batch steps on the linear design",
                        settings.linear.steps);
       },
       [&] { settings = weight_decay::quick_settings(); },
       [&](const experiments::Cli& cli) {
         if (moons.seeds < 2) cli.usage_error("--seeds must be at least 2 (standard errors)");
         if (moons.epochs < 1) cli.usage_error("--epochs must be at least 1");
         if (!(moons.sgd_lr > 0) || !(moons.adam_lr > 0)) {
           cli.usage_error("--sgd-lr and --adam-lr must be positive");
         }
         if (settings.linear.steps <= settings.linear.tail) {
           cli.usage_error("--linear-steps must exceed the averaged tail (" +
                           std::to_string(settings.linear.tail) + ")");
         }
       },
       [&](const experiments::Context& context) { return weight_decay::run(settings, context); }});
}

}  // namespace weight_decay
