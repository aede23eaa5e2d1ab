// The printing half of test_helpers.hpp, compiled once for all test binaries.
#include "test_helpers.hpp"

#include <sstream>
#include <xtensor/xio.hpp>

std::string test::to_string(const Array& a) {
  std::ostringstream os;
  os << a;
  return os.str();
}
