// train_test_split: one random split of a dataset into a training and a test part.
#pragma once

#include <cstdint>
#include <utility>

#include "datasets/dataset.hpp"

namespace datasets {

// scikit-learn 1.2's train_test_split with a float test_size (ShuffleSplit underneath):
// n_test = ceil(test_size·n) computed in double, n_train = n − n_test; one permutation of the
// row indices is drawn from autograd::Generator(seed), its first n_test entries are the test
// rows and the rest the training rows, each kept in permuted order. Returns {train, test}.
// The sizes equal sklearn's; which rows land where differs (a different random engine).
// Throws std::invalid_argument unless 0 < test_size < 1 and both parts get at least one row.
std::pair<Dataset, Dataset> train_test_split(const Dataset& data, double test_size,
                                             std::uint64_t seed);

}  // namespace datasets
