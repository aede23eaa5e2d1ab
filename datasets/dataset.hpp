// Dataset: a design matrix and its targets, and the row gathering every loader and split uses.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "autograd/tensor.hpp"

namespace datasets {

// X is (n, d), one example per row; y holds one target per row, shape (n) (a few callers keep
// y as (n, k); every function here only requires y.shape()[0] == n).
struct Dataset {
  autograd::Array X;
  autograd::Array y;

  // The number of rows of X; 0 for a default Dataset (whose arrays are 0-D, not empty).
  std::size_t size() const { return X.dimension() == 0 ? 0 : X.shape()[0]; }
};

// Throws std::invalid_argument (prefixed by `caller`) unless X is 2-D and y has as many rows
// as X: the one shape check shared by the splits, the loader and save_csv.
void check_dataset(const Dataset& data, const std::string& caller);

// Writes the rows `rows` of `source` (in that order) into `destination`, shape
// (rows.size(), source.shape()[1:]). `destination` keeps its buffer when its shape already
// fits, so a loader refilling same-sized batches allocates nothing.
void gather_rows(const autograd::Array& source, std::span<const std::size_t> rows,
                 autograd::Array& destination);

// The rows `rows` of X and y, as a new Dataset.
Dataset select_rows(const Dataset& data, std::span<const std::size_t> rows);

namespace detail {
// A double as it reads in an error message: "0.33", "-0.5", "nan" (6 significant digits).
std::string format_value(double value);
}  // namespace detail

}  // namespace datasets
