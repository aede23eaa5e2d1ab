// Module: the base of every layer, as torch.nn.Module. A module owns its parameters and its
// child modules, and its own train/eval mode (no global flag: a mode leaking between models or
// tests is a classic bug). eval() changes what Dropout does; it does not turn gradients off.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "autograd/tensor.hpp"

namespace nn {

using autograd::Array;
using autograd::Scalar;
using autograd::Tensor;

class Module {
 public:
  virtual ~Module() = default;

  virtual Tensor forward(const Tensor& x) = 0;
  Tensor operator()(const Tensor& x) { return forward(x); }

  // This module's parameters, then its children's, in registration order (as PyTorch).
  std::vector<Tensor> parameters() const;
  // The same, with dotted names: "weight", "0.bias", ...
  std::vector<std::pair<std::string, Tensor>> named_parameters() const;

  void train(bool on = true);  // this module and all its children
  void eval() { train(false); }
  bool is_training() const { return training_; }

  void zero_grad();  // every parameter's gradient

  // The direct children with their names ("0", "1", ... in a Sequential), as named_children().
  const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& named_children() const {
    return children_;
  }

  // How the module prints (nn/printing.hpp), as PyTorch's repr: the class name, then what goes
  // between its parentheses. type_name() is the C++ class name without its namespace
  // ("Linear"), as PyTorch's _get_name(); extra_repr() is empty unless a module has settings
  // to show ("in_features=2, out_features=64, bias=True"), as PyTorch's extra_repr().
  virtual std::string type_name() const;
  virtual std::string extra_repr() const { return ""; }

 protected:
  Module() = default;
  // Registers a parameter (it gets requires_grad) and returns the stored handle.
  Tensor register_parameter(std::string name, Array value);
  void register_module(std::string name, std::shared_ptr<Module> child);

 private:
  void collect(const std::string& prefix, std::vector<std::pair<std::string, Tensor>>& out) const;

  std::vector<std::pair<std::string, Tensor>> parameters_;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> children_;
  bool training_ = true;  // modules start in training mode, as in PyTorch
};

}  // namespace nn
