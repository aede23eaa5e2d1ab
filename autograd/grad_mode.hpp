// Gradient recording on or off, like torch.no_grad(). The flag is per thread.
#pragma once

namespace autograd {

bool is_grad_enabled();

// RAII: ops record nothing (their results are leaves) while a guard is alive.
class NoGradGuard {
 public:
  NoGradGuard();
  ~NoGradGuard();
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool previous_;
};

}  // namespace autograd
