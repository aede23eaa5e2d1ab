#include "experiments/weight_decay/sweep.hpp"
#include "experiments/common/post_mlp.hpp"

#include <atomic>
#include <cmath>
#include <stdexcept>

#include "autograd/random.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/seeds.hpp"

namespace weight_decay {

namespace {

// Streams of derive_seed(seed, stage): one per seed index for the data, the split and the
// initial weights with the dropout masks after them.
constexpr std::uint64_t kDataStage = 1000, kSplitStage = 2000, kInitStage = 3000;

// The train and test sets of seed index `index` (experiments/common/post_mlp.hpp).
experiments::TrainTest seed_data(const MoonsSettings& settings, std::uint64_t seed,
                                 std::size_t index) {
  return experiments::moons_train_test(settings.samples, settings.noise, settings.test_size,
                                       experiments::derive_seed(seed, kDataStage + index),
                                       experiments::derive_seed(seed, kSplitStage + index));
}

// Strength 0 is one model for the three Adam methods (Adam and AdamW without decay, and Adam
// without dropout, take the same steps), so it is trained once and shared.
Method trained_as(Method method, double strength) {
  return strength == 0 && method != Method::sgd_weight_decay ? Method::adam_l2 : method;
}

void summarise(SweepPoint& p) {
  std::vector<double> accuracy, norm;
  for (const SeedRun& run : p.runs) {
    accuracy.push_back(run.test_accuracy);
    norm.push_back(run.weight_norm);
    p.constant_seeds += run.constant;
  }
  p.test_accuracy = experiments::mean_se(accuracy);
  p.weight_norm = experiments::mean_se(norm);
}

}  // namespace

std::vector<double> strengths(const MoonsSettings& settings, Method method) {
  std::vector<double> grid{0.0};
  const std::vector<double>& values = settings.grid(method);
  grid.insert(grid.end(), values.begin(), values.end());
  return grid;
}

SeedRun train_one(const MoonsSettings& settings, Method method, double strength, std::uint64_t seed,
                  std::size_t seed_index, const TrainingHooks& hooks) {
  const experiments::TrainTest data = seed_data(settings, seed, seed_index);
  autograd::manual_seed(experiments::derive_seed(seed, kInitStage + seed_index));
  auto model =
      experiments::make_mlp(settings.shape, method == Method::adam_dropout ? strength : 0.0);
  const auto optimizer = make_optimizer(method, strength, settings, model->parameters());
  train_epochs(*model, *optimizer, data.train, settings.epochs, 0.0, hooks);
  const Evaluation test = evaluate(*model, data.test);
  SeedRun run;
  run.test_accuracy = test.accuracy;
  run.train_accuracy = evaluate(*model, data.train).accuracy;
  run.weight_norm = parameter_norm(experiments::snapshot(*model));
  run.predicted_ones = test.predicted_ones;
  run.n_test = test.n;
  run.constant = test.constant();
  return run;
}

EqualityResult moons_equality(const MoonsSettings& settings, Method method, double lambda,
                              std::uint64_t seed) {
  if (method != Method::sgd_weight_decay && method != Method::adam_l2) {
    throw std::invalid_argument("moons_equality: only SGD and Adam add λθ to the gradient");
  }
  const experiments::TrainTest data = seed_data(settings, seed, 0);
  std::vector<Array> params[2];
  for (int route = 0; route < 2; ++route) {  // 0: penalty in the loss, 1: weight_decay = λ
    autograd::manual_seed(experiments::derive_seed(seed, kInitStage));
    auto model = experiments::make_mlp(settings.shape, 0.0);
    const auto optimizer =
        make_optimizer(method, route == 0 ? 0.0 : lambda, settings, model->parameters());
    train_epochs(*model, *optimizer, data.train, settings.equality_epochs,
                 route == 0 ? lambda : 0.0);
    params[route] = experiments::snapshot(*model);
  }
  EqualityResult result{"moons MLP", method == Method::sgd_weight_decay ? "SGD" : "Adam",
                        settings.equality_epochs * data.train.size(), lambda};
  result.max_abs_difference = max_abs_difference(params[0], params[1]);
  result.max_abs_parameter = max_abs_entry(params[0]);
  return result;
}

MoonsResults run_moons(const MoonsSettings& settings, std::uint64_t seed, std::size_t threads) {
  MoonsResults results;
  std::vector<std::pair<Method, double>> configs;  // what is trained: shared points once
  for (const Method method : kMethods) {
    for (const double strength : strengths(settings, method)) {
      if (trained_as(method, strength) == method) configs.emplace_back(method, strength);
    }
  }
  const std::size_t seeds = settings.seeds;
  // The split's n_test = ⌈test_size·n⌉, as datasets::train_test_split (for the progress line).
  const std::size_t n_train =
      settings.samples - static_cast<std::size_t>(std::ceil(settings.test_size * settings.samples));
  const std::size_t steps_per_run = settings.epochs * n_train;
  std::vector<SeedRun> runs(configs.size() * seeds);
  std::atomic<std::size_t> steps_done{0};
  std::atomic<bool> cancel{false};
  experiments::parallel_for(runs.size(),
                            [&](std::size_t task) {
                              const auto& [method, strength] = configs[task / seeds];
                              runs[task] = train_one(settings, method, strength, seed, task % seeds,
                                                     {&steps_done, &cancel});
                            },
                            {threads, "weight_decay: moons trainings", runs.size() * steps_per_run,
                             [&] { return steps_done.load(); }, &cancel});
  for (const Method method : kMethods) {
    for (const double strength : strengths(settings, method)) {
      SweepPoint p;
      p.method = method;
      p.strength = strength;
      for (std::size_t c = 0; c < configs.size(); ++c) {
        if (configs[c] != std::make_pair(trained_as(method, strength), strength)) continue;
        p.runs.assign(runs.begin() + c * seeds, runs.begin() + (c + 1) * seeds);
      }
      summarise(p);
      results.points.push_back(p);
    }
  }
  for (const Method method : {Method::sgd_weight_decay, Method::adam_l2}) {
    results.equalities.push_back(moons_equality(settings, method, settings.equality_lambda, seed));
  }
  return results;
}

const SweepPoint& point(const MoonsResults& results, Method method, double strength) {
  for (const SweepPoint& p : results.points) {
    if (p.method == method && p.strength == strength) return p;
  }
  throw std::logic_error("no sweep point for " + method_key(method) + " at " +
                         std::to_string(strength));
}

double collapse_strength(const MoonsResults& results, Method method) {
  for (const SweepPoint& p : results.points) {
    if (p.method == method && p.strength > 0 && p.collapsed()) return p.strength;
  }
  return std::nan("");
}

experiments::MeanSe paired_difference(const SweepPoint& a, const SweepPoint& b) {
  const auto accuracies = [](const SweepPoint& point) {
    std::vector<double> values;
    for (const SeedRun& run : point.runs) values.push_back(run.test_accuracy);
    return values;
  };
  return experiments::mean_se(experiments::paired_differences(accuracies(b), accuracies(a)));
}

}  // namespace weight_decay
