// Exercise 4.1: the backward pass itself: topological order, accumulation, release, no-grad,
// detach, deep graphs. The library's random generator is given code ([random], no exercise).
#include <set>

#include "autograd/memory.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("a tensor used twice accumulates both gradients: d(x*x)/dx = 2x",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{3.0, -1.5}, true);
  (x * x).backward(Array{1.0, 1.0});
  INFO("x is both inputs of x*x: the two contributions x and x must add up (accumulate_grad)");
  REQUIRE_ALL_CLOSE(x.grad(), (Array{6.0, -3.0}), 0);
}

TEST_CASE("a diamond graph sums the gradients of both paths", "[autograd][ex4][ex4.1]") {
  // y = 2x; z = y*y + y; dz/dx = (2y + 1)·2 = 8x + 2. Walked by hand in docs/EXERCISES.md, 4.1.
  Tensor x(Array{1.0, 2.0}, true);
  Tensor y = x * 2.0;
  Tensor y_squared = y * y;
  Tensor z = y_squared + y;
  // Kept for the failure message: the graph with every node's gradient after backward.
  autograd::CapturedGraph graph(z);
  z.backward(Array{1.0, 1.0});
  autograd::DotOptions options;
  options.names = {{"x", x}, {"y", y}, {"y*y", y_squared}, {"z", z}};
  INFO(
      "the graph after backward, each node's value and gradient (Graphviz DOT, "
      "autograd/dot.hpp); expected: z {1, 1}, y*y {1, 1}, y {5, 9}, x {10, 18}\n"
      << autograd::to_dot(graph, options));
  INFO(
      "y feeds z twice: y's gradient is complete only after both uses passed theirs back, "
      "so y's backward must run after them (reverse topological order)");
  REQUIRE_ALL_CLOSE(x.grad(), (Array{10.0, 18.0}), 0);
}

TEST_CASE("leaf gradients accumulate across backward calls until zero_grad",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{2.0}, true);
  autograd::sum(x * 3.0).backward();
  autograd::sum(x * 3.0).backward();
  REQUIRE(x.grad()(0) == 6.0);
  x.zero_grad();
  REQUIRE_FALSE(x.has_grad());
  REQUIRE_THROWS_AS(x.grad(), std::logic_error);
  autograd::sum(x * 3.0).backward();
  REQUIRE(x.grad()(0) == 3.0);
}

TEST_CASE("backward releases the graph, and a second backward through it throws",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{1.0, 2.0}, true);
  Tensor y = x * x;
  Tensor loss = autograd::sum(y);
  loss.backward();
  REQUIRE_FALSE(y.has_grad());  // interior gradient buffers are freed, as in PyTorch
  REQUIRE_FALSE(y.is_leaf());
  REQUIRE_THROWS_WITH(loss.backward(), Catch::Contains("second time"));
  // A new graph built on a released node cannot reach the leaves either.
  REQUIRE_THROWS_WITH(autograd::sum(y * 2.0).backward(), Catch::Contains("second time"));
}

TEST_CASE("backward frees an interior gradient's buffer, not only its has_grad flag",
          "[autograd][ex4][ex4.1]") {
  // Cached bytes of the calling thread's block cache (autograd/memory.hpp) before and after a
  // backward through y = x·x of 512 elements (a 4 KiB gradient), with and without retain_grad
  // on y: the only difference between the two is y's gradient, which must go back to the
  // cache when it is not retained (a graph held by the caller must not keep it alive).
  auto cached_bytes_gained = [](bool retain) {
    {  // warm the cache, so that every allocation below is served from it
      std::vector<Array> warm;
      for (int i = 0; i < 16; ++i) warm.push_back(Array::from_shape({512}));
      for (int i = 0; i < 16; ++i) warm.push_back(Array::from_shape({1}));
    }
    Tensor x(xt::ones<double>({512}), true);
    Tensor y = x * x;
    if (retain) y.retain_grad();
    Tensor loss = autograd::sum(y);
    const auto before = autograd::buffer_pool::statistics().cached_bytes;
    loss.backward();
    const auto after = autograd::buffer_pool::statistics().cached_bytes;
    REQUIRE(y.has_grad() == retain);
    return static_cast<long long>(after) - static_cast<long long>(before);
  };
  const long long retained = cached_bytes_gained(true);
  const long long released = cached_bytes_gained(false);
  REQUIRE(released - retained == 512 * static_cast<long long>(sizeof(double)));
}

TEST_CASE("backward without grad_output needs a one-element tensor", "[autograd][ex4][ex4.1]") {
  Tensor x(Array{1.0, 2.0}, true);
  Tensor y = x * 2.0;
  REQUIRE_THROWS_WITH(y.backward(), Catch::Contains("one-element") && Catch::Contains("[2]"));
  REQUIRE_THROWS_WITH(y.backward(Array{1.0, 2.0, 3.0}),
                      "backward: grad_output has shape [3] but the tensor has [2]");
}

