# How the project compiles fast (issue 23; the measurements are in benchmarks/README.md,
# "Build time"). Almost all of a clean build is the compiler reading and instantiating the same
# xtensor, Catch2 and nlohmann_json templates again in every translation unit, so the levers
# are: fewer translation units (unity builds), those headers parsed once (precompiled headers),
# and nothing compiled twice (ccache, shared with the student copies and fresh clones).
#
# Each lever is an option, on by default for this project's own build and off when another
# project adds this one with add_subdirectory (it is then that project's choice):
#   DROPOUT_LAB_UNITY_BUILD  each target compiles as one translation unit (CMAKE_UNITY_BUILD)
#   DROPOUT_LAB_PCH          the tests' heavy third-party headers are precompiled once
#   DROPOUT_LAB_CCACHE       ccache, when installed, is the compiler launcher, with the source
#                            tree as its base directory so that a copy of the tree in another
#                            folder hits the same cache entries
# and one more that is not an option: the test binaries' own code (assertions and the set-up of
# small inputs) compiles at -O1 in an optimised build, where -O3 spent a third of a test file's
# compile time on code that runs once. The code under test, in the libraries, keeps the build
# type's flags; without -ffast-math the level changes no floating-point result.

option(DROPOUT_LAB_UNITY_BUILD "Compile each target as one translation unit" ${PROJECT_IS_TOP_LEVEL})
option(DROPOUT_LAB_PCH "Precompile the headers of the test binaries" ${PROJECT_IS_TOP_LEVEL})
option(DROPOUT_LAB_CCACHE "Use ccache as the compiler launcher when it is installed" ${PROJECT_IS_TOP_LEVEL})

if(DROPOUT_LAB_UNITY_BUILD)
  # Before any target is made: CMAKE_UNITY_BUILD initialises each target's UNITY_BUILD.
  # Batch size 0: the whole target in one unit (the largest has 12 sources; more parallel units
  # would parse the same headers again, which is what this removes).
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 0)
endif()

if(DROPOUT_LAB_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(DROPOUT_LAB_CCACHE_PROGRAM ccache)
  if(DROPOUT_LAB_CCACHE_PROGRAM)
    # base_dir: absolute paths under the source tree's parent become relative in the command
    # line, so a clone or a student copy beside it (or below build/) hashes the same.
    # sloppiness: precompiled headers are cached too (ccache's manual, "Precompiled headers").
    get_filename_component(dropout_lab_ccache_base "${PROJECT_SOURCE_DIR}/.." ABSOLUTE)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env
        "CCACHE_BASEDIR=${dropout_lab_ccache_base}"
        "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
        "CCACHE_NOHASHDIR=1"
        ${DROPOUT_LAB_CCACHE_PROGRAM})
    message(STATUS "dropout_lab: compiling through ${DROPOUT_LAB_CCACHE_PROGRAM}")
  endif()
endif()

set(DROPOUT_LAB_TEST_COMPILE_OPTIONS $<$<NOT:$<CONFIG:Debug>>:-O1>)

# The tests' precompiled header: Catch2, xtensor and nlohmann_json, parsed once and reused by
# every test binary (REUSE_FROM needs the same compile flags; all tests share them). Measured
# (benchmarks/README.md): it saves about a fifth of a test binary's compile time at -O1, but
# nothing measurable on the -O3 libraries, whose time goes to optimisation rather than parsing;
# there it also turns GCC 12's false string warnings back on (the standard headers are no
# longer system headers when they come from a precompiled header), so they do without.
set(DROPOUT_LAB_TEST_PCH_HEADERS
    <algorithm> <cmath> <functional> <memory> <sstream> <string> <vector>
    <xtensor/xarray.hpp> <xtensor/xview.hpp> <xtensor/xbuilder.hpp> <xtensor/xmath.hpp>
    <nlohmann/json.hpp> <catch2/catch.hpp>)

function(dropout_lab_add_test_pch)
  if(NOT DROPOUT_LAB_PCH OR NOT DROPOUT_LAB_TESTING)
    return()
  endif()
  set(empty_source "${PROJECT_BINARY_DIR}/dropout_lab_test_pch.cpp")
  if(NOT EXISTS "${empty_source}")
    file(WRITE "${empty_source}" "// The translation unit that builds the tests' precompiled header.\n")
  endif()
  add_library(dropout_lab_test_pch OBJECT "${empty_source}")
  target_link_libraries(dropout_lab_test_pch PRIVATE xtensor nlohmann_json::nlohmann_json
                                                     Catch2::Catch2)
  target_precompile_headers(dropout_lab_test_pch PRIVATE ${DROPOUT_LAB_TEST_PCH_HEADERS})
  target_compile_options(dropout_lab_test_pch PRIVATE ${DROPOUT_LAB_TEST_COMPILE_OPTIONS})
endfunction()

# Called by add_module_tests (tests/CMakeLists.txt) for each test binary.
function(dropout_lab_use_test_pch target)
  if(DROPOUT_LAB_PCH AND TARGET dropout_lab_test_pch)
    target_precompile_headers(${target} REUSE_FROM dropout_lab_test_pch)
  endif()
endfunction()

# The engine's libraries (autograd, nn, optim, datasets) and what the benchmarks link before
# them (dropout_ridge, experiments_common, and bench_engine itself) compile file by file even in
# a unity build: as one translation unit, GCC inlined differently, and since the linker keeps
# the first copy of each shared inline function (xtensor's templates) in link order, a
# batch-1 training step ran 12-13% slower (./run.sh bench, measured side by side;
# benchmarks/README.md, "Build time"). The engine is also where the exercises are, so an edit
# there recompiles one file.
function(dropout_lab_compile_per_file target)
  set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
endfunction()
