// What built this library, and the BLAS it runs on: the provenance of every result it makes.
// `--version` of every executable prints version_text(); every summary.json records the same
// fields (experiments::provenance_json), so a number can be traced to the build that made it.
//
// In namespace dropout_lab rather than autograd: it describes the whole package. The build-time
// values come from a small generated file (cmake/BuildInfo.cmake), so a new commit recompiles
// that file only.
#pragma once

#include <string>

namespace dropout_lab {

struct BuildInfo {
  std::string version;        // the package's version, "0.1.0" (project(VERSION) in CMake)
  std::string git_commit;     // the commit built, with "-dirty" when tracked files differed from
                              //  it at build time; "unknown" outside a git checkout
  std::string compiler;       // CMake's compiler id and version, "GNU 12.2.0"
  std::string build_type;     // "Release", "Debug", ... ("" when none was chosen)
  std::string compile_flags;  // the library's flags that change results or speed, in order:
                              //  "-O3 -march=x86-64-v3 -ffp-contract=off"
  std::string blas_library;   // openblas_get_config(): "OpenBLAS 0.3.21 DYNAMIC_ARCH ...",
                              //  or "unknown" when the BLAS linked is not OpenBLAS
  std::string blas_core;      // openblas_get_corename(): the kernels OpenBLAS chose for this
                              //  CPU at run time ("Zen", "Haswell"), or "unknown"
  int blas_threads = 0;       // openblas_get_num_threads() (OPENBLAS_NUM_THREADS): results
                              //  differ bit for bit between thread counts; 0 when unknown
};

// The build information, read once, at the first call (blas_threads included).
const BuildInfo& build_info();

// The text of `<program> --version`: a first line "<program> (dropout_lab) <version>", as the
// GNU coding standards ask, then one line per field of build_info().
std::string version_text(const std::string& program);

}  // namespace dropout_lab
