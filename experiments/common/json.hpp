// Typed results to JSON (summary.json is for readers outside; reports take the typed values).
#pragma once

#include <cmath>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/to_vector.hpp"  // to_vector, for the files that used it from here

namespace experiments {

// NaN (a quantity with no value, say) written as JSON null.
inline nlohmann::json number_or_null(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace experiments

// json_object["member"] = object.member for each listed member: the keys that are named as the
// members, in one line (the rest of a block is written out beside it).
#define EXPERIMENTS_JSON_MEMBERS(json_object, object, ...)                   \
  [&](nlohmann::json& nlohmann_json_j, const auto& nlohmann_json_t) {        \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__)) \
  }(json_object, object)

// to_json(json&, const Type&) with one key per listed member, named as the member: a struct's
// summary.json block in one line, and vectors of it convert by themselves. Serialise-only
// (nlohmann's NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE also demands a from_json of every member).
#define EXPERIMENTS_TO_JSON(Type, ...)                                   \
  inline void to_json(nlohmann::json& json_object, const Type& object) { \
    EXPERIMENTS_JSON_MEMBERS(json_object, object, __VA_ARGS__);          \
  }
