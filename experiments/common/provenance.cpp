#include "experiments/common/provenance.hpp"

#include "autograd/build_info.hpp"

namespace experiments {

nlohmann::json provenance_json() {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  return {
      {"version", info.version},
      {"git_commit", info.git_commit},
      {"compiler", info.compiler},
      {"build_type", info.build_type},
      {"compile_flags", info.compile_flags},
      {"blas",
       {{"library", info.blas_library}, {"core", info.blas_core}, {"threads", info.blas_threads}}}};
}

}  // namespace experiments
