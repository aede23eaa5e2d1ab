// Sequential: applies its modules in order, as torch.nn.Sequential. Children are named "0",
// "1", ..., so parameters are "0.weight", "0.bias", "2.weight", ...
#pragma once

#include <memory>
#include <vector>

#include "nn/module.hpp"

namespace nn {

class Sequential : public Module {
 public:
  Sequential() = default;
  explicit Sequential(std::vector<std::shared_ptr<Module>> modules);

  void push_back(std::shared_ptr<Module> module);
  Tensor forward(const Tensor& x) override;

  std::size_t size() const { return modules_.size(); }
  Module& operator[](std::size_t i) { return *modules_.at(i); }

 private:
  std::vector<std::shared_ptr<Module>> modules_;
};

}  // namespace nn
