// Paths of this build that a test needs: the reference files and the experiment executable it
// runs (and the project's version). CMake writes their definitions into a small file per test
// binary (add_module_tests in tests/CMakeLists.txt) instead of passing them as -D flags, so that
// the test files themselves compile to the same objects in every copy of the tree, and a
// compiler cache (ccache) shares them between a clone, the student copies and this tree.
#pragma once

namespace test {

// tests/fixtures of the source tree that was built (no trailing slash).
const char* fixtures_dir();

// The experiment executable that a test binary runs as a user would ("" for a test binary
// that runs none): add_module_tests(... EXPERIMENT <target>).
const char* experiment_binary();

// The project's version as CMake knows it (project(VERSION)): what --version and
// dropout_lab::build_info() must report.
const char* project_version();

}  // namespace test
