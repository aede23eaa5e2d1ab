// The data of the LibTorch peer's workloads as plain row-major arrays, drawn by our own
// datasets library with the seeds bench_engine uses, so that LibTorch trains on the very
// points our engine trains on. A file of its own so that the LibTorch program's translation
// unit includes no xtensor header next to torch's.
#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

namespace bench::libtorch {

struct Points {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<double> X;  // rows × columns, row-major
  std::vector<double> y;  // rows
};

// The training part of make_moons(moons_samples, moons_noise) split 67/33: bench_engine's
// step_batch1 points, in the same order.
Points moons_training_points(const nlohmann::json& workload);
// The large_batch row's make_moons(large_batch) points.
Points large_batch_points(const nlohmann::json& workload);
// The mc_theorem row's Gaussian design (N = mc_rows, D = the number of column scales).
Points mc_design(const nlohmann::json& workload);

}  // namespace bench::libtorch
