// Exercise 3: the matrix product and its two gradients, G·Bᵀ and Aᵀ·G.
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

TEST_CASE("matmul multiplies a (2,3) by a (3,2) matrix", "[autograd][ex3]") {
  Tensor a(Array{{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor b(Array{{7.0, 8.0}, {9.0, 10.0}, {11.0, 12.0}});
  // Worked by hand: [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
  REQUIRE_ALL_CLOSE(autograd::matmul(a, b).value(), (Array{{58.0, 64.0}, {139.0, 154.0}}), 0);
}

TEST_CASE("matmul's gradients are G·Bᵀ and Aᵀ·G", "[autograd][ex3]") {
  Tensor a(Array{{1.0, 2.0}}, true);         // (1, 2)
  Tensor b(test::column({3.0, 4.0}), true);  // (2, 1)
  autograd::matmul(a, b).backward(test::column({2.0}));
  REQUIRE_ALL_CLOSE(a.grad(), (Array{{6.0, 8.0}}), 0);       // G·Bᵀ = 2·[3, 4]
  REQUIRE_ALL_CLOSE(b.grad(), test::column({2.0, 4.0}), 0);  // Aᵀ·G = [1, 2]ᵀ·2
}

TEST_CASE("matmul passes gradcheck, including size-1 shapes", "[autograd][ex3]") {
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

TEST_CASE("matmul of mismatched shapes throws naming both shapes", "[autograd][ex3]") {
  Tensor a(test::random_array({2, 3}, 48));
  Tensor b(test::random_array({2, 3}, 49));
  REQUIRE_THROWS_WITH(autograd::matmul(a, b),
                      Catch::StartsWith("matmul: shapes [2, 3] and [2, 3] cannot be multiplied"));
  REQUIRE_THROWS_AS(autograd::matmul(Tensor(Array{1.0, 2.0}), b), std::invalid_argument);
}
