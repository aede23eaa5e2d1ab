// libFuzzer target: nn::load, the model loader (nn/serialization.hpp), on arbitrary bytes, into
// a small MLP (Linear(2, 3), ReLU, Linear(3, 1): parameters 0.weight, 0.bias, 2.weight,
// 2.bias). It is the one JSON file the project reads back from outside (the benchmarks' report
// reads only what the benchmark itself wrote).
//
// What must hold, for every input:
// - it loads, or it is rejected with std::invalid_argument whose message starts
//   "nn::load: <path>: ", and then the model is unchanged, bit for bit; any other exception
//   escapes, and libFuzzer reports it;
// - what loads saves (nn::save) and loads into another model to the same bits;
// - nothing is read outside the input (AddressSanitizer, in the fuzz build).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "fuzz_support.hpp"
#include "nn/nn.hpp"

namespace {

std::shared_ptr<nn::Sequential> make_model() {
  autograd::manual_seed(0);
  return std::make_shared<nn::Sequential>(std::vector<std::shared_ptr<nn::Module>>{
      std::make_shared<nn::Linear>(2, 3), std::make_shared<nn::ReLU>(),
      std::make_shared<nn::Linear>(3, 1)});
}

std::vector<autograd::Array> values_of(const nn::Module& model) {
  std::vector<autograd::Array> values;
  for (const auto& [name, parameter] : model.named_parameters())
    values.push_back(parameter.value());
  return values;
}

bool same_bits(const std::vector<autograd::Array>& a, const std::vector<autograd::Array>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p].shape() != b[p].shape()) return false;
    for (std::size_t i = 0; i < a[p].size(); ++i) {
      if (!fuzz::same_bits(a[p].data()[i], b[p].data()[i])) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::ScratchFile input("state_dict");
  input.write(fuzz::as_text(data, size));
  const auto model = make_model();
  const std::vector<autograd::Array> initial = values_of(*model);
  try {
    nn::load(*model, input.path());
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    fuzz::require(message.rfind("nn::load: " + input.path() + ": ", 0) == 0,
                  "a rejection names the file: " + message);
    fuzz::require(same_bits(values_of(*model), initial), "a rejected file changes no parameter");
    return 0;
  }
  const fuzz::ScratchFile saved("state_dict_saved");
  nn::save(*model, saved.path());
  const auto reloaded = make_model();
  nn::load(*reloaded, saved.path());
  fuzz::require(same_bits(values_of(*model), values_of(*reloaded)),
                "nn::save then nn::load gives back the loaded parameters bit for bit");
  return 0;
}
