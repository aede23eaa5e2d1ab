// What every optimizer here shares: the parameters it updates, a learning rate, zero_grad(),
// and the argument checks of torch.optim (each throws std::invalid_argument naming the
// optimizer, the argument and the value it got).
//
// `Optimizer` is also the common interface, so that one training loop can run any of them:
//
//   std::unique_ptr<optim::Optimizer> optimizer = std::make_unique<optim::AdamW>(params, 1e-3);
//   optimizer->zero_grad(); loss.backward(); optimizer->step();
//
// The concrete optimizers are `final`: a call through an `SGD&` or `Adam&` is not virtual.
#pragma once

#include <string>
#include <vector>

#include "autograd/tensor.hpp"

namespace optim {

using autograd::Array;
using autograd::Scalar;
using autograd::Tensor;

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  // One update of every parameter that has a gradient; parameters without one are skipped,
  // their state untouched (as torch.optim, which skips p.grad is None).
  virtual void step() = 0;

  // Forgets every parameter's gradient (Tensor::zero_grad: PyTorch's set_to_none).
  void zero_grad();

  Scalar lr() const { return lr_; }
  void set_lr(Scalar lr);  // for schedules; the same check as the constructor's
  const std::vector<Tensor>& params() const { return params_; }
  const std::string& name() const { return name_; }  // "SGD", "Adam", "AdamW"

 protected:
  // Checks that every parameter is a defined tensor with requires_grad, and lr >= 0.
  Optimizer(std::string name, std::vector<Tensor> params, Scalar lr);

  // The checks of torch.optim's constructors; each returns the value it checked.
  Scalar non_negative(const char* argument, Scalar value) const;      // 0 <= value (not NaN)
  Scalar in_unit_interval(const char* argument, Scalar value) const;  // 0 <= value < 1
  [[noreturn]] void invalid(const std::string& what) const;           // "<name>: <what>"

  std::vector<Tensor> params_;
  Scalar lr_;

 private:
  std::string name_;
};

// A number as a message shows it: "-0.1", "1e-09", "nan" (std::to_string would print
// "-0.100000" and "0.000000").
std::string format_number(Scalar value);

}  // namespace optim
