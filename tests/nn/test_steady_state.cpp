// The engine's promise for the blog's workload: once a training loop runs, a step takes every
// value, gradient and node buffer from the per-thread cache (autograd/memory.hpp), not
// from the heap. The step runs the whole model, so the test is tagged with the last exercise
// it needs (8.1, SGD).
#include "autograd/memory.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"
#include "test_helpers.hpp"

namespace pool = autograd::buffer_pool;

TEST_CASE("a training step in the steady state allocates no new array or node buffer",
          "[nn][buffer_pool][ex8][ex8.1]") {
  autograd::manual_seed(3);
  nn::Sequential model({std::make_shared<nn::Linear>(2, 16), std::make_shared<nn::ReLU>(),
                        std::make_shared<nn::Dropout>(0.5), std::make_shared<nn::Linear>(16, 1)});
  optim::SGD sgd(model.parameters(), 0.1, 0.9, 0.0, 1e-3);
  const nn::BCEWithLogitsLoss loss_fn;
  const autograd::Tensor x(autograd::Array{{0.5, -1.0}});
  const autograd::Tensor y(autograd::Array(xt::ones<double>({1, 1})));
  auto step = [&] {
    sgd.zero_grad();
    autograd::Tensor loss = loss_fn(model(x), y);
    loss.backward();
    sgd.step();
  };
  for (int i = 0; i < 3; ++i) step();  // warm-up: the cache fills with this step's sizes
  const std::size_t misses = pool::statistics().misses;
  for (int i = 0; i < 20; ++i) step();
  INFO("every value, gradient and node of a step should reuse a block the step before freed");
  REQUIRE(pool::statistics().misses == misses);
}
