#include "nn/sequential.hpp"

#include <string>

namespace nn {

Sequential::Sequential(std::vector<std::shared_ptr<Module>> modules) {
  for (auto& module : modules) push_back(std::move(module));
}

void Sequential::push_back(std::shared_ptr<Module> module) {
  register_module(std::to_string(modules_.size()), module);
  modules_.push_back(std::move(module));
}

Tensor Sequential::forward(const Tensor& x) {
  // BEGIN EXERCISE 6.2: feed x through every module in order; return the last output
  Tensor y = x;
  for (auto& module : modules_) y = module->forward(y);
  return y;
  // END EXERCISE 6.2
}

}  // namespace nn
