#include "optim/sgd.hpp"

#include <stdexcept>
#include <string>

#include "autograd/kernels.hpp"

namespace optim {

SGD::SGD(std::vector<Tensor> params, Scalar lr, Scalar momentum, Scalar dampening,
         Scalar weight_decay, bool nesterov)
    : Optimizer("SGD", std::move(params), lr),  // checks the parameters and lr
      momentum_buffers_(params_.size()),
      has_momentum_buffer_(params_.size(), false),
      momentum_(non_negative("momentum", momentum)),
      dampening_(dampening),
      weight_decay_(non_negative("weight_decay", weight_decay)),
      nesterov_(nesterov) {
  if (nesterov && (momentum <= 0 || dampening != 0)) {
    invalid("nesterov requires momentum > 0 and dampening = 0, got momentum " +
            format_number(momentum) + " and dampening " + format_number(dampening));
  }
}

void SGD::step() {
  // BEGIN EXERCISE 8.1: g = grad + wd·θ; buf = g, later momentum·buf + (1-dampening)·g; θ -= lr·buf
  for (std::size_t i = 0; i < params_.size(); ++i) {
    Tensor& param = params_[i];
    if (!param.has_grad()) continue;
    Array& theta = param.mutable_value();
    const Array& grad = param.grad();  // read only: the stored grad is not modified
    // In torch.optim.SGD's order (see the header). Without momentum, wd·θ is added only when
    // wd ≠ 0, as torch.optim.SGD does: the same result (also for an infinite θ, where 0·θ
    // would be NaN), and a third less work per element.
    if (momentum_ == 0 && weight_decay_ == 0) {
      autograd::kernels::sgd_update(theta, grad, lr_);  // θ −= lr·grad
      continue;
    }
    if (momentum_ == 0) {
      // θ −= lr·(grad + wd·θ)
      autograd::kernels::sgd_update_weight_decay(theta, grad, lr_, weight_decay_);
      continue;
    }
    // buf = g on the first step, then momentum·buf + (1 − dampening)·g; θ −= lr·buf (Nesterov:
    // θ −= lr·(g + momentum·buf)), with g = grad + wd·θ.
    const bool first_step = !has_momentum_buffer_[i];
    if (first_step) momentum_buffers_[i] = Array::from_shape(theta.shape());
    has_momentum_buffer_[i] = true;
    autograd::kernels::sgd_momentum_update(theta, grad, momentum_buffers_[i],
                                           {.lr = lr_,
                                            .momentum = momentum_,
                                            .dampening = dampening_,
                                            .weight_decay = weight_decay_,
                                            .nesterov = nesterov_},
                                           first_step);
  }
  // END EXERCISE 8.1
}

}  // namespace optim
