// The provenance block of every summary.json: which version and build made the numbers
// (dropout_lab::build_info(), autograd/build_info.hpp), so that a result can be traced to it.
// tools/compare_results.py skips it by default: it differs between builds, not between results.
#pragma once

#include <nlohmann/json.hpp>

namespace experiments {

// {"version", "git_commit", "compiler", "build_type", "compile_flags",
//  "blas": {"library", "core", "threads"}}: the fields of dropout_lab::BuildInfo.
nlohmann::json provenance_json();

}  // namespace experiments