TEST_CASE("backward on a tensor that does not require grad throws", "[autograd][ex4][ex4.1]") {
  Tensor x(Array{1.0});
  REQUIRE_THROWS_WITH(autograd::sum(x * 2.0).backward(), Catch::Contains("does not require grad"));
  REQUIRE_THROWS_AS(Tensor().value(), std::logic_error);
}

TEST_CASE("under NoGradGuard ops record nothing, and the guard restores the mode",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{1.0}, true);
  {
    autograd::NoGradGuard no_grad;
    REQUIRE_FALSE(autograd::is_grad_enabled());
    Tensor y = x * 2.0;
    REQUIRE_FALSE(y.requires_grad());
    REQUIRE(y.is_leaf());
    REQUIRE_THROWS_AS(autograd::sum(y).backward(), std::logic_error);
  }
  REQUIRE(autograd::is_grad_enabled());
  REQUIRE((x * 2.0).requires_grad());
}

TEST_CASE("detach keeps the value and cuts the gradient", "[autograd][ex4][ex4.1]") {
  Tensor x(Array{3.0}, true);
  Tensor d = (x * 2.0).detach();
  REQUIRE(d.value()(0) == 6.0);
  REQUIRE_FALSE(d.requires_grad());
  autograd::sum(x * d).backward();  // d is a constant: d(x·d)/dx = d
  REQUIRE(x.grad()(0) == 6.0);
}

TEST_CASE("a chain of 1,000,000 ops runs backward and is freed without stack overflow",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{0.5}, true);
  Tensor y = x;
  for (int i = 0; i < 1'000'000; ++i) y = y + 1e-6;
  INFO("a graph 10^6 nodes deep: the topological sort must use an explicit stack, not recursion");
  autograd::sum(y).backward();
  REQUIRE(x.grad()(0) == 1.0);
  // And a chain that never runs backward is freed by the iterative destructor.
  Tensor z = x;
  for (int i = 0; i < 1'000'000; ++i) z = z * 1.0;
  z = Tensor();
  SUCCEED("freed a 10^6-node chain");
}

TEST_CASE("the same seed gives the same numbers, another seed others", "[autograd][random]") {
  autograd::manual_seed(1234);
  const Array first = autograd::randn({5});
  const Array first_uniform = autograd::rand_uniform({5}, 0.0, 1.0);
  autograd::manual_seed(1234);
  REQUIRE_ALL_CLOSE(autograd::randn({5}), first, 0);
  REQUIRE_ALL_CLOSE(autograd::rand_uniform({5}, 0.0, 1.0), first_uniform, 0);
  autograd::manual_seed(4321);
  REQUIRE_FALSE(test::all_close(autograd::randn({5}), first, 0));
}

TEST_CASE("the generator's draws have the right moments, within 4 standard errors",
          "[autograd][random]") {
  autograd::Generator gen(99);
  const std::size_t n = 200000;
  const Array u = autograd::rand_uniform({n}, 0.0, 1.0, gen);
  const Array z = autograd::randn({n}, gen);
  const Array b = autograd::bernoulli_mask({n}, 0.3, gen);
  const double se_u = std::sqrt(1.0 / 12.0 / n);
  const double se_z = std::sqrt(1.0 / n);
  const double se_b = std::sqrt(0.3 * 0.7 / n);
  REQUIRE(std::abs(xt::mean(u)() - 0.5) < 4 * se_u);
  REQUIRE(std::abs(xt::mean(z)()) < 4 * se_z);
  // Var(z²) = 2 for a standard normal, so the mean of z² has standard error sqrt(2/n).
  REQUIRE(std::abs(xt::mean(z * z)() - 1.0) < 4 * std::sqrt(2.0 / n));
  REQUIRE(std::abs(xt::mean(b)() - 0.3) < 4 * se_b);
  REQUIRE(xt::amin(u)() >= 0.0);
  REQUIRE(xt::amax(u)() < 1.0);
}

TEST_CASE("bernoulli_mask draws exactly the mask of uniform01 < p from the same generator",
          "[autograd][random]") {
  // bernoulli_mask compares integers (u < ceil(p·2^53)); the definition compares u·2^-53 < p.
  for (const double p : {0.0, 1e-300, 0.25, 0.3, 0.5, 1.0 / 3.0, 0.7, 1.0 - 0x1.0p-53, 1.0}) {
    INFO("p = " << p);
    autograd::Generator for_mask(7), for_definition(7);
    const Array mask = autograd::bernoulli_mask({10000}, p, for_mask);
    bool all_equal = true;
    for (double m : mask) all_equal &= m == (autograd::uniform01(for_definition) < p ? 1.0 : 0.0);
    REQUIRE(all_equal);
  }
}

TEST_CASE("permutation returns every index exactly once", "[autograd][random]") {
  autograd::Generator gen(5);
  const auto order = autograd::permutation(1000, gen);
  REQUIRE(std::set<std::size_t>(order.begin(), order.end()).size() == 1000);
  REQUIRE(*std::max_element(order.begin(), order.end()) == 999);
}
