// dropout_lab::build_info() and version_text() (autograd/build_info.hpp): the provenance that
// --version prints and every summary.json records. Given code: no exercise tag.
#include <regex>
#include <string>

#include "autograd/build_info.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

TEST_CASE("build_info reports the project's version and a commit hash or unknown",
          "[autograd][build_info]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  REQUIRE(info.version == test::project_version());
  INFO("git_commit: " << info.git_commit);
  REQUIRE(std::regex_match(info.git_commit, std::regex("[0-9a-f]{40}(-dirty)?|unknown")));
}

TEST_CASE("build_info names the compiler that compiled it, with its version",
          "[autograd][build_info]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  // The tests and the library are compiled by the same compiler.
#if defined(__clang__)
  const std::string id = "Clang";
  const std::string version = std::to_string(__clang_major__) + "." +
                              std::to_string(__clang_minor__) + "." +
                              std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
  const std::string id = "GNU";
  const std::string version = std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) +
                              "." + std::to_string(__GNUC_PATCHLEVEL__);
#else
  const std::string id = "unchecked";
  const std::string version = "";
#endif
  if (id != "unchecked") REQUIRE(info.compiler == id + " " + version);
}

TEST_CASE("build_info lists the flags that change results, -ffp-contract=off among them",
          "[autograd][build_info]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  INFO("compile_flags: " << info.compile_flags << ", build type: " << info.build_type);
  // Always on for GCC and Clang (cmake/CpuFlags.cmake): no fused multiply-add changes a result.
  REQUIRE_THAT(info.compile_flags, Catch::Contains("-ffp-contract=off"));
  // Only the flags that matter: no defines, warnings or paths.
  REQUIRE_THAT(info.compile_flags,
               !Catch::Contains("-D") && !Catch::Contains("-W") && !Catch::Contains("/"));
  if (info.build_type == "Release") REQUIRE_THAT(info.compile_flags, Catch::Contains("-O3"));
  if (info.build_type == "Debug") REQUIRE_THAT(info.compile_flags, !Catch::Contains("-O3"));
}

TEST_CASE("build_info reads the OpenBLAS it runs on: configuration, core and thread count",
          "[autograd][build_info]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  INFO("blas_library: " << info.blas_library << ", core: " << info.blas_core);
  // The build pins OpenBLAS (BLA_VENDOR in the root CMakeLists.txt).
  REQUIRE_THAT(info.blas_library, Catch::StartsWith("OpenBLAS "));
  REQUIRE(info.blas_library.back() != ' ');
  REQUIRE(!info.blas_core.empty());
  REQUIRE(info.blas_core != "unknown");
  REQUIRE(info.blas_threads >= 1);
}

TEST_CASE("version_text starts as the GNU standards ask and shows every field",
          "[autograd][build_info]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  const std::string text = dropout_lab::version_text("some_program");
  INFO(text);
  REQUIRE_THAT(text, Catch::StartsWith("some_program (dropout_lab) " + info.version + "\n"));
  for (const std::string& value :
       {info.git_commit, info.compiler, info.compile_flags, info.blas_library, info.blas_core,
        "BLAS threads  " + std::to_string(info.blas_threads)}) {
    REQUIRE_THAT(text, Catch::Contains(value));
  }
  REQUIRE(text.back() == '\n');
}
