#include "experiments/moons/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "autograd/pointwise.hpp"
#include "autograd/random.hpp"
#include "datasets/split.hpp"
#include "experiments/common/parallel.hpp"
#include "experiments/common/seeds.hpp"

namespace moons {

void make_quick(Config& config) {
  config.epochs = 10;
  config.lr = 0.02;
  config.seeds = 3;
  config.sweep_seeds = 2;
  config.weight_decay_grid = {0.01, 0.2, 1.0};
  config.drop_prob_grid = {0.0, 0.5, 0.9};
}

std::uint64_t stage_seed(const Config& config, std::size_t seed_index, SeedStage stage) {
  return experiments::derive_seed(experiments::derive_seed(config.seed, seed_index), stage);
}

SeedData make_seed_data(const Config& config, std::size_t seed_index,
                        const datasets::Dataset* file_data) {
  SeedData result;
  const std::uint64_t split_seed = stage_seed(config, seed_index, kSplitStage);
  if (file_data == nullptr) {
    experiments::TrainTest drawn =
        experiments::moons_train_test(config.n_samples, config.noise, config.test_size,
                                      stage_seed(config, seed_index, kDataStage), split_seed);
    result.train = std::move(drawn.train);
    result.test = std::move(drawn.test);
  } else if (file_data->X.shape()[1] == 2) {
    std::tie(result.train, result.test) =
        datasets::train_test_split(*file_data, config.test_size, split_seed);
  } else if (file_data->X.shape()[1] == 3) {  // x0, x1, is_test
    std::vector<std::size_t> train_rows, test_rows;
    for (std::size_t i = 0; i < file_data->size(); ++i) {
      const double is_test = file_data->X(i, 2);
      if (is_test != 0 && is_test != 1) {
        throw std::invalid_argument("--data: the is_test column (the third) must be 0 or 1; row " +
                                    std::to_string(i + 1) + " has " + std::to_string(is_test));
      }
      (is_test == 1 ? test_rows : train_rows).push_back(i);
    }
    if (train_rows.empty() || test_rows.empty()) {
      throw std::invalid_argument(
          "--data: the is_test column leaves an empty training or test set");
    }
    datasets::Dataset features{xt::view(file_data->X, xt::all(), xt::range(0, 2)), file_data->y};
    result.train = datasets::select_rows(features, train_rows);
    result.test = datasets::select_rows(features, test_rows);
  } else {
    throw std::invalid_argument(
        "--data: expected columns x0,x1,label or x0,x1,is_test,label; got " +
        std::to_string(file_data->X.shape()[1] + 1) + " columns");
  }
  for (const datasets::Dataset* part : {&result.train, &result.test}) {
    for (const double label : part->y) {
      if (label != 0 && label != 1) {
        throw std::invalid_argument("labels must be 0 or 1, got " + std::to_string(label));
      }
    }
  }
  result.rows = as_rows(result.train);
  return result;
}

Grid make_grid(const datasets::Dataset& data, std::size_t nx, std::size_t ny) {
  constexpr double kMargin = 0.25;  // room around the outermost points
  Grid grid;
  grid.nx = nx;
  grid.ny = ny;
  grid.x_low = xt::amin(xt::view(data.X, xt::all(), 0))() - kMargin;
  grid.x_high = xt::amax(xt::view(data.X, xt::all(), 0))() + kMargin;
  grid.y_low = xt::amin(xt::view(data.X, xt::all(), 1))() - kMargin;
  grid.y_high = xt::amax(xt::view(data.X, xt::all(), 1))() + kMargin;
  grid.points = xt::zeros<double>({nx * ny, std::size_t{2}});
  for (std::size_t j = 0; j < ny; ++j) {
    for (std::size_t i = 0; i < nx; ++i) {
      grid.points(j * nx + i, 0) = grid.x_low + (grid.x_high - grid.x_low) * i / (nx - 1.0);
      grid.points(j * nx + i, 1) = grid.y_low + (grid.y_high - grid.y_low) * j / (ny - 1.0);
    }
  }
  return grid;
}

namespace {

ModelEvaluation evaluate_model(nn::Module& model, const datasets::Dataset& test, const Grid* grid) {
  ModelEvaluation result;
  const Array test_logits = logits(model, test.X);
  result.test_sigmoid = evaluate(test_logits, test.y, Threshold::sigmoid);
  result.test_post = evaluate(test_logits, test.y, Threshold::post_logit);
  result.logit_min = xt::amin(test_logits)();
  result.logit_max = xt::amax(test_logits)();
  if (grid != nullptr)
    result.grid_probability = autograd::sigmoid_values(logits(model, grid->points));
  return result;
}

std::string model_name(const TrainSpec& spec) {
  return fmt::format("seed {}, weight_decay {:g}, drop_prob {:g}", spec.seed_index,
                     spec.weight_decay, spec.drop_prob);
}

}  // namespace

ModelRun train_model(const Config& config, const SeedData& data, const TrainSpec& spec,
                     const Grid* grid, const LoopControl& control) {
  const std::uint64_t init_seed = stage_seed(config, spec.seed_index, kInitStage);
  autograd::manual_seed(init_seed);
  const auto model = make_mlp(config.shape, spec.drop_prob);
  const std::vector<Array> init = snapshot(*model);
  optim::SGD optimizer(model->parameters(), config.lr, /*momentum=*/0, /*dampening=*/0,
                       spec.weight_decay);
  const std::string name = model_name(spec);
  ModelRun run;
  run.epoch_loss =
      post_training_loop(*model, optimizer, optimizer, data.rows, config.epochs, name, control);
  run.eval = evaluate_model(*model, data.test, spec.grid ? grid : nullptr);
  const Array train_logits = logits(*model, data.train.X);
  run.train_accuracy = evaluate(train_logits, data.train.y, Threshold::sigmoid).accuracy;
  run.train_loss = mean_bce(train_logits, data.train.y);
  run.trained_parameters = snapshot(*model);
  run.change_from_init = max_abs_difference(run.trained_parameters, init);
  run.parameter_norm = parameter_norm_by_array(run.trained_parameters);
  if (!spec.replay) return run;

  // The post's second loop: optimizer_dropout.zero_grad(); loss(model_dropout).backward();
  // optimizer.step() — the first model's optimizer, whose gradients nobody zeroes any more.
  ReplayRun replay;
  replay.last_training_label = data.train.y(data.train.size() - 1);
  const std::vector<Array> before = snapshot(*model);
  std::vector<Array> stale_gradient;
  for (const Tensor& parameter : model->parameters()) stale_gradient.push_back(parameter.grad());
  autograd::manual_seed(init_seed);  // model_dropout starts where the corrected one does
  const auto dropout_model = make_mlp(config.shape, config.drop_prob);
  const std::vector<Array> dropout_init = snapshot(*dropout_model);
  optim::SGD optimizer_dropout(dropout_model->parameters(), config.lr);
  replay.dropout_epoch_loss =
      post_training_loop(*dropout_model, optimizer_dropout, optimizer, data.rows, config.epochs,
                         name + ", the post's second loop", control);
  const Grid* replay_grid = spec.grid ? grid : nullptr;
  replay.weight_decay_model = evaluate_model(*model, data.test, replay_grid);
  replay.dropout_model = evaluate_model(*dropout_model, data.test, replay_grid);
  replay.dropout_change_from_init = max_abs_difference(snapshot(*dropout_model), dropout_init);
  const std::vector<Array> after = snapshot(*model);
  replay.weight_decay_change = max_abs_difference(after, before);
  if (spec.weight_decay > 0) {
    std::vector<Array> fixed_point;
    for (const Array& g : stale_gradient) fixed_point.push_back(-g / spec.weight_decay);
    replay.weight_decay_distance_to_fixed_point = max_abs_difference(after, fixed_point);
  }
  run.replay = std::move(replay);
  return run;
}

const ModelRun& Results::run(std::size_t seed_index, double weight_decay, double drop_prob) const {
  for (std::size_t k = 0; k < specs.size(); ++k) {
    if (specs[k].seed_index == seed_index && specs[k].weight_decay == weight_decay &&
        specs[k].drop_prob == drop_prob) {
      return runs[k];
    }
  }
  throw std::logic_error("no run planned for seed " + std::to_string(seed_index) +
                         ", weight_decay " + std::to_string(weight_decay) + ", drop_prob " +
                         std::to_string(drop_prob));
}

namespace {

// The trainings, each (seed, weight decay, drop probability) once: the comparison's three
// models on every seed (the weight-decay one with the replay, seed 0's on the grid), and the
// sweep's; the points they share (wd = 0.2, p = 0.5, and 0 for both) are trained once.
std::vector<TrainSpec> plan_trainings(const Config& config) {
  std::vector<TrainSpec> specs;
  std::map<std::tuple<std::size_t, double, double>, std::size_t> planned;
  auto plan = [&](std::size_t s, double wd, double drop, bool replay, bool grid) {
    const auto key = std::make_tuple(s, wd, drop);
    auto found = planned.find(key);
    if (found == planned.end()) {
      found = planned.emplace(key, specs.size()).first;
      specs.push_back({s, wd, drop, false, false});
    }
    TrainSpec& spec = specs[found->second];
    spec.replay = spec.replay || replay;
    spec.grid = spec.grid || grid;
  };
  for (std::size_t s = 0; s < config.seeds; ++s) {
    plan(s, config.weight_decay, 0, /*replay=*/true, s == 0);
    plan(s, 0, config.drop_prob, false, s == 0);
    plan(s, 0, 0, false, s == 0);
  }
  for (std::size_t s = 0; s < config.sweep_seeds; ++s) {
    plan(s, 0, 0, false, false);
    for (const double wd : config.weight_decay_grid) plan(s, wd, 0, false, false);
    for (const double drop : config.drop_prob_grid) plan(s, 0, drop, false, false);
  }
  return specs;
}

// The trainings, the logistic fits and the two Bayes integrals as independent tasks, longest
// first so that the threads finish together; progress counts training steps.
void run_tasks(const Config& config, Results& results, std::size_t threads) {
  struct Task {
    std::size_t cost;
    std::function<void()> work;
  };
  std::vector<Task> tasks;
  std::atomic<std::size_t> steps_done{0};
  std::atomic<bool> cancel{false};
  const LoopControl control{{&steps_done, &cancel}, config.stop_on_non_finite};
  for (std::size_t k = 0; k < results.specs.size(); ++k) {
    const TrainSpec& spec = results.specs[k];
    const std::size_t steps =
        config.epochs * results.data[spec.seed_index].train.size() * (spec.replay ? 2 : 1);
    results.total_steps += steps;
    tasks.push_back({steps, [&, k] {
                       results.runs[k] =
                           train_model(config, results.data[results.specs[k].seed_index],
                                       results.specs[k], &*results.grid, control);
                     }});
  }
  for (std::size_t s = 0; s < config.seeds; ++s) {
    tasks.push_back({0, [&, s] {
                       autograd::manual_seed(stage_seed(config, s, kLogisticStage));
                       results.logistic[s] = fit_logistic(results.data[s].train,
                                                          results.data[s].test, config.logistic);
                     }});
  }
  const double step = default_bayes_step(config.noise);
  const std::size_t nodes = default_bayes_t_nodes(config.noise);
  tasks.push_back({0, [&] { results.bayes = bayes_accuracy(config.noise, step, nodes); }});
  tasks.push_back(
      {0, [&] { results.bayes_half_step = bayes_accuracy(config.noise, step / 2, 2 * nodes); }});
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const Task& a, const Task& b) { return a.cost > b.cost; });
  experiments::ParallelOptions parallel;
  parallel.threads = threads;
  parallel.label = "moons";
  parallel.total_units = results.total_steps;
  parallel.units_done = [&] { return steps_done.load(); };
  parallel.cancel = &cancel;
  experiments::parallel_for(
      tasks.size(), [&](std::size_t i) { tasks[i].work(); }, parallel);
}

