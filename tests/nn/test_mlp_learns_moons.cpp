// Exercise 10.1: the pieces together. A small MLP trained with full-batch SGD must
// separate the noise-free moons perfectly; if any layer, loss or optimizer step is wrong, it
// does not.
#include "autograd/autograd.hpp"
#include "autograd/errors.hpp"
#include "datasets/moons.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"
#include "test_helpers.hpp"

using autograd::Tensor;

TEST_CASE("a two-layer MLP learns the noise-free moons to 100% training accuracy",
          "[nn][ex10][ex10.1]") {
  autograd::manual_seed(0);
  const datasets::Dataset data = datasets::make_moons(200, 0.0, 3);
  const std::size_t n = data.X.shape()[0];
  nn::Sequential model({std::make_shared<nn::Linear>(2, 32), std::make_shared<nn::ReLU>(),
                        std::make_shared<nn::Linear>(32, 1)});
  optim::SGD sgd(model.parameters(), 0.1, 0.9);
  const nn::BCEWithLogitsLoss loss_fn;
  const Tensor inputs(data.X);
  const Tensor labels(autograd::Array(xt::reshape_view(data.y, {n, std::size_t{1}})));
  double loss = 0;
  // BEGIN EXERCISE 10.1: 3000 steps of: zero_grad, loss of model(inputs), backward, sgd.step
  for (int step = 0; step < 3000; ++step) {
    sgd.zero_grad();
    Tensor batch_loss = loss_fn(model(inputs), labels);
    batch_loss.backward();
    sgd.step();
    loss = batch_loss.item();
  }
  // END EXERCISE 10.1
  autograd::NoGradGuard no_grad;
  const autograd::Array logits = model(inputs).value();
  std::size_t correct = 0;
  for (std::size_t i = 0; i < n; ++i) correct += (logits(i, 0) > 0) == (labels.value()(i, 0) == 1);
  INFO("final training loss " << loss << ", correct " << correct << " of " << n);
  REQUIRE(correct == n);
}
