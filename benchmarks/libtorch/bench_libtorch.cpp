// bench_libtorch: the LibTorch side of the benchmark suite (issue 22): the workloads of
// bench_torch.py, in C++ against LibTorch, the library under PyTorch's Python API, so that the
// report can tell Python's own overhead from the library's.
//
// Same protocol as bench_torch.py: reads the workload from OUT/ours.json (bench_engine wrote
// it), runs each row in a fresh process of this executable (--row NAME, --moons-child), at
// float64 on one thread, with the same warm-up, repetitions and clocks, and writes
// OUT/libtorch.json in pytorch.json's format (framework "libtorch"), which bench_report merges.
//
// Same semantics as the Python script: the post's 2-64-64-1 MLP (torch::nn::Sequential of
// Linear, ReLU and Dropout(0.5) after each hidden ReLU in the dropout variant), default
// initialisation after torch::manual_seed(seed + 3), torch::optim::SGD with weight decay 0.2
// (none with dropout), BCEWithLogitsLoss on outputs.squeeze() against a 0-D label, one sample
// indexed out of the training set per step (x 1-D, as TensorDataset's dataset[i]), and
// loss.item() every step. The points are our engine's (benchmarks/libtorch/points.hpp: the
// same make_moons and split), not scikit-learn's: their sizes and distribution are the
// Python script's.
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <dlfcn.h>  // dlsym: ask the OpenBLAS LibTorch loaded for its configuration

#include <nlohmann/json.hpp>

#include "benchmarks/libtorch/points.hpp"
#include "benchmarks/machine.hpp"
#include "benchmarks/statistics.hpp"
#include "benchmarks/timing.hpp"

namespace {

using nlohmann::json;
namespace points = bench::libtorch;

constexpr double kMicro = 1e6;
constexpr double kGiga = 1e9;
constexpr double kMega = 1e6;

// Offsets of the seeds of torch's own random choices, as bench_torch.py's SEED_* constants.
constexpr std::uint64_t kSeedBlogInit = 3;
constexpr std::uint64_t kSeedLargeInit = 5;
constexpr std::uint64_t kSeedMcMasks = 6;

// The rows a --row child can run (moons_model and peak_rss come from --moons-child).
const std::vector<std::string> kRowNames{"step_batch1", "step_batch1_dropout", "large_batch",
                                         "mc_theorem"};

void set_up_torch() {
  torch::set_num_threads(1);
  torch::set_num_interop_threads(1);
  torch::set_default_dtype(caffe2::TypeMeta::Make<double>());
}

torch::Tensor to_tensor(const std::vector<double>& values, std::vector<std::int64_t> shape) {
  return torch::from_blob(const_cast<double*>(values.data()), shape, torch::kFloat64).clone();
}

std::int64_t as_int(const json& value) {
  return value.get<std::int64_t>();
}

// The post's MLP: inputs-hidden-hidden-1, ReLU, Dropout after each hidden ReLU.
torch::nn::Sequential make_mlp(std::int64_t inputs, std::int64_t hidden, bool with_dropout,
                               double drop_prob) {
  torch::nn::Sequential model;
  model->push_back(torch::nn::Linear(inputs, hidden));
  model->push_back(torch::nn::ReLU());
  if (with_dropout) model->push_back(torch::nn::Dropout(drop_prob));
  model->push_back(torch::nn::Linear(hidden, hidden));
  model->push_back(torch::nn::ReLU());
  if (with_dropout) model->push_back(torch::nn::Dropout(drop_prob));
  model->push_back(torch::nn::Linear(hidden, 1));
  return model;
}

// Each repetition's figure(seconds), from CPU time ("values") and from wall time.
template <class F>
json figures(const std::string& unit, const std::vector<bench::RepetitionTime>& times, F figure) {
  json row = {{"unit", unit}, {"values", json::array()}, {"wall_values", json::array()}};
  for (const bench::RepetitionTime& t : times) {
    row["values"].push_back(figure(t.cpu_seconds));
    row["wall_values"].push_back(figure(t.wall_seconds));
  }
  return row;
}

// SGD at batch size 1 through the training points in order, as the post's loop.
class BatchOneTrainer {
 public:
  BatchOneTrainer(const json& workload, bool with_dropout) {
    const points::Points train = points::moons_training_points(workload);
    const auto rows = static_cast<std::int64_t>(train.rows);
    inputs_ = to_tensor(train.X, {rows, static_cast<std::int64_t>(train.columns)});
    labels_ = to_tensor(train.y, {rows});
    torch::manual_seed(workload["seed"].get<std::uint64_t>() + kSeedBlogInit);
    model_ =
        make_mlp(2, as_int(workload["hidden"]), with_dropout, workload["drop_prob"].get<double>());
    const double weight_decay = with_dropout ? 0.0 : workload["weight_decay"].get<double>();
    optimizer_ = std::make_unique<torch::optim::SGD>(
        model_->parameters(),
        torch::optim::SGDOptions(workload["lr"].get<double>()).weight_decay(weight_decay));
  }

