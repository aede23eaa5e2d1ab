#include "benchmarks/libtorch/points.hpp"

#include <cstdint>

#include "datasets/datasets.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/dropout_ridge/gaussian_design.hpp"

namespace bench::libtorch {

namespace {

// The stages of derive_seed(seed, stage) that benchmarks/workloads.cpp draws each data set
// from (its enum Stage); the same numbers here give the same points.
constexpr std::uint64_t kMoonsData = 1;
constexpr std::uint64_t kMoonsSplit = 2;
constexpr std::uint64_t kLargeData = 4;

Points to_points(const datasets::Dataset& data) {
  Points points;
  points.rows = data.X.shape()[0];
  points.columns = data.X.shape()[1];
  points.X.assign(data.X.begin(), data.X.end());  // xt::xarray is row-major
  points.y.assign(data.y.begin(), data.y.end());
  return points;
}

std::uint64_t seed_of(const nlohmann::json& workload) {
  return workload["seed"].get<std::uint64_t>();
}

}  // namespace

Points moons_training_points(const nlohmann::json& workload) {
  const std::uint64_t seed = seed_of(workload);
  const datasets::Dataset data = datasets::make_moons(workload["moons_samples"].get<std::size_t>(),
                                                      workload["moons_noise"].get<double>(),
                                                      experiments::derive_seed(seed, kMoonsData));
  return to_points(datasets::train_test_split(data, workload["test_size"].get<double>(),
                                              experiments::derive_seed(seed, kMoonsSplit))
                       .first);
}

Points large_batch_points(const nlohmann::json& workload) {
  return to_points(datasets::make_moons(workload["large_batch"].get<std::size_t>(),
                                        workload["moons_noise"].get<double>(),
                                        experiments::derive_seed(seed_of(workload), kLargeData)));
}

Points mc_design(const nlohmann::json& workload) {
  return to_points(datasets::make_gaussian_regression(
      workload["mc_rows"].get<std::size_t>(),
      workload["mc_column_scales"].get<std::vector<double>>(),
      workload["mc_true_weights"].get<std::vector<double>>(), workload["mc_noise"].get<double>(),
      experiments::derive_seed(seed_of(workload), dropout_ridge::GaussianDesign::kSeedStage)));
}

}  // namespace bench::libtorch
