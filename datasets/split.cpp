#include "datasets/split.hpp"

#include <cmath>
#include <span>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

std::pair<Dataset, Dataset> train_test_split(const Dataset& data, double test_size,
                                             std::uint64_t seed) {
  check_dataset(data, "train_test_split");
  if (!(test_size > 0.0 && test_size < 1.0)) {  // also rejects NaN
    throw std::invalid_argument("train_test_split: test_size must be in (0, 1), got test_size = " +
                                detail::format_value(test_size));
  }
  const std::size_t n = data.size();
  // sklearn's _validate_shuffle_split: n_test = ceil(test_size * n_samples) in double.
  // (0.33 * 1000 is exactly 330.0 in double, so that case gives 330, as sklearn does.)
  const auto n_test = static_cast<std::size_t>(std::ceil(test_size * static_cast<double>(n)));
  const std::size_t n_train = n - n_test;
  if (n_test == 0 || n_train == 0) {
    throw std::invalid_argument("train_test_split: with n_samples = " + std::to_string(n) +
                                " and test_size = " + detail::format_value(test_size) +
                                " the split has n_train = " + std::to_string(n_train) +
                                " and n_test = " + std::to_string(n_test) +
                                "; both need at least one row");
  }

  autograd::Generator gen(seed);
  const std::vector<std::size_t> order = autograd::permutation(n, gen);
  const std::span<const std::size_t> all(order);
  Dataset test = select_rows(data, all.first(n_test));
  Dataset train = select_rows(data, all.subspan(n_test));
  return {std::move(train), std::move(test)};
}

}  // namespace datasets
