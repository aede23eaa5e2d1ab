// Given code (no exercise tag): train_test_split matches scikit-learn's sizes; DataLoader yields
// PyTorch-style mini-batches, one epoch per pass.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/datasets.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

using autograd::Array;

namespace {

// n rows whose contents name the row: X(i) = (i, −i), y(i) = 10·i. A subset's rows then tell
// which original rows it holds, and whether X and y stayed aligned.
datasets::Dataset indexed_dataset(std::size_t n) {
  datasets::Dataset data;
  data.X = Array::from_shape({n, 2});
  data.y = Array::from_shape({n});
  for (std::size_t i = 0; i < n; ++i) {
    data.X(i, 0) = static_cast<double>(i);
    data.X(i, 1) = -static_cast<double>(i);
    data.y(i) = 10.0 * static_cast<double>(i);
  }
  return data;
}

// The original row indices held by a subset of indexed_dataset, in the subset's order,
// checking on the way that every row is intact.
std::vector<std::size_t> row_ids(const Array& X, const Array& y) {
  std::vector<std::size_t> ids;
  for (std::size_t i = 0; i < X.shape()[0]; ++i) {
    REQUIRE(X(i, 1) == -X(i, 0));
    REQUIRE(y(i) == 10.0 * X(i, 0));
    ids.push_back(static_cast<std::size_t>(X(i, 0)));
  }
  return ids;
}

std::vector<std::size_t> iota_vector(std::size_t n) {
  std::vector<std::size_t> values(n);
  std::iota(values.begin(), values.end(), std::size_t{0});
  return values;
}

// One epoch of a loader: the original row ids in visiting order, and the batch sizes.
struct Epoch {
  std::vector<std::size_t> ids;
  std::vector<std::size_t> batch_sizes;
};

Epoch run_epoch(datasets::DataLoader& loader) {
  Epoch epoch;
  for (const datasets::Batch& batch : loader) {
    REQUIRE(batch.X.dimension() == 2);
    REQUIRE(batch.y.dimension() == 1);
    REQUIRE(batch.y.shape()[0] == batch.X.shape()[0]);
    const std::vector<std::size_t> ids = row_ids(batch.X, batch.y);
    epoch.ids.insert(epoch.ids.end(), ids.begin(), ids.end());
    epoch.batch_sizes.push_back(batch.X.shape()[0]);
  }
  return epoch;
}

std::vector<std::size_t> sorted(std::vector<std::size_t> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

TEST_CASE(
    "train_test_split sizes equal scikit-learn's (n_test = ceil(test_size*n)) in every "
    "fixture case",
    "[datasets]") {
  std::ifstream file(std::string(test::fixtures_dir()) + "/pytorch_reference.json");
  REQUIRE(file.good());
  const nlohmann::json cases = nlohmann::json::parse(file).at("train_test_split_sizes");
  REQUIRE(cases.size() >= 5);
  for (const nlohmann::json& expected : cases) {
    const auto n = expected.at("n").get<std::size_t>();
    const auto test_size = expected.at("test_size").get<double>();
    INFO("n = " << n << ", test_size = " << test_size);
    const auto [train, test] = datasets::train_test_split(indexed_dataset(n), test_size, 0);
    REQUIRE(test.size() == expected.at("n_test").get<std::size_t>());
    REQUIRE(train.size() == expected.at("n_train").get<std::size_t>());
  }
}

TEST_CASE("train and test are disjoint and together hold every row exactly once, intact",
          "[datasets]") {
  const std::size_t n = 97;
  const auto [train, test] = datasets::train_test_split(indexed_dataset(n), 0.3, 5);
  REQUIRE(test.size() == 30);  // ceil(29.1)
  REQUIRE(train.X.shape() == Array::shape_type{67, 2});
  REQUIRE(train.y.shape() == Array::shape_type{67});
  std::vector<std::size_t> all = row_ids(train.X, train.y);
  const std::vector<std::size_t> test_ids = row_ids(test.X, test.y);
  all.insert(all.end(), test_ids.begin(), test_ids.end());
  REQUIRE(sorted(all) == iota_vector(n));  // no row lost, none repeated: disjoint and complete
}

TEST_CASE(
    "train_test_split takes the test rows from the front of permutation(n, "
    "Generator(seed))",
    "[datasets]") {
  const std::size_t n = 20;
  const auto [train, test] = datasets::train_test_split(indexed_dataset(n), 0.25, 9);
  autograd::Generator gen(9);
  const std::vector<std::size_t> order = autograd::permutation(n, gen);
  REQUIRE(row_ids(test.X, test.y) == std::vector<std::size_t>(order.begin(), order.begin() + 5));
  REQUIRE(row_ids(train.X, train.y) == std::vector<std::size_t>(order.begin() + 5, order.end()));
}

TEST_CASE("train_test_split with the same seed gives the same split, another seed another",
          "[datasets]") {
  const datasets::Dataset data = indexed_dataset(50);
  const auto [train_a, test_a] = datasets::train_test_split(data, 0.2, 1);
  const auto [train_b, test_b] = datasets::train_test_split(data, 0.2, 1);
  const auto [train_c, test_c] = datasets::train_test_split(data, 0.2, 2);
  REQUIRE(row_ids(test_a.X, test_a.y) == row_ids(test_b.X, test_b.y));
  REQUIRE(row_ids(train_a.X, train_a.y) == row_ids(train_b.X, train_b.y));
  REQUIRE(row_ids(test_a.X, test_a.y) != row_ids(test_c.X, test_c.y));
}

TEST_CASE("train_test_split rejects test_size outside (0, 1) and empty parts, naming them",
          "[datasets]") {
  const datasets::Dataset data = indexed_dataset(10);
  for (const double bad : {0.0, 1.0, -0.1, 1.5}) {
    INFO("test_size = " << bad);
    REQUIRE_THROWS_AS(datasets::train_test_split(data, bad, 0), std::invalid_argument);
    REQUIRE_THROWS_WITH(datasets::train_test_split(data, bad, 0),
                        Catch::Contains("test_size = " + datasets::detail::format_value(bad)));
  }
  REQUIRE_THROWS_WITH(datasets::train_test_split(data, std::nan(""), 0),
                      Catch::Contains("test_size = nan"));
  // n = 1: ceil(0.5) = 1 test row leaves no training row.
  REQUIRE_THROWS_WITH(datasets::train_test_split(indexed_dataset(1), 0.5, 0),
                      Catch::Contains("n_train = 0") && Catch::Contains("n_test = 1"));
  // 0.95·10 = 9.5 → 10 test rows, none left to train on.
  REQUIRE_THROWS_WITH(datasets::train_test_split(data, 0.95, 0), Catch::Contains("n_train = 0"));
}

TEST_CASE("an unshuffled DataLoader visits rows 0..n-1 in order, the last batch holding the rest",
          "[datasets]") {
  datasets::DataLoader loader(indexed_dataset(10), 3);
  REQUIRE(loader.num_batches() == 4);
  for (int pass = 0; pass < 2; ++pass) {
    const Epoch epoch = run_epoch(loader);
    REQUIRE(epoch.ids == iota_vector(10));
    REQUIRE(epoch.batch_sizes == std::vector<std::size_t>{3, 3, 3, 1});
  }
  // Batch shapes: X (b, d), y (b).
  auto it = loader.begin();
  REQUIRE(it->X.shape() == Array::shape_type{3, 2});
  REQUIRE(it->y.shape() == Array::shape_type{3});
}

TEST_CASE(
    "a DataLoader whose batch size divides n has no partial batch; one larger than n "
    "gives one batch",
    "[datasets]") {
  datasets::DataLoader exact(indexed_dataset(12), 4);
  REQUIRE(exact.num_batches() == 3);
  REQUIRE(run_epoch(exact).batch_sizes == std::vector<std::size_t>{4, 4, 4});
  datasets::DataLoader large(indexed_dataset(5), 64, true, 0);
  REQUIRE(large.num_batches() == 1);
  const Epoch epoch = run_epoch(large);
  REQUIRE(epoch.batch_sizes == std::vector<std::size_t>{5});
  REQUIRE(sorted(epoch.ids) == iota_vector(5));
}

TEST_CASE(
    "a shuffling DataLoader covers every row once per epoch, in a new order each epoch, "
    "reproducibly for a seed",
    "[datasets]") {
  const datasets::Dataset data = indexed_dataset(23);
  datasets::DataLoader loader(data, 5, true, 17);
  datasets::DataLoader twin(data, 5, true, 17);
  datasets::DataLoader other_seed(data, 5, true, 18);
  std::vector<std::vector<std::size_t>> orders;
  for (int epoch_number = 0; epoch_number < 3; ++epoch_number) {
    const Epoch epoch = run_epoch(loader);
    REQUIRE(sorted(epoch.ids) == iota_vector(23));
    REQUIRE(epoch.batch_sizes == std::vector<std::size_t>{5, 5, 5, 5, 3});
    REQUIRE(run_epoch(twin).ids == epoch.ids);  // same seed, same sequence of epochs
    REQUIRE(run_epoch(other_seed).ids != epoch.ids);
    orders.push_back(epoch.ids);
  }
  REQUIRE(orders[0] != orders[1]);
  REQUIRE(orders[1] != orders[2]);
  REQUIRE(orders[0] != iota_vector(23));
}

TEST_CASE("a DataLoader with batch size 1 yields each row as a (1, d) batch", "[datasets]") {
  datasets::DataLoader loader(indexed_dataset(6), 1, true, 3);
  REQUIRE(loader.num_batches() == 6);
  std::size_t batches = 0;
  for (const datasets::Batch& batch : loader) {
    REQUIRE(batch.X.shape() == Array::shape_type{1, 2});
    REQUIRE(batch.y.shape() == Array::shape_type{1});
    ++batches;
  }
  REQUIRE(batches == 6);
}

TEST_CASE("DataLoader rejects batch_size 0", "[datasets]") {
  REQUIRE_THROWS_AS(datasets::DataLoader(indexed_dataset(4), 0), std::invalid_argument);
  REQUIRE_THROWS_WITH(datasets::DataLoader(indexed_dataset(4), 0),
                      Catch::Contains("batch_size = 0"));
}
