// A program outside the project that uses dropout_lab as a library, the way a student's project
// would (README, "Use it in your project"): a small MLP with dropout, trained on the two moons
// with BCE-with-logits and SGD. It prints the loss as it goes and exits with 1 unless the loss
// went down, so the consumer test (tests/consumer/run_consumer_test.cmake) fails if the package
// builds but does not work.
#include <cstddef>
#include <iostream>
#include <memory>

#include <xtensor/xmanipulation.hpp>

#include "autograd/autograd.hpp"
#include "autograd/build_info.hpp"
#include "datasets/datasets.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"

int main() {
  using autograd::Tensor;
  std::cout << dropout_lab::version_text("consumer");

  autograd::manual_seed(0);
  const datasets::Dataset data = datasets::make_moons(200, 0.1, /*seed=*/1);
  const std::size_t n = data.size();
  const Tensor inputs(data.X);
  const Tensor labels(autograd::Array(xt::reshape_view(data.y, {n, std::size_t{1}})));

  nn::Sequential model({std::make_shared<nn::Linear>(2, 32), std::make_shared<nn::ReLU>(),
                        std::make_shared<nn::Dropout>(0.1), std::make_shared<nn::Linear>(32, 1)});
  optim::SGD sgd(model.parameters(), /*lr=*/0.1, /*momentum=*/0.9);
  const nn::BCEWithLogitsLoss loss_fn;

  // Full-batch steps; the loss of each printed every 100 steps.
  constexpr int kSteps = 500;
  double first_loss = 0;
  double last_loss = 0;
  for (int step = 0; step < kSteps; ++step) {
    sgd.zero_grad();
    Tensor loss = loss_fn(model(inputs), labels);
    loss.backward();
    sgd.step();
    last_loss = loss.item();
    if (step == 0) first_loss = last_loss;
    if (step % 100 == 0 || step == kSteps - 1) {
      std::cout << "step " << step << ": loss " << last_loss << "\n";
    }
  }
  // From log 2 = 0.69 at the start to below 0.35 once the model separates the moons (it reaches
  // about 0.1); a broken build stays near the start.
  if (!(last_loss < 0.5 * first_loss)) {
    std::cerr << "consumer: the loss did not decrease enough: " << first_loss << " -> " << last_loss
              << "\n";
    return 1;
  }
  std::cout << "the loss decreased: " << first_loss << " -> " << last_loss << "\n";
  return 0;
}
