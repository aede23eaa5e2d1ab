#include "nn/serialization.hpp"

#include <unistd.h>  // getpid: a temporary name of this process's own

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

namespace nn {

namespace {

constexpr const char* format_name = "dropout_lab.state_dict";
constexpr int format_version = 1;

// The shortest text that reads back to exactly `value` (C++17 to_chars), with ".0" on whole
// numbers so that a JSON reader takes them as floating point: "-0" would read as the integer
// 0 and lose its sign.
std::string exact_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

// The JSON text of the state_dict: one row of each tensor's last axis per line.
std::string state_dict_json(const std::vector<std::pair<std::string, Tensor>>& parameters) {
  std::string text = "{\n  \"format\": \"" + std::string(format_name) +
                     "\",\n  \"version\": " + std::to_string(format_version) +
                     ",\n  \"state_dict\": {";
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    const auto& [name, parameter] = parameters[p];
    const Array& value = parameter.value();
    std::string shape;
    for (std::size_t axis = 0; axis < value.dimension(); ++axis) {
      shape += (axis > 0 ? ", " : "") + std::to_string(value.shape()[axis]);
    }
    const std::size_t row = value.dimension() == 0 ? 1 : value.shape().back();
    text += std::string(p > 0 ? "," : "") + "\n    " + nlohmann::json(name).dump() +
            ": {\n      \"shape\": [" + shape + "],\n      \"values\": [";
    for (std::size_t i = 0; i < value.size(); ++i) {
      const double x = value.data()[i];
      if (!std::isfinite(x)) {
        throw std::invalid_argument("nn::save: parameter '" + name + "' holds " +
                                    (std::isnan(x) ? "nan"
                                     : x > 0       ? "inf"
                                                   : "-inf") +
                                    " at flat index " + std::to_string(i) +
                                    "; JSON cannot hold a NaN or an infinity");
      }
      text += i == 0 ? "\n        " : (i % row == 0 ? ",\n        " : ", ");
      text += exact_number(x);
    }
    text += value.size() > 0 ? "\n      ]\n    }" : "]\n    }";
  }
  return text + (parameters.empty() ? "}\n}\n" : "\n  }\n}\n");
}

// Writes text to path through a temporary file in the same directory and a rename, which
// replaces path in one step (POSIX rename is atomic within a file system).
void write_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw std::runtime_error("nn::save: cannot write " + temporary + " (for " + path +
                               "): " + std::strerror(errno));
    }
    out << text;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw std::runtime_error("nn::save: error while writing " + temporary + " (for " + path +
                               ")");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw std::runtime_error("nn::save: cannot rename " + temporary + " to " + path + ": " +
                             reason);
  }
}

std::string names_of(const std::vector<std::pair<std::string, Tensor>>& parameters) {
  std::string names;
  for (const auto& named : parameters) names += (names.empty() ? "" : ", ") + named.first;
  return names.empty() ? "none" : names;
}

std::string keys_of(const nlohmann::json& entries) {
  std::string keys;
  for (const auto& item : entries.items()) keys += (keys.empty() ? "" : ", ") + item.key();
  return keys.empty() ? "none" : keys;
}

}  // namespace

void save(const Module& module, const std::string& path) {
  write_atomically(path, state_dict_json(module.named_parameters()));
}

void load(Module& module, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("nn::load: cannot open " + path + ": " + std::strerror(errno));
  }
  const std::string where = "nn::load: " + path + ": ";
  nlohmann::json file;
  try {
    file = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::invalid_argument(where + "not a JSON file (" + error.what() + ")");
  } catch (const nlohmann::json::out_of_range& error) {
    // A number beyond a double's range, such as 1e400 (found by fuzz/fuzz_state_dict.cpp: it
    // escaped as nlohmann's own exception type).
    throw std::invalid_argument(where + "a number out of range (" + error.what() + ")");
  }
  if (!file.is_object() || file.value("format", nlohmann::json()) != format_name) {
    throw std::invalid_argument(where + "not a state_dict file (no \"format\": \"" + format_name +
                                "\" at the top level)");
  }
  if (file.value("version", nlohmann::json()) != format_version) {
    throw std::invalid_argument(
        where + "format version " + file.value("version", nlohmann::json()).dump() +
        ", but this program reads version " + std::to_string(format_version));
  }
  if (!file.contains("state_dict") || !file["state_dict"].is_object()) {
    throw std::invalid_argument(where + "no \"state_dict\" object");
  }
  const nlohmann::json& entries = file["state_dict"];

  // Every check first, into new arrays; the parameters change only once all have passed.
  const auto parameters = module.named_parameters();
  std::vector<Array> loaded;
  loaded.reserve(parameters.size());
  for (const auto& [name, parameter] : parameters) {
    const auto entry = entries.find(name);
    if (entry == entries.end()) {
      throw std::invalid_argument(where + "the model's parameter '" + name +
                                  "' is not in the file (the file has: " + keys_of(entries) + ")");
    }
    const nlohmann::json* shape_json =
        entry->is_object() && entry->contains("shape") ? &(*entry)["shape"] : nullptr;
    const nlohmann::json* values_json =
        entry->is_object() && entry->contains("values") ? &(*entry)["values"] : nullptr;
    if (shape_json == nullptr || !shape_json->is_array() || values_json == nullptr ||
        !values_json->is_array()) {
      throw std::invalid_argument(where + "'" + name +
                                  "' is not an object with a \"shape\" and a \"values\" list");
    }
    autograd::Shape shape;
    for (const auto& size : *shape_json) {
      if (!size.is_number_unsigned()) {
        throw std::invalid_argument(where + "the shape of '" + name +
                                    "' is not a list of sizes: " + shape_json->dump());
      }
      shape.push_back(size.get<std::size_t>());
    }
    const autograd::Shape& expected = parameter.shape();
    if (shape != expected) {
      throw std::invalid_argument(where + "parameter '" + name + "' has shape " +
                                  autograd::shape_to_string(expected) + " in the model but " +
                                  autograd::shape_to_string(shape) + " in the file");
    }
    Array value = Array::from_shape(parameter.shape());
    if (values_json->size() != value.size()) {
      throw std::invalid_argument(where + "'" + name + "' of shape " +
                                  autograd::shape_to_string(shape) + " needs " +
                                  std::to_string(value.size()) + " values, the file has " +
                                  std::to_string(values_json->size()));
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const nlohmann::json& number = (*values_json)[i];
      if (!number.is_number()) {
        throw std::invalid_argument(where + "value " + std::to_string(i) + " of '" + name +
                                    "' is not a number: " + number.dump());
      }
      value.data()[i] = number.get<double>();
    }
    loaded.push_back(std::move(value));
  }
  std::unordered_set<std::string> known;
  for (const auto& named : parameters) known.insert(named.first);
  for (const auto& item : entries.items()) {
    if (known.count(item.key()) == 0) {
      throw std::invalid_argument(where + "the file holds '" + item.key() +
                                  "', which is not a parameter of the model (its parameters: " +
                                  names_of(parameters) + ")");
    }
  }
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    Tensor parameter = parameters[i].second;
    parameter.mutable_value() = std::move(loaded[i]);
  }
}

}  // namespace nn
