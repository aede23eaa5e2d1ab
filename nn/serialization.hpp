// Saving and loading a model's parameters: its state_dict, by the dotted names
// named_parameters() gives them ("0.weight", "0.bias", "3.weight", ...), as torch.save(
// model.state_dict(), path) and model.load_state_dict(torch.load(path)).
//
// The file is JSON, for a person and for Python to read:
//   {
//     "format": "dropout_lab.state_dict",
//     "version": 1,
//     "state_dict": {
//       "0.weight": {"shape": [64, 2], "values": [row-major, one row per line]},
//       ...
//     }
//   }
// Every double is written as the shortest text that reads back to the same bits, so a save and
// a load give the model back bit for bit. In Python:
//   d = json.load(open(path))["state_dict"]
//   model.load_state_dict({k: torch.tensor(v["values"], dtype=torch.float64).reshape(v["shape"])
//                          for k, v in d.items()})
// (tests/fixtures/make_pytorch_models.py writes such a file from PyTorch.)
#pragma once

#include <string>

#include "nn/module.hpp"

namespace nn {

// Writes module's parameters to path, atomically: to a temporary file beside it, renamed over
// path once complete, so a reader never sees half a file and a failure leaves the old file (or
// none). The directory must exist. Throws std::invalid_argument if a parameter is NaN or
// infinite (JSON cannot hold them), std::runtime_error if the file cannot be written.
void save(const Module& module, const std::string& path);

// Reads a file written by save() (or by Python in the same format) into module's parameters,
// in place (handles held by an optimizer stay valid; gradients are left alone). Every name and
// shape is checked before anything is copied: the first mismatch (a parameter of the model
// missing from the file, a shape that differs, a name the model does not have) throws
// std::invalid_argument naming it, and the model is left untouched. Throws std::runtime_error
// if the file cannot be read, std::invalid_argument if it is not such a JSON file or holds a
// number beyond a double's range.
void load(Module& module, const std::string& path);

}  // namespace nn
