// libFuzzer target: datasets::load_csv on arbitrary bytes (README, "Errors and guarantees").
//
// What must hold, for every input:
// - it loads, or it is rejected with std::invalid_argument whose message is
//   "load_csv: <path>, line N: ..." with N a line of the file (or the one after its last, where
//   a row is missing); any other exception escapes, and libFuzzer reports it;
// - what loads has at least one row and one feature, and saves (save_csv) and reloads to the
//   same bits;
// - nothing is read outside the input (AddressSanitizer, in the fuzz build).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "datasets/csv.hpp"
#include "fuzz_support.hpp"

namespace {

bool same_bits(const autograd::Array& a, const autograd::Array& b) {
  if (a.shape() != b.shape()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!fuzz::same_bits(a.data()[i], b.data()[i])) return false;
  }
  return true;
}

// The message names the file and a line number from 1 to the line count + 1.
void check_rejection(const std::string& message, const std::string& path, const std::string& text) {
  const std::string prefix = "load_csv: " + path + ", line ";
  fuzz::require(message.rfind(prefix, 0) == 0,
                "a rejection names the file and the line: " + message);
  std::size_t line = 0;
  std::size_t digits = prefix.size();
  while (digits < message.size() && message[digits] >= '0' && message[digits] <= '9' &&
         line < 1'000'000'000) {
    line = line * 10 + static_cast<std::size_t>(message[digits] - '0');
    ++digits;
  }
  const std::size_t line_count =
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  fuzz::require(digits > prefix.size() && message.compare(digits, 2, ": ") == 0,
                "the line number is followed by ': ': " + message);
  fuzz::require(line >= 1 && line <= line_count + 1,
                "the line number is a line of the file: " + message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::as_text(data, size);
  const fuzz::ScratchFile input("csv");
  input.write(text);
  datasets::Dataset loaded;
  try {
    loaded = datasets::load_csv(input.path());
  } catch (const std::invalid_argument& error) {
    check_rejection(error.what(), input.path(), text);
    return 0;
  }
  fuzz::require(loaded.X.dimension() == 2 && loaded.X.shape()[0] >= 1 && loaded.X.shape()[1] >= 1,
                "a loaded file has at least one row and one feature");
  fuzz::require(loaded.y.dimension() == 1 && loaded.y.size() == loaded.X.shape()[0],
                "one target per row");

  const fuzz::ScratchFile saved("csv_saved");
  datasets::save_csv(loaded, saved.path());
  const datasets::Dataset reloaded = datasets::load_csv(saved.path());
  fuzz::require(same_bits(loaded.X, reloaded.X) && same_bits(loaded.y, reloaded.y),
                "save_csv then load_csv gives back the loaded X and y bit for bit");
  return 0;
}