  std::int64_t size() const { return inputs_.size(0); }

  // Runs `steps` steps; returns their mean loss.
  double run(std::size_t steps) {
    double running_loss = 0;
    for (std::size_t s = 0; s < steps; ++s) {
      // x: (2), label: 0-D, as TensorDataset's dataset[i] in the post.
      const torch::Tensor input = inputs_[next_];
      const torch::Tensor label = labels_[next_];
      optimizer_->zero_grad();
      const torch::Tensor outputs = model_->forward(input);
      torch::Tensor loss = criterion_(outputs.squeeze(), label);
      loss.backward();
      optimizer_->step();
      running_loss += loss.item<double>();
      next_ = (next_ + 1) % size();
    }
    return running_loss / static_cast<double>(steps);
  }

 private:
  torch::Tensor inputs_, labels_;
  torch::nn::Sequential model_{nullptr};
  std::unique_ptr<torch::optim::SGD> optimizer_;
  torch::nn::BCEWithLogitsLoss criterion_;
  std::int64_t next_ = 0;
};

json measure_step_batch1(const json& workload, bool with_dropout) {
  BatchOneTrainer trainer(workload, with_dropout);
  trainer.run(workload["step_warmup_steps"].get<std::size_t>());
  const auto steps = workload["step_steps_per_rep"].get<std::size_t>();
  double last_loss = 0;
  const auto times = bench::time_repetitions(0, workload["step_repetitions"].get<std::size_t>(),
                                             [&] { last_loss = trainer.run(steps); });
  json row = figures("us/step", times,
                     [&](double seconds) { return seconds / static_cast<double>(steps) * kMicro; });
  row["last_rep_mean_loss"] = last_loss;
  row["training_points"] = trainer.size();
  return row;
}

// Trains one moons model for all epochs, as the post; prints its time and peak RSS.
void moons_child(const json& workload) {
  BatchOneTrainer trainer(workload, /*with_dropout=*/false);
  const auto epochs = workload["moons_epochs"].get<std::size_t>();
  double last_loss = 0;
  const bench::RepetitionTime time = bench::time_repetitions(0, 1, [&] {
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
      last_loss = trainer.run(static_cast<std::size_t>(trainer.size()));
    }
  })[0];
  std::cout << json{{"wall_seconds", time.wall_seconds},
                    {"cpu_seconds", time.cpu_seconds},
                    {"epochs", epochs},
                    {"steps", epochs * static_cast<std::size_t>(trainer.size())},
                    {"last_epoch_mean_loss", last_loss},
                    {"peak_rss_mib", bench::peak_rss_mib()}}
                   .dump()
            << "\n";
}

json measure_large_batch(const json& workload) {
  const points::Points data = points::large_batch_points(workload);
  const auto batch = static_cast<std::int64_t>(data.rows);
  const torch::Tensor inputs = to_tensor(data.X, {batch, 2});
  const torch::Tensor labels = to_tensor(data.y, {batch, 1});
  torch::manual_seed(workload["seed"].get<std::uint64_t>() + kSeedLargeInit);
  torch::nn::Sequential model = make_mlp(2, as_int(workload["large_hidden"]), false, 0.0);
  torch::optim::SGD optimizer(model->parameters(),
                              torch::optim::SGDOptions(workload["lr"].get<double>()));
  torch::nn::BCEWithLogitsLoss criterion;
  double last_loss = 0;
  const auto times = bench::time_repetitions(workload["large_warmup_steps"].get<std::size_t>(),
                                             workload["large_repetitions"].get<std::size_t>(), [&] {
                                               optimizer.zero_grad();
                                               torch::Tensor loss =
                                                   criterion(model->forward(inputs), labels);
                                               loss.backward();
                                               optimizer.step();
                                               last_loss = loss.item<double>();
                                             });
  const double flops = workload["large_step_flops"].get<double>();
  json row = figures("GFLOP/s", times, [&](double seconds) { return flops / seconds / kGiga; });
  row["last_loss"] = last_loss;
  return row;
}

