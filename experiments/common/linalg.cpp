// The only file of experiments/ that includes xtensor-blas's header (linalg.hpp says why).
#include "experiments/common/linalg.hpp"

#include <xtensor-blas/xlinalg.hpp>

namespace experiments::linalg {

Array dot(const Array& a, const Array& b) {
  return xt::linalg::dot(a, b);
}

Array transpose_dot(const Array& a, const Array& b) {
  return xt::linalg::dot(xt::transpose(a), b);
}

Array transpose_dot(const ColumnMajorArray& a, const Array& b) {
  return xt::linalg::dot(xt::transpose(a), b);
}

Array dot_transpose(const Array& a, const Array& b) {
  return xt::linalg::dot(a, xt::transpose(b));
}

Array outer(const Array& a, const Array& b) {
  return xt::linalg::outer(a, b);
}

Scalar norm(const Array& v) {
  return xt::linalg::norm(v);
}

Array solve(const Array& A, const Array& b) {
  return xt::linalg::solve(A, b);
}

Array eigvalsh(const Array& symmetric) {
  return xt::linalg::eigvalsh(symmetric);
}

std::pair<Array, ColumnMajorArray> eigh(const Array& symmetric) {
  auto [values, vectors] = xt::linalg::eigh(symmetric);
  return {Array(values), std::move(vectors)};
}

xt::xtensor<std::complex<Scalar>, 1> eigvals(const Array& matrix) {
  return xt::linalg::eigvals(matrix);
}

}  // namespace experiments::linalg
