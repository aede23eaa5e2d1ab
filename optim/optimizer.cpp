#include "optim/optimizer.hpp"

#include <sstream>
#include <stdexcept>
#include <utility>

namespace optim {

std::string format_number(Scalar value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

Optimizer::Optimizer(std::string name, std::vector<Tensor> params, Scalar lr)
    : params_(std::move(params)), lr_(0), name_(std::move(name)) {
  lr_ = non_negative("lr", lr);
  for (const Tensor& param : params_) {
    if (!param.defined() || !param.requires_grad()) {
      invalid("every parameter must be a tensor with requires_grad");
    }
  }
}

void Optimizer::invalid(const std::string& what) const {
  throw std::invalid_argument(name_ + ": " + what);
}

Scalar Optimizer::non_negative(const char* argument, Scalar value) const {
  if (!(value >= 0.0)) {  // also rejects NaN
    invalid(std::string(argument) + " must be >= 0, got " + format_number(value));
  }
  return value;
}

Scalar Optimizer::in_unit_interval(const char* argument, Scalar value) const {
  if (!(value >= 0.0 && value < 1.0)) {  // also rejects NaN
    invalid(std::string(argument) + " must be in [0, 1), got " + format_number(value));
  }
  return value;
}

void Optimizer::set_lr(Scalar lr) {
  lr_ = non_negative("lr", lr);
}

void Optimizer::zero_grad() {
  // BEGIN EXERCISE 8.1: zero_grad() on every parameter
  for (Tensor& param : params_) param.zero_grad();
  // END EXERCISE 8.1
}

}  // namespace optim