// The Bayes rule on each test split, and its posterior f₁/(f₀ + f₁) on the figure's grid.
void bayes_rule(const Config& config, Results& results) {
  if (config.noise == 0) return;
  const std::size_t nodes = default_bayes_t_nodes(config.noise);
  for (std::size_t s = 0; s < config.seeds; ++s) {
    const SeedData& d = results.data[s];
    const Array predicted = bayes_predictions(d.test.X, config.noise, nodes);
    results.bayes_test_accuracy.push_back(
        static_cast<double>(xt::sum(xt::equal(predicted, d.test.y))()) / d.test.size());
  }
  const Array f0 = class_density(0, results.grid->points, config.noise, nodes);
  const Array f1 = class_density(1, results.grid->points, config.noise, nodes);
  // Far from both arcs both densities can underflow to 0: call such points undecided.
  results.bayes_grid_probability = xt::where(f0 + f1 > 0, f1 / (f0 + f1), 0.5);
}

}  // namespace

Results compute(const Config& config, const datasets::Dataset* file_data, std::size_t threads) {
  Results results;
  const std::size_t seed_count = std::max(config.seeds, config.sweep_seeds);
  for (std::size_t s = 0; s < seed_count; ++s) {
    results.data.push_back(make_seed_data(config, s, file_data));
  }
  // The figure's grid covers seed 0's points (train and test).
  datasets::Dataset seed0_all{
      xt::concatenate(xt::xtuple(results.data[0].train.X, results.data[0].test.X)),
      xt::concatenate(xt::xtuple(results.data[0].train.y, results.data[0].test.y))};
  constexpr std::size_t kGridX = 161, kGridY = 121;  // fine enough for smooth boundaries
  results.grid = make_grid(seed0_all, kGridX, kGridY);
  results.specs = plan_trainings(config);
  results.runs.resize(results.specs.size());
  results.logistic.resize(config.seeds);
  run_tasks(config, results, threads);
  bayes_rule(config, results);
  return results;
}

}  // namespace moons