// The theorem's Monte Carlo of input dropout on linear regression, batched as ours and as
// bench_torch.py: `chunk` copies of X stacked, one Bernoulli(retain_prob) mask over all of
// them (no rescaling: Srivastava's convention), one product, one squared-residual sum per draw.
json measure_mc_theorem(const json& workload) {
  const points::Points design = points::mc_design(workload);
  const auto rows = static_cast<std::int64_t>(design.rows);
  const auto columns = static_cast<std::int64_t>(design.columns);
  const torch::Tensor X = to_tensor(design.X, {rows, columns});
  const torch::Tensor y = to_tensor(design.y, {rows});
  const torch::Tensor true_w =
      to_tensor(workload["mc_true_weights"].get<std::vector<double>>(), {columns});
  const double retain_prob = workload["mc_retain_prob"].get<double>();
  // E‖y − (R∗X)w‖² = ‖y − pXw‖² + p(1−p)·Σ_j (Σ_i X_ij²)·w_j²  (Srivastava et al. 2014, §9.1)
  const double expected =
      ((y - retain_prob * X.matmul(true_w)).pow(2).sum() +
       retain_prob * (1 - retain_prob) * (X.pow(2).sum(0) * true_w.pow(2)).sum())
          .item<double>();
  const auto chunk = as_int(workload["mc_chunk_draws"]);
  const auto draws = as_int(workload["mc_draws_per_rep"]);
  const torch::Tensor stacked = X.repeat({chunk, 1});  // row c·N + i: draw c's copy of row i
  const torch::Tensor weights = true_w.reshape({columns, 1});
  const torch::Tensor retain = torch::full_like(stacked, retain_prob);
  torch::manual_seed(workload["seed"].get<std::uint64_t>() + kSeedMcMasks);
  double mean = 0, mean_se = 0;
  const auto times = bench::time_repetitions(
      workload["mc_warmup_reps"].get<std::size_t>(), workload["mc_repetitions"].get<std::size_t>(),
      [&] {
        torch::NoGradGuard no_grad;
        torch::Tensor total = torch::zeros({});
        torch::Tensor total_sq = torch::zeros({});
        std::int64_t done = 0;
        while (done < draws) {
          const std::int64_t count = std::min(chunk, draws - done);
          const torch::Tensor inputs = count == chunk ? stacked : X.repeat({count, 1});
          const torch::Tensor prob =
              count == chunk ? retain : torch::full_like(inputs, retain_prob);
          const torch::Tensor predictions =
              (inputs * torch::bernoulli(prob)).matmul(weights).reshape({count, rows});
          const torch::Tensor losses = (y - predictions).pow(2).sum(1);  // one loss per draw
          total += losses.sum();
          total_sq += (losses * losses).sum();
          done += count;
        }
        const auto n = static_cast<double>(draws);
        mean = total.item<double>() / n;
        const double variance = (total_sq.item<double>() - n * mean * mean) / (n - 1);
        mean_se = std::sqrt(variance / n);
      });
  const double entries = static_cast<double>(rows * columns * draws);
  json row =
      figures("M mask entries/s", times, [&](double seconds) { return entries / seconds / kMega; });
  row["expected_loss"] = expected;
  row["last_rep_mean_loss"] = mean;
  row["last_rep_mean_se"] = mean_se;
  return row;
}

json measure_row(const json& workload, const std::string& name) {
  if (name == "step_batch1") return measure_step_batch1(workload, /*with_dropout=*/false);
  if (name == "step_batch1_dropout") return measure_step_batch1(workload, /*with_dropout=*/true);
  if (name == "large_batch") return measure_large_batch(workload);
  if (name == "mc_theorem") return measure_mc_theorem(workload);
  throw std::invalid_argument("no row named '" + name + "'");
}

// Runs this executable with `arguments` in a fresh process; parses the JSON line it prints last.
json run_child(const std::string& arguments, const std::string& workload_path) {
  return bench::run_self(arguments + " --workload '" + workload_path + "'");
}

// Real paths of the BLAS/LAPACK/MKL libraries mapped into this process, as bench_torch.py
// lists them.
std::vector<std::string> loaded_blas_libraries() {
  std::set<std::string> found;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    const std::string name = path.substr(path.rfind('/') + 1);
    if (name.rfind("lib", 0) != 0) continue;
    if (name.find("blas") == std::string::npos && name.find("lapack") == std::string::npos &&
        name.find("mkl") == std::string::npos) {
      continue;
    }
    if (char* real = realpath(path.c_str(), nullptr)) {
      found.insert(real);
      std::free(real);
    }
  }
  return {found.begin(), found.end()};
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

json libtorch_info() {
  // A matrix product first, so that the BLAS is loaded before we look.
  (void)torch::ones({2, 2}).matmul(torch::ones({2, 2}));
  json info = {{"version", TORCH_VERSION},
               {"num_threads", torch::get_num_threads()},
               {"num_interop_threads", torch::get_num_interop_threads()},
               {"blas_libraries", loaded_blas_libraries()},
               {"compiler_version", __VERSION__},
               {"load_average", load_average()}};
  // Ask the loaded OpenBLAS itself, as bench_engine and bench_torch.py do (dlsym: LibTorch
  // may have loaded it through libblas.so.3 rather than by name).
  using ConfigFn = char* (*)();
  using ThreadsFn = int (*)();
  if (auto config = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"))) {
    info["openblas_config"] = std::string(config());
  }
  if (auto threads = reinterpret_cast<ThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"))) {
    info["openblas_threads"] = threads();
  }
  return info;
}

