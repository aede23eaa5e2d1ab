// --version of an experiment (experiments::Cli) and the provenance block of summary.json
// (experiments/common/provenance.hpp): both say which build made a result.
#include <string>

#include <nlohmann/json.hpp>

#include "autograd/build_info.hpp"
#include "experiments/common/provenance.hpp"
#include "run_command.hpp"
#include "test_helpers.hpp"
#include "test_paths.hpp"

TEST_CASE("an experiment's --version prints its name, the version and the build, and exits 0",
          "[experiments][version]") {
  const auto result = test::run_command(std::string(test::experiment_binary()) + " --version");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const std::string first_line = "theorem (dropout_lab) " + std::string(test::project_version());
  REQUIRE_THAT(result.output, Catch::StartsWith(first_line + "\n"));
  // The same text as the library's, so every executable reports the same way (the BLAS thread
  // count can differ between processes only through the environment, which they share here).
  REQUIRE(result.output == dropout_lab::version_text("theorem"));
}

TEST_CASE("an experiment's --help lists --version", "[experiments][version]") {
  const auto result = test::run_command(std::string(test::experiment_binary()) + " --help");
  REQUIRE(result.exit_code == 0);
  REQUIRE_THAT(result.output, Catch::Contains("--version"));
}

TEST_CASE("provenance_json holds every field of build_info", "[experiments][version]") {
  const dropout_lab::BuildInfo& info = dropout_lab::build_info();
  const nlohmann::json provenance = experiments::provenance_json();
  INFO(provenance.dump(2));
  REQUIRE(provenance.at("version") == info.version);
  REQUIRE(provenance.at("git_commit") == info.git_commit);
  REQUIRE(provenance.at("compiler") == info.compiler);
  REQUIRE(provenance.at("build_type") == info.build_type);
  REQUIRE(provenance.at("compile_flags") == info.compile_flags);
  REQUIRE(provenance.at("blas").at("library") == info.blas_library);
  REQUIRE(provenance.at("blas").at("core") == info.blas_core);
  REQUIRE(provenance.at("blas").at("threads") == info.blas_threads);
  REQUIRE(provenance.size() == 6);
  REQUIRE(provenance.at("blas").size() == 3);
}
