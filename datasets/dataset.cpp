#include "datasets/dataset.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace datasets {

void check_dataset(const Dataset& data, const std::string& caller) {
  if (data.X.dimension() != 2) {
    throw std::invalid_argument(caller + ": X must be 2-D (n, d), got shape " +
                                autograd::shape_to_string(data.X.shape()));
  }
  if (data.y.dimension() == 0 || data.y.shape()[0] != data.X.shape()[0]) {
    throw std::invalid_argument(caller + ": y must have one row per row of X; X has shape " +
                                autograd::shape_to_string(data.X.shape()) + ", y has shape " +
                                autograd::shape_to_string(data.y.shape()));
  }
}

void gather_rows(const autograd::Array& source, std::span<const std::size_t> rows,
                 autograd::Array& destination) {
  const std::size_t n_rows = source.shape()[0];
  const std::size_t row_length = n_rows == 0 ? 0 : source.size() / n_rows;
  // The shape type is a small-buffer vector: building it allocates nothing for ≤ 4 dims.
  autograd::Array::shape_type shape = source.shape();
  shape[0] = rows.size();
  if (destination.shape() != shape) destination.resize(shape);
  // Both arrays are row-major and contiguous, so row r is row_length consecutive values.
  autograd::Scalar* out = destination.data();
  for (const std::size_t row : rows) {
    if (row >= n_rows) {
      throw std::out_of_range("gather_rows: row " + std::to_string(row) + " of an array with " +
                              std::to_string(n_rows) + " rows");
    }
    const autograd::Scalar* first = source.data() + row * row_length;
    out = std::copy(first, first + row_length, out);
  }
}

Dataset select_rows(const Dataset& data, std::span<const std::size_t> rows) {
  Dataset subset;
  gather_rows(data.X, rows, subset.X);
  gather_rows(data.y, rows, subset.y);
  return subset;
}

namespace detail {
std::string format_value(double value) {
  std::ostringstream os;
  os << value;
  return os.str();
}
}  // namespace detail

}  // namespace datasets
