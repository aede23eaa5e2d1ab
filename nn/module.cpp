#include "nn/module.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <typeinfo>

namespace nn {

Tensor Module::register_parameter(std::string name, Array value) {
  Tensor parameter(std::move(value), /*requires_grad=*/true);
  parameters_.emplace_back(std::move(name), parameter);
  return parameter;
}

void Module::register_module(std::string name, std::shared_ptr<Module> child) {
  if (!child) throw std::invalid_argument("Module::register_module: child '" + name + "' is null");
  child->train(training_);
  children_.emplace_back(std::move(name), std::move(child));
}

void Module::collect(const std::string& prefix,
                     std::vector<std::pair<std::string, Tensor>>& out) const {
  for (const auto& [name, parameter] : parameters_) out.emplace_back(prefix + name, parameter);
  for (const auto& [name, child] : children_) child->collect(prefix + name + ".", out);
}

std::vector<std::pair<std::string, Tensor>> Module::named_parameters() const {
  std::vector<std::pair<std::string, Tensor>> out;
  collect("", out);
  return out;
}

std::vector<Tensor> Module::parameters() const {
  std::vector<Tensor> out;
  for (auto& named : named_parameters()) out.push_back(std::move(named.second));
  return out;
}

void Module::train(bool on) {
  // BEGIN EXERCISE 6.2: set training_ and pass the mode on to every child module
  training_ = on;
  for (auto& child : children_) child.second->train(on);
  // END EXERCISE 6.2
}

std::string Module::type_name() const {
  // The dynamic type's name, demangled ("nn::Linear") and without its namespaces ("Linear").
  const char* mangled = typeid(*this).name();
  int status = 0;
  const std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  std::string name = status == 0 && demangled ? demangled.get() : mangled;
  const std::size_t colons = name.rfind("::", name.find('<'));  // not inside template arguments
  return colons == std::string::npos ? name : name.substr(colons + 2);
}

void Module::zero_grad() {
  for (Tensor& parameter : parameters()) parameter.zero_grad();
}

}  // namespace nn
