// Exercise 3.1: the matrix product (its values for square, non-square and vector shapes are
// [ex3.1]) and its two gradients, G·Bᵀ and Aᵀ·G (checked in [ex4.1] and [ex5.1]); the fused
// linear op is exercise 6.1; the BLAS products (autograd/kernels.hpp) are given and tested in
// test_kernels.cpp.
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

namespace {
// The definition, as three loops: the reference for every BLAS path of gemm.
Array naive_product(const Array& a, bool transpose_a, const Array& b, bool transpose_b) {
  const Array op_a = transpose_a ? Array(xt::transpose(a)) : a;
  const Array op_b = transpose_b ? Array(xt::transpose(b)) : b;
  Array c = xt::zeros<double>({op_a.shape()[0], op_b.shape()[1]});
  for (std::size_t i = 0; i < c.shape()[0]; ++i)
    for (std::size_t j = 0; j < c.shape()[1]; ++j)
      for (std::size_t k = 0; k < op_a.shape()[1]; ++k) c(i, j) += op_a(i, k) * op_b(k, j);
  return c;
}
}  // namespace

TEST_CASE("matmul multiplies a (2,3) by a (3,2) matrix", "[autograd][ex3][ex3.1]") {
  Tensor a(Array{{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor b(Array{{7.0, 8.0}, {9.0, 10.0}, {11.0, 12.0}});
  // Worked by hand: [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
  REQUIRE_ALL_CLOSE(autograd::matmul(a, b).value(), (Array{{58.0, 64.0}, {139.0, 154.0}}), 0);
}

TEST_CASE("matmul of square matrices is A·B, not B·A", "[autograd][ex3][ex3.1]") {
  Tensor a(Array{{1.0, 2.0}, {3.0, 4.0}});
  Tensor b(Array{{0.0, 1.0}, {1.0, 0.0}});  // swaps columns from the right, rows from the left
  INFO("C = A·B: C(i, j) = sum_k A(i, k)·B(k, j); here B·A would swap the rows instead");
  REQUIRE_ALL_CLOSE(autograd::matmul(a, b).value(), (Array{{2.0, 1.0}, {4.0, 3.0}}), 0);
}

TEST_CASE("matmul of non-square and vector-shaped matrices: (m,k)·(k,n) has shape (m,n)",
          "[autograd][ex3][ex3.1]") {
  // Each (m, k, n): a row times a matrix, a matrix times a column, a column times a row (the
  // outer product), a row times a column (the inner product), 1×1, and a general product with
  // m, k and n all different; gemm takes another path for each of the first three.
  const std::vector<std::array<std::size_t, 3>> sizes{{1, 3, 4}, {4, 3, 1}, {3, 1, 2},
                                                      {1, 5, 1}, {1, 1, 1}, {4, 3, 2}};
  std::uint64_t seed = 60;
  for (const auto& [m, k, n] : sizes) {
    const Array a = test::random_array({m, k}, seed++);
    const Array b = test::random_array({k, n}, seed++);
    INFO("(" << m << ", " << k << ") times (" << k << ", " << n
             << "): C(i, j) = sum_k A(i, k)·B(k, j), of shape (" << m << ", " << n << ")");
    REQUIRE_ALL_CLOSE(autograd::matmul(Tensor(a), Tensor(b)).value(),
                      naive_product(a, false, b, false), 1e-14);
  }
}

TEST_CASE("matmul's gradients are G·Bᵀ and Aᵀ·G", "[autograd][ex4][ex4.1]") {
  Tensor a(Array{{1.0, 2.0}}, true);         // (1, 2)
  Tensor b(test::column({3.0, 4.0}), true);  // (2, 1)
  autograd::matmul(a, b).backward(test::column({2.0}));
  INFO("C = A·B: dL/dA = G·Bᵀ and dL/dB = Aᵀ·G");
  REQUIRE_ALL_CLOSE(a.grad(), (Array{{6.0, 8.0}}), 0);       // G·Bᵀ = 2·[3, 4]
  REQUIRE_ALL_CLOSE(b.grad(), test::column({2.0, 4.0}), 0);  // Aᵀ·G = [1, 2]ᵀ·2
}

TEST_CASE("matmul passes gradcheck, including size-1 shapes", "[autograd][ex5][ex5.1]") {
  const Inputs square{Tensor(test::random_array({3, 4}, 40), true),
                      Tensor(test::random_array({4, 5}, 41), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::matmul(x[0], x[1]); }, square);
  const Inputs row{Tensor(test::random_array({1, 2}, 42), true),
                   Tensor(test::random_array({2, 6}, 43), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::matmul(x[0], x[1]); }, row);
  const Inputs scalar_like{Tensor(test::random_array({1, 1}, 44), true),
                           Tensor(test::random_array({1, 1}, 45), true)};
  REQUIRE_GRADCHECK([](const Inputs& x) { return autograd::matmul(x[0], x[1]); }, scalar_like);
  // A·Bᵀ, the product nn.Linear computes.
  const Inputs linear{Tensor(test::random_array({4, 3}, 46), true),
                      Tensor(test::random_array({2, 3}, 47), true)};
  REQUIRE_GRADCHECK(
      [](const Inputs& x) { return autograd::matmul(x[0], autograd::transpose(x[1])); }, linear);
}

TEST_CASE("matmul of mismatched shapes throws naming both shapes", "[autograd]") {
  Tensor a(test::random_array({2, 3}, 48));
  Tensor b(test::random_array({2, 3}, 49));
  REQUIRE_THROWS_WITH(autograd::matmul(a, b),
                      Catch::StartsWith("matmul: shapes [2, 3] and [2, 3] cannot be multiplied"));
  REQUIRE_THROWS_AS(autograd::matmul(Tensor(Array{1.0, 2.0}), b), std::invalid_argument);
}

TEST_CASE("linear computes x·Wᵀ + b and passes gradcheck, with and without bias, batch 1 and 4",
          "[autograd][ex6][ex6.1]") {
  const Array x = test::random_array({4, 3}, 120);
  const Array w = test::random_array({2, 3}, 121);
  const Array b = test::random_array({2}, 122);
  REQUIRE_ALL_CLOSE(autograd::linear(Tensor(x), Tensor(w), Tensor(b)).value(),
                    Array(naive_product(x, false, w, true) + b), 1e-14);
  for (std::size_t batch : {1, 4}) {
    INFO("batch " << batch);
    const Inputs with_bias{Tensor(test::random_array({batch, 3}, 123), true),
                           Tensor(test::random_array({2, 3}, 124), true),
                           Tensor(test::random_array({2}, 125), true)};
    REQUIRE_GRADCHECK([](const Inputs& in) { return autograd::linear(in[0], in[1], in[2]); },
                      with_bias);
    REQUIRE_GRADCHECK([](const Inputs& in) { return autograd::linear(in[0], in[1]); },
                      Inputs(with_bias.begin(), with_bias.begin() + 2));
  }
}

TEST_CASE("linear rejects mismatched shapes, naming them", "[autograd]") {
  const Tensor x(xt::ones<double>({4, 3}));
  REQUIRE_THROWS_WITH(autograd::linear(x, Tensor(xt::ones<double>({2, 5}))),
                      Catch::Contains("[4, 3]") && Catch::Contains("[2, 5]"));
  REQUIRE_THROWS_WITH(
      autograd::linear(x, Tensor(xt::ones<double>({2, 3})), Tensor(xt::ones<double>({3}))),
      Catch::Contains("bias of shape [3]"));
}
