#include "autograd/build_info.hpp"

#include <iomanip>
#include <sstream>

// OpenBLAS's own queries (declared so by its cblas.h). Weak references: with another BLAS they
// are null and the fields say "unknown", instead of the link failing.
extern "C" {
__attribute__((weak)) char* openblas_get_config(void);
__attribute__((weak)) char* openblas_get_corename(void);
__attribute__((weak)) int openblas_get_num_threads(void);
}

namespace dropout_lab {

namespace detail {
// Defined in the generated build_info_values.cpp (cmake/build_info_values.cpp.in).
const char* build_version();
const char* build_git_commit();
const char* build_compiler();
const char* build_type();
const char* build_compile_flags();
}  // namespace detail

namespace {

std::string text_or_unknown(const char* text) {
  return text != nullptr && *text != '\0' ? std::string(text) : std::string("unknown");
}

BuildInfo read_build_info() {
  BuildInfo info;
  info.version = detail::build_version();
  info.git_commit = detail::build_git_commit();
  info.compiler = detail::build_compiler();
  info.build_type = detail::build_type();
  info.compile_flags = detail::build_compile_flags();
  info.blas_library = text_or_unknown(openblas_get_config ? openblas_get_config() : nullptr);
  // OpenBLAS's config string ends with a space; keep the field tidy.
  while (!info.blas_library.empty() && info.blas_library.back() == ' ') {
    info.blas_library.pop_back();
  }
  info.blas_core = text_or_unknown(openblas_get_corename ? openblas_get_corename() : nullptr);
  info.blas_threads = openblas_get_num_threads ? openblas_get_num_threads() : 0;
  return info;
}

}  // namespace

const BuildInfo& build_info() {
  static const BuildInfo info = read_build_info();
  return info;
}

std::string version_text(const std::string& program) {
  const BuildInfo& info = build_info();
  std::ostringstream os;
  os << program << " (dropout_lab) " << info.version << "\n";
  const auto line = [&os](const char* label, const auto& value) {
    os << "  " << std::left << std::setw(14) << label << value << "\n";
  };
  line("commit", info.git_commit);
  line("compiler", info.compiler);
  line("build type", info.build_type.empty() ? std::string("none") : info.build_type);
  line("flags", info.compile_flags);
  line("BLAS", info.blas_library);
  line("BLAS core", info.blas_core);
  line("BLAS threads", info.blas_threads);
  return os.str();
}

}  // namespace dropout_lab
