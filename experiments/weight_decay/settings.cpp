#include "experiments/weight_decay/settings.hpp"

#include <array>
#include <stdexcept>

namespace weight_decay {

namespace {
// Per method, in the order of the enum: its name in the report, its key in summary.json and
// the CSV file names.
struct MethodNames {
  const char* name;
  const char* key;
};
constexpr std::array<MethodNames, 4> kNames = {{{"SGD + weight decay", "sgd_weight_decay"},
                                                {"Adam + L2", "adam_l2"},
                                                {"AdamW", "adamw"},
                                                {"Adam + dropout", "adam_dropout"}}};
}  // namespace

std::string method_name(Method method) {
  return kNames.at(static_cast<std::size_t>(method)).name;
}

std::string method_key(Method method) {
  return kNames.at(static_cast<std::size_t>(method)).key;
}

std::string strength_name(Method method) {
  return method == Method::adam_dropout ? "drop probability" : "λ";
}

const std::vector<double>& MoonsSettings::grid(Method method) const {
  switch (method) {
    case Method::sgd_weight_decay:
      return sgd_weight_decays;
    case Method::adam_l2:
      return adam_l2_weight_decays;
    case Method::adamw:
      return adamw_weight_decays;
    case Method::adam_dropout:
      return drop_probs;
  }
  throw std::logic_error("MoonsSettings::grid: unknown method");
}

Settings quick_settings() {
  // A few seconds in the tests: a smaller linear problem and a few short trainings, with the
  // same structure (every row, every claim) as the default run.
  Settings settings;
  settings.linear.equality_steps = 100;
  settings.linear.steps = 20000;  // enough at scales 0.1, 1 and 10 (linear.hpp)
  settings.linear.scales = {0.1, 1.0, 10.0};
  settings.moons.samples = 200;
  settings.moons.shape.hidden = {16, 16};
  settings.moons.epochs = 5;
  settings.moons.seeds = 3;
  settings.moons.sgd_lr = 0.04;
  settings.moons.adam_lr = 0.04;
  settings.moons.sgd_weight_decays = {0.1, 10.0};
  settings.moons.adam_l2_weight_decays = {0.1, 10.0};
  settings.moons.adamw_weight_decays = {0.1, 10.0};
  settings.moons.drop_probs = {0.5};
  settings.moons.common_lambda = 0.1;
  settings.moons.equality_epochs = 1;
  return settings;
}

}  // namespace weight_decay