void print_row(const std::string& name, const json& row) {
  const bench::Spread s = bench::summarise(row["values"].get<std::vector<double>>());
  char line[256];
  std::snprintf(line, sizeof line, "    %s: %.4g %s (middle of %zu, range %.4g to %.4g)",
                name.c_str(), s.median, row["unit"].get<std::string>().c_str(), s.repetitions,
                s.min, s.max);
  std::cout << line;
  if (row.contains("wall_values")) {
    const bench::Spread wall = bench::summarise(row["wall_values"].get<std::vector<double>>());
    std::snprintf(line, sizeof line, "; wall clock %.4g", wall.median);
    std::cout << line;
  }
  std::cout << "\n" << std::flush;
}

void write_json(const std::string& path, const json& value) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary);
    if (!out) throw std::runtime_error("cannot write " + temporary);
    out << value.dump(2) << "\n";
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + temporary + " to " + path);
  }
}

[[noreturn]] void usage(const std::string& message) {
  std::cerr
      << "bench_libtorch: " << message << "\n"
      << "usage: bench_libtorch [--out DIR] [--workload FILE] [--row NAME | --moons-child]\n"
         "  --out DIR        directory holding ours.json; libtorch.json is written there\n"
         "  --workload FILE  the ours.json to read the workload from (default OUT/ours.json)\n"
         "  --row NAME       run one row (step_batch1, step_batch1_dropout, large_batch,\n"
         "                   mc_theorem) in this process and print it as JSON\n"
         "  --moons-child    train one moons model, print its time and peak RSS (internal)\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  // One thread everywhere, for this process and the children it starts (a value the caller
  // exported wins); OpenMP and OpenBLAS read these when they load, so run_bench.sh exports
  // them too, and torch::set_num_threads(1) below settles torch's own pool.
  for (const char* variable : {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
    setenv(variable, "1", /*overwrite=*/0);
  }
  std::string out_dir = "results/bench";
  std::string workload_path;
  std::string row_name;
  bool moons = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argument + " needs a value");
      return argv[++i];
    };
    if (argument == "--out") {
      out_dir = value();
    } else if (argument == "--workload") {
      workload_path = value();
    } else if (argument == "--row") {
      row_name = value();
      if (std::find(kRowNames.begin(), kRowNames.end(), row_name) == kRowNames.end()) {
        usage("--row: no row named '" + row_name + "'");
      }
    } else if (argument == "--moons-child") {
      moons = true;
    } else if (argument == "--help" || argument == "-h") {
      usage("the LibTorch side of the benchmark suite");
    } else {
      usage("unknown argument '" + argument + "'");
    }
  }
  if (workload_path.empty()) workload_path = out_dir + "/ours.json";

  try {
    std::ifstream workload_file(workload_path);
    if (!workload_file) throw std::runtime_error("cannot open " + workload_path);
    const json workload = json::parse(workload_file)["workload"];
    set_up_torch();
    if (moons) {
      moons_child(workload);
      return 0;
    }
    if (!row_name.empty()) {
      std::cout << measure_row(workload, row_name).dump() << "\n";
      return 0;
    }

    std::cout << "==> LibTorch" << (workload["quick"].get<bool>() ? " (quick)" : "")
              << ", each row in a fresh process\n"
              << std::flush;
    char* absolute = realpath(workload_path.c_str(), nullptr);
    const std::string child_workload = absolute ? absolute : workload_path;
    std::free(absolute);
    json rows;
    for (const std::string& name : kRowNames) {
      rows[name] = run_child("--row " + name, child_workload);
      print_row(name, rows[name]);
      if (name == "step_batch1_dropout") {  // the moons rows, in report order
        // As many runs as PyTorch's: one 200-epoch run takes about as long here.
        const auto [moons_row, peak_rss] =
            bench::measure_moons(workload["moons_repetitions_pytorch"].get<std::size_t>(),
                                 [&] { return run_child("--moons-child", child_workload); });
        rows["moons_model"] = moons_row;
        rows["peak_rss"] = peak_rss;
        print_row("moons_model", moons_row);
        print_row("peak_rss", peak_rss);
      }
    }
    const std::string path = out_dir + "/libtorch.json";
    write_json(path, {{"available", true},
                      {"framework", "libtorch"},
                      {"workload", workload},
                      {"rows", rows},
                      {"libtorch", libtorch_info()}});
    std::cout << "    wrote " << path << "\n";
  } catch (const std::exception& error) {
    std::cerr << "bench_libtorch: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
