// experiments/common/linalg.hpp: each function against a result worked out by hand, and against
// the xt::linalg call it stands for, bit for bit (the experiments' numbers must not move when a
// call goes through the wrapper; a transpose taken outside instead of inside would move them).
#include <complex>

#include <catch2/catch.hpp>
#include <xtensor-blas/xlinalg.hpp>

#include "experiments/common/linalg.hpp"

using autograd::Array;
namespace linalg = experiments::linalg;

namespace {
// A 5×3 design with no structure, so that no product is exact by accident.
Array design() {
  return Array{
      {0.3, -1.7, 2.9}, {1.1, 0.01, -0.4}, {-2.3, 0.77, 1.3}, {0.9, 3.1, -0.6}, {1.7, -0.2, 0.05}};
}
}  // namespace

TEST_CASE("linalg: products, solve and norm equal the values worked out by hand",
          "[experiments][linalg]") {
  const Array A = {{1.0, 2.0}, {3.0, 4.0}};
  const Array v = {1.0, -1.0};
  CHECK((linalg::dot(A, v) == Array{-1.0, -1.0}));
  CHECK((linalg::transpose_dot(A, v) == Array{-2.0, -2.0}));                 // Aᵀv
  CHECK((linalg::gram(A) == Array{{10.0, 14.0}, {14.0, 20.0}}));             // AᵀA
  CHECK((linalg::dot_transpose(A, A) == Array{{5.0, 11.0}, {11.0, 25.0}}));  // AAᵀ
  CHECK((linalg::outer(v, Array{2.0, 3.0}) == Array{{2.0, 3.0}, {-2.0, -3.0}}));
  CHECK(linalg::norm(Array{3.0, 4.0}) == Approx(5.0).epsilon(1e-15));
  // [[1, 2], [3, 4]]·x = (5, 11) at x = (1, 2).
  const Array x = linalg::solve(A, Array{5.0, 11.0});
  CHECK(x(0) == Approx(1.0).epsilon(1e-14));
  CHECK(x(1) == Approx(2.0).epsilon(1e-14));
}

TEST_CASE("linalg: eigenvalues of small matrices equal the values worked out by hand",
          "[experiments][linalg]") {
  const Array symmetric = {{2.0, 1.0}, {1.0, 2.0}};  // eigenvalues 1 and 3, ascending
  const Array values = linalg::eigvalsh(symmetric);
  CHECK(values(0) == Approx(1.0).epsilon(1e-14));
  CHECK(values(1) == Approx(3.0).epsilon(1e-14));
  const auto [pair_values, vectors] = linalg::eigh(symmetric);
  CHECK(pair_values(1) == Approx(3.0).epsilon(1e-14));
  CHECK(std::abs(vectors(0, 1)) == Approx(std::sqrt(0.5)).epsilon(1e-14));  // (1, 1)/√2
  const Array rotation = {{0.0, -1.0}, {1.0, 0.0}};                         // eigenvalues ±i
  const auto general = linalg::eigvals(rotation);
  CHECK(std::abs(general(0)) == Approx(1.0).epsilon(1e-14));
  CHECK(general(0).real() == Approx(0.0).margin(1e-15));
}

TEST_CASE("linalg: every function is the xt::linalg call it names, bit for bit",
          "[experiments][linalg]") {
  const Array X = design();
  const Array y = {0.5, -1.25, 2.0, 0.125, -0.75};
  const Array w = {0.2, -0.3, 0.7};
  CHECK((linalg::dot(X, w) == Array(xt::linalg::dot(X, w))));
  CHECK((linalg::transpose_dot(X, y) == Array(xt::linalg::dot(xt::transpose(X), y))));
  CHECK((linalg::gram(X) == Array(xt::linalg::dot(xt::transpose(X), X))));
  CHECK((linalg::dot_transpose(X, X) == Array(xt::linalg::dot(X, xt::transpose(X)))));
  CHECK((linalg::outer(y, w) == Array(xt::linalg::outer(y, w))));
  CHECK((linalg::norm(y) == xt::linalg::norm(y)));
  const Array gram = xt::linalg::dot(xt::transpose(X), X);
  CHECK((linalg::solve(gram, w) == Array(xt::linalg::solve(gram, w))));
  CHECK((linalg::eigvalsh(gram) == Array(xt::linalg::eigvalsh(gram))));
  const auto [values, vectors] = linalg::eigh(gram);
  const auto [expected_values, expected_vectors] = xt::linalg::eigh(gram);
  CHECK((values == Array(expected_values)));
  CHECK((vectors == expected_vectors));
  // The eigenvectors keep LAPACK's column-major layout, so Vᵀ·v takes the same BLAS path.
  CHECK((linalg::transpose_dot(vectors, w) ==
         Array(xt::linalg::dot(xt::transpose(expected_vectors), w))));
  CHECK((linalg::eigvals(gram) == xt::linalg::eigvals(gram)));
}
