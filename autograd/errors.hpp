// The exception a student's stub throws. `./run.sh exercises` writes a copy of the project in
// which every body marked "BEGIN EXERCISE N.M" is replaced by
//
//   throw autograd::NotImplemented("exercise N.M: <one-line hint>");
//
// so the first failing test names the exercise to open in docs/EXERCISES.md. A logic_error:
// calling code that has not been written yet is a mistake in the program, not in its input.
#pragma once

#include <stdexcept>

namespace autograd {

class NotImplemented : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace autograd
