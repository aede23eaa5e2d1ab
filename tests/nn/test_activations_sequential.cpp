// Exercise 6.2: ReLU and Sigmoid modules, Sequential, and the module tree (parameters, modes).
#include "nn/nn.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("ReLU and Sigmoid modules apply their functions", "[nn][ex6][ex6.2]") {
  Tensor x(Array{-1.0, 0.0, 2.0});
  REQUIRE_ALL_CLOSE(nn::ReLU()(x).value(), (Array{0.0, 0.0, 2.0}), 0);
  REQUIRE_ALL_CLOSE(nn::Sigmoid()(x).value(), autograd::sigmoid_values(x.value()), 0);
}

TEST_CASE("Sequential chains its modules and names parameters as PyTorch does",
          "[nn][ex6][ex6.2]") {
  auto first = std::make_shared<nn::Linear>(2, 4);
  auto second = std::make_shared<nn::Linear>(4, 1);
  nn::Sequential model({first, std::make_shared<nn::ReLU>(), second});
  const auto named = model.named_parameters();
  REQUIRE(named.size() == 4);
  REQUIRE(named[0].first == "0.weight");
  REQUIRE(named[1].first == "0.bias");
  REQUIRE(named[2].first == "2.weight");
  REQUIRE(named[3].first == "2.bias");
  Tensor x(test::random_array({3, 2}, 70));
  Tensor expected = (*second)(autograd::relu((*first)(x)));
  REQUIRE_ALL_CLOSE(model(x).value(), expected.value(), 0);
}

TEST_CASE("train and eval set the mode of a module and all its children", "[nn][ex6][ex6.2]") {
  auto dropout = std::make_shared<nn::Dropout>(0.5);
  auto inner_ptr =
      std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{dropout});
  nn::Sequential model({std::make_shared<nn::Linear>(2, 2), inner_ptr});
  REQUIRE(model.is_training());
  model.eval();
  REQUIRE_FALSE(model.is_training());
  REQUIRE_FALSE(inner_ptr->is_training());
  REQUIRE_FALSE(dropout->is_training());
  model.train();
  REQUIRE(dropout->is_training());
  // Another model's mode is its own: no global flag.
  nn::Sequential other({std::make_shared<nn::Dropout>(0.5)});
  model.eval();
  REQUIRE(other.is_training());
}

TEST_CASE("eval mode does not turn gradients off", "[nn][ex6][ex6.2]") {
  nn::Sequential model({std::make_shared<nn::Linear>(2, 1)});
  model.eval();
  Tensor y = model(Tensor(Array{{1.0, 2.0}}));
  REQUIRE(y.requires_grad());
  autograd::sum(y).backward();
  for (const Tensor& p : model.parameters()) REQUIRE(p.has_grad());
  model.zero_grad();
  for (const Tensor& p : model.parameters()) REQUIRE_FALSE(p.has_grad());
}
