// Train, save, load, predict: the post's MLP (without dropout) learns the two moons, is saved
// with nn::save, loaded into a freshly initialised model with nn::load, and the loaded model
// predicts exactly what the trained one does.
//
//   save_load [--out DIR]   writes DIR/moons_mlp.json (default DIR: the current directory)
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "autograd/autograd.hpp"
#include "autograd/build_info.hpp"
#include "datasets/datasets.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"

namespace {

using autograd::Array;
using autograd::Tensor;

std::shared_ptr<nn::Sequential> make_model() {
  return std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{
      std::make_shared<nn::Linear>(2, 64), std::make_shared<nn::ReLU>(),
      std::make_shared<nn::Linear>(64, 64), std::make_shared<nn::ReLU>(),
      std::make_shared<nn::Linear>(64, 1)});
}

// Logits of every row of X, in eval mode and without recording a graph.
Array predict(nn::Module& model, const Array& X) {
  autograd::NoGradGuard no_grad;
  model.eval();
  return model(Tensor(X)).value();
}

double accuracy(const Array& logits, const Array& y) {
  std::size_t correct = 0;
  for (std::size_t i = 0; i < y.size(); ++i) correct += (logits.data()[i] > 0) == (y(i) > 0.5);
  return static_cast<double>(correct) / static_cast<double>(y.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::cout << dropout_lab::version_text("save_load");
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--out") == 0) {
    out = argv[2];
  } else if (argc != 1) {
    std::cerr << "usage: save_load [--out DIR] [--version]\n";
    return 2;
  }
  try {
    std::filesystem::create_directories(out);
    const std::string path = out + "/moons_mlp.json";

    // Train: 300 points of the moons, batch 1, SGD with momentum, 10 epochs.
    const auto [train, test] =
        datasets::train_test_split(datasets::make_moons(300, 0.1, /*seed=*/0), 0.33, 0);
    autograd::manual_seed(0);
    auto model = make_model();
    optim::SGD optimizer(model->parameters(), /*lr=*/0.01, /*momentum=*/0.9);
    const nn::BCEWithLogitsLoss criterion;
    datasets::DataLoader loader(train, 1, /*shuffle=*/true, /*seed=*/0);
    for (int epoch = 0; epoch < 10; ++epoch) {
      for (const datasets::Batch& batch : loader) {
        Array target = batch.y;
        target.reshape({batch.y.size(), 1});
        optimizer.zero_grad();
        criterion((*model)(Tensor(batch.X)), Tensor(target)).backward();
        optimizer.step();
      }
    }
    const Array trained = predict(*model, test.X);
    std::cout << "trained: test accuracy " << accuracy(trained, test.y) << " on " << test.y.size()
              << " points\n";

    // Save, then load into a model with other initial values.
    nn::save(*model, path);
    std::cout << "saved " << nn::parameter_count(*model) << " parameters to " << path << "\n";
    autograd::manual_seed(1);
    auto loaded = make_model();
    nn::load(*loaded, path);
    const Array predicted = predict(*loaded, test.X);
    const bool identical =
        predicted.shape() == trained.shape() &&
        std::memcmp(predicted.data(), trained.data(), trained.size() * sizeof(double)) == 0;
    std::cout << "loaded: test accuracy " << accuracy(predicted, test.y) << "; the predictions "
              << (identical ? "are identical, bit for bit" : "DIFFER") << "\n";
    return identical ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "save_load: " << error.what() << "\n";
    return 1;
  }
}
