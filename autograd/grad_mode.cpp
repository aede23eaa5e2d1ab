#include "autograd/grad_mode.hpp"

namespace autograd {
namespace {
thread_local bool grad_enabled = true;
}

bool is_grad_enabled() {
  return grad_enabled;
}

NoGradGuard::NoGradGuard() : previous_(grad_enabled) {
  grad_enabled = false;
}
NoGradGuard::~NoGradGuard() {
  grad_enabled = previous_;
}

}  // namespace autograd
