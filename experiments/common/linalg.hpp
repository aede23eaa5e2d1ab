// The dense linear algebra the experiments use (products, solves, eigenvalues), as plain
// functions compiled once in linalg.cpp. xtensor-blas's header pulls in the FLENS templates and
// every call instantiates its own copy of them: in each experiment's unit that cost about as
// much as the rest of the unit's optimisation (benchmarks/README.md, "Build time"). Each
// function is exactly the xt::linalg call named beside it, on the same argument types, so every
// result is the same bit for bit: where a transpose is involved it is taken here, inside, because
// a transposed view reaches BLAS with a transpose flag while a transposed copy would not.
#pragma once

#include <complex>
#include <utility>

#include <xtensor/xtensor.hpp>

#include "autograd/tensor.hpp"

namespace experiments::linalg {

using autograd::Array;
using autograd::Scalar;

// LAPACK's own layout, kept for the eigenvectors of eigh (see transpose_dot below).
using ColumnMajorArray = xt::xarray<Scalar, xt::layout_type::column_major>;

Array dot(const Array& a, const Array& b);                       // xt::linalg::dot(a, b)
Array transpose_dot(const Array& a, const Array& b);             // dot(transpose(a), b)
Array transpose_dot(const ColumnMajorArray& a, const Array& b);  // the same, a from eigh
Array dot_transpose(const Array& a, const Array& b);             // dot(a, transpose(b))
// XᵀX, the Gram matrix of a design's columns.
inline Array gram(const Array& X) {
  return transpose_dot(X, X);
}
Array outer(const Array& a, const Array& b);  // a·bᵀ for vectors
Scalar norm(const Array& v);                  // ||v||₂ (BLAS nrm2)
Array solve(const Array& A, const Array& b);  // A⁻¹b, LU (gesv)

// Eigenvalues of a symmetric matrix (syevd), ascending.
Array eigvalsh(const Array& symmetric);
// Eigenvalues and eigenvectors (columns) of a symmetric matrix (syevd), ascending.
std::pair<Array, ColumnMajorArray> eigh(const Array& symmetric);
// Eigenvalues of a general square matrix (geev), complex.
xt::xtensor<std::complex<Scalar>, 1> eigvals(const Array& matrix);

}  // namespace experiments::linalg
