#include "optim/sgd.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xnoalias.hpp>

namespace optim {

namespace {
Scalar non_negative(const char* name, Scalar value) {
  if (!(value >= 0.0)) {  // also rejects NaN
    throw std::invalid_argument(std::string("SGD: ") + name + " must be >= 0, got " +
                                std::to_string(value));
  }
  return value;
}
}  // namespace

SGD::SGD(std::vector<Tensor> params, Scalar lr, Scalar momentum, Scalar dampening,
         Scalar weight_decay, bool nesterov)
    : params_(std::move(params)),
      momentum_buffers_(params_.size()),
      has_momentum_buffer_(params_.size(), false),
      lr_(non_negative("lr", lr)),
      momentum_(non_negative("momentum", momentum)),
      dampening_(dampening),
      weight_decay_(non_negative("weight_decay", weight_decay)),
      nesterov_(nesterov) {
  if (nesterov && (momentum <= 0 || dampening != 0)) {
    throw std::invalid_argument(
        "SGD: nesterov requires momentum > 0 and dampening = 0, got momentum " +
        std::to_string(momentum) + " and dampening " + std::to_string(dampening));
  }
  for (const Tensor& param : params_) {
    if (!param.defined() || !param.requires_grad()) {
      throw std::invalid_argument("SGD: every parameter must be a tensor with requires_grad");
    }
  }
}

void SGD::set_lr(Scalar lr) {
  lr_ = non_negative("lr", lr);
}

void SGD::step() {
  for (std::size_t i = 0; i < params_.size(); ++i) {
    Tensor& param = params_[i];
    if (!param.has_grad()) continue;
    Array& theta = param.mutable_value();
    Array g = param.grad();  // a copy: the stored grad stays as backward left it
    if (weight_decay_ != 0) g += weight_decay_ * theta;
    if (momentum_ != 0) {
      Array& buffer = momentum_buffers_[i];
      if (!has_momentum_buffer_[i]) {
        buffer = g;
        has_momentum_buffer_[i] = true;
      } else {
        // Element-wise, so updating in place (noalias: no temporary) is safe here.
        xt::noalias(buffer) = momentum_ * buffer + (1.0 - dampening_) * g;
      }
      if (nesterov_) {
        g += momentum_ * buffer;
      } else {
        g = buffer;
      }
    }
    theta -= lr_ * g;
  }
}

void SGD::zero_grad() {
  for (Tensor& param : params_) param.zero_grad();
}

}  // namespace optim
