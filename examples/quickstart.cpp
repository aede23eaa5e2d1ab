// The README's example: make tensors, compute, backward, read the gradients.
#include <exception>
#include <iostream>

#include <xtensor/xio.hpp>

#include "autograd/autograd.hpp"

int main() {
  using namespace autograd;
  // Errors are reported, not left to std::terminate: in the student copy (docs/EXERCISES.md)
  // an op not written yet throws NotImplemented naming its exercise.
  try {
    Tensor w(Array{0.5, -1.0}, /*requires_grad=*/true);
    Tensor x(Array{1.0, 2.0});
    Tensor loss = sum(pow(w * x - 1.0, 2));  // Σ_i (w_i·x_i - 1)² = 0.25 + 9 = 9.25
    loss.backward();
    std::cout << "loss = " << loss.item() << "\n"  // 9.25
              << "dL/dw = " << w.grad() << "\n";   // 2(w_i·x_i - 1)·x_i = {-1, -12}
  } catch (const std::exception& error) {
    std::cerr << "quickstart: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
