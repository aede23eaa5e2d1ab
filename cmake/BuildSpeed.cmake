# How the project compiles fast (issue 23; the measurements are in benchmarks/README.md,
# "Build time"). Almost all of a clean build is the compiler reading and instantiating the same
# xtensor, Catch2 and nlohmann_json templates again in every translation unit, so the levers
# are: fewer translation units (unity builds), those headers parsed once (precompiled headers),
# and nothing compiled twice (ccache, shared with the student copies and fresh clones).
#
# Each lever is an option, on by default for this project's own build and off when another
# project adds this one with add_subdirectory (it is then that project's choice):
#   DROPOUT_LAB_UNITY_BUILD  each target compiles as one translation unit (CMAKE_UNITY_BUILD)
#   DROPOUT_LAB_PCH          the heavy third-party headers are precompiled once per set of
#                            flags (the tests', the engine's, the experiments')
#   DROPOUT_LAB_CCACHE       ccache, when installed, is the compiler launcher, with the source
#                            tree as its base directory so that a copy of the tree in another
#                            folder hits the same cache entries
# and one more that is not an option: the test binaries' own code (assertions and the set-up of
# small inputs) compiles at -O1 in an optimised build, where -O3 spent a third of a test file's
# compile time on code that runs once. The code under test, in the libraries, keeps the build
# type's flags; without -ffast-math the level changes no floating-point result.

option(DROPOUT_LAB_UNITY_BUILD "Compile each target as one translation unit" ${PROJECT_IS_TOP_LEVEL})
option(DROPOUT_LAB_PCH "Precompile the heavy third-party headers" ${PROJECT_IS_TOP_LEVEL})
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
# The same for the experiments' plumbing (dropout_lab_compile_directory_as, below).
set(DROPOUT_LAB_EXPERIMENTS_COMPILE_OPTIONS $<$<NOT:$<CONFIG:Debug>>:-O1>)

# The tests' precompiled header: Catch2, xtensor and nlohmann_json, parsed once and reused by
# every test binary (REUSE_FROM needs the same compile flags; all tests share them). Measured
# (benchmarks/README.md): it saves about a fifth of a test binary's compile time at -O1, but
# nothing measurable on the -O3 libraries, whose time goes to optimisation rather than parsing;
# there it also turns GCC 12's false string warnings back on (the standard headers are no
# longer system headers when they come from a precompiled header), so they do without.
# <xtensor/xio.hpp> is not in it: only tests/test_helpers.cpp prints arrays (benchmarks/README.md,
# "The tests' share", also for what else was measured and left out).
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

# Called by add_module_tests (tests/CMakeLists.txt) for each test binary, and for the fuzz
# corpus replays (fuzz/CMakeLists.txt), which have the tests' flags.
function(dropout_lab_use_test_pch target)
  if(DROPOUT_LAB_PCH AND TARGET dropout_lab_test_pch)
    target_precompile_headers(${target} REUSE_FROM dropout_lab_test_pch)
  endif()
endfunction()

# The optimised code's precompiled headers, one per set of flags:
#   engine       the standard headers and xtensor, at the build type's flags (-O3 in Release),
#                for the code whose speed is measured: the engine's modules (autograd, nn,
#                optim, datasets), the examples, the benchmarks, and the two experiment folders
#                with hot loops of their own (dropout_ridge's Monte Carlo, dynamics' SGD
#                kernels);
#   experiments  the same, and nlohmann_json and {fmt}, at -O1, for the rest of experiments/:
#                experiments_common, the other experiments' libraries and every main.cpp.
#                Most of their time is the compiler's, not the program's: they parse options,
#                compute checks and format the report, and their training runs in the engine's
#                -O3 objects. Measured (benchmarks/README.md, "Build time"): with a header at
#                -O1 these units compile in a fifth less CPU time, and the experiments' quick runs
#                ran 0.8-2.5% more instructions (illustrations 8%, of a run under a second); every
#                result is the same to the bit, since without -ffast-math and with
#                -ffp-contract=off the level changes no floating-point result. The header must
#                be built at -O1 too: a unit at -O1 reading one built at -O3 compiles as slowly
#                as at -O3.
# Which one a target takes is a rule by folder (dropout_lab_compile_directory_as, called by the
# root CMakeLists.txt), not by file, so it holds when files are added or moved; a target may
# name its own kind (dropout_lab_compile_as). Measured (benchmarks/README.md, "Build time"): about
# 1.1 s of CPU saved per translation unit, which is most of a small engine file's time, since
# these units are compiled file by file. A precompiled header changes no generated code: every
# object of the engine and of bench_engine compiled with it is byte-identical to the one compiled
# without it (checked with cmp), so the engine keeps its per-file objects bit for bit.
# xtensor-blas's xlinalg is left out: only a few experiment sources use it, and it would make the
# header every other unit loads larger.
set(DROPOUT_LAB_ENGINE_PCH_HEADERS
    <algorithm> <cmath> <cstddef> <cstdint> <functional> <memory> <sstream> <string> <vector>
    <xtensor/xarray.hpp> <xtensor/xview.hpp> <xtensor/xbuilder.hpp> <xtensor/xmath.hpp>)
set(DROPOUT_LAB_EXPERIMENTS_PCH_HEADERS
    ${DROPOUT_LAB_ENGINE_PCH_HEADERS} <nlohmann/json.hpp> <fmt/format.h>)

# dropout_lab_use_pch(TARGET engine|experiments): TARGET's sources include that precompiled
# header. The header is compiled once, by an object library made on first use in the directory
# that first asks for it (the experiments' one needs {fmt}, found by experiments/), with the
# compile flags of the targets that reuse it: the warnings, C++20 and the definitions its
# libraries bring (fmt::fmt's FMT_SHARED) and the level. GCC checks some flags (CMake passes
# -Winvalid-pch) and reads the headers themselves when they differ, but not -O: a header built
# at another level is used, silently, and costs the unit its level's saving.
function(dropout_lab_use_pch target kind)
  if(NOT DROPOUT_LAB_PCH OR DROPOUT_LAB_SANITIZE OR DROPOUT_LAB_FUZZ)
    return()
  endif()
  set(pch dropout_lab_${kind}_pch)
  if(NOT TARGET ${pch})
    set(empty_source "${PROJECT_BINARY_DIR}/${pch}.cpp")
    if(NOT EXISTS "${empty_source}")
      file(WRITE "${empty_source}" "// The translation unit that builds a precompiled header.\n")
    endif()
    add_library(${pch} OBJECT "${empty_source}")
    target_compile_features(${pch} PRIVATE cxx_std_20)
    target_compile_options(${pch} PRIVATE ${DROPOUT_LAB_WARNINGS})
    target_link_libraries(${pch} PRIVATE xtensor)
    if(kind STREQUAL "experiments")
      find_package(fmt 9 REQUIRED)  # as experiments/ does; visible from here on
      target_link_libraries(${pch} PRIVATE nlohmann_json::nlohmann_json fmt::fmt)
      target_precompile_headers(${pch} PRIVATE ${DROPOUT_LAB_EXPERIMENTS_PCH_HEADERS})
      target_compile_options(${pch} PRIVATE ${DROPOUT_LAB_EXPERIMENTS_COMPILE_OPTIONS})
    else()
      target_precompile_headers(${pch} PRIVATE ${DROPOUT_LAB_ENGINE_PCH_HEADERS})
    endif()
  endif()
  target_precompile_headers(${target} REUSE_FROM ${pch})
  # GCC 12's false -Warray-bounds inside std::string's operator+ (GCC bug 105651, the same
  # false report as -Wrestrict in the root CMakeLists.txt): once the standard headers come from
  # a precompiled header, GCC no longer treats them as system headers and reports it in our code.
  # A warning flag changes no generated code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-array-bounds)
  endif()
endfunction()

# The libraries on a training step's path (autograd, nn, optim), the Monte Carlo of
# dropout_ridge and bench_engine itself compile file by file even in a unity build: as one
# translation unit, GCC inlines differently, and since the linker keeps the first copy of each
# shared inline function (xtensor's templates) in link order, a batch-1 training step ran
# 12-13% slower (./run.sh bench, measured side by side; in callgrind's count on 2026-12-02,
# 51,628 instructions per step against 48,347 file by file), and dropout_ridge's Monte Carlo
# loops compile to other code (half the instructions of monte_carlo_gradient are inlined
# away). datasets and experiments_common are not on that path: as one unit each they compile
# in 20 s of CPU instead of 47 s, and the step's count stays 48,347 (56,811 with dropout); see
# benchmarks/README.md, "Build time". The engine is also where the exercises are, so an edit
# there recompiles one file.
#
# The sanitizer build's speed at run time does not matter, so there every target is one unit.
function(dropout_lab_compile_per_file target)
  if(NOT DROPOUT_LAB_SANITIZE)
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
  endif()
endfunction()

# dropout_lab_compile_together(TARGET FILE...): in a target that compiles file by file, these
# files compile as one translation unit all the same (CMake's UNITY_BUILD_MODE GROUP; the
# target's other files stay one a unit). autograd's ops and tools take it: their code is the
# graph's bookkeeping around the kernels, and each of them instantiated the same xtensor
# templates again. Measured (benchmarks/README.md, "Build time"): autograd's units took 45 s of
# the 218 s of compile jobs of a first ./run.sh's build, and 24-30 s after, and a batch-1
# training step runs 0.06% more instructions (0.16% with dropout), where the whole engine as
# one unit ran 6.8% more.
# A file that holds an exercise's stub (the student copy, tools/make_exercises.sh) stays alone,
# so that a student's edit there recompiles that file only.
function(dropout_lab_compile_together target)
  if(NOT DROPOUT_LAB_UNITY_BUILD OR DROPOUT_LAB_SANITIZE)
    return()  # no unity build, or (sanitizer) the whole target is one unit already
  endif()
  set(together)
  foreach(file IN LISTS ARGN)
    file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/${file}" stub REGEX "NotImplemented\\(\"exercise"
         LIMIT_COUNT 1)
    if(NOT stub)
      list(APPEND together ${file})
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
  set_source_files_properties(${together} PROPERTIES UNITY_GROUP together)
endfunction()

# dropout_lab_compile_as(TARGET engine|experiments): TARGET compiles as that kind of code,
# whatever its folder's rule says (dropout_lab_compile_directory_as, below).
function(dropout_lab_compile_as target kind)
  set_target_properties(${target} PROPERTIES DROPOUT_LAB_CODE_KIND ${kind})
endfunction()

# dropout_lab_compile_directory_as(DIR engine|experiments|test): every library and executable
# defined in DIR and its subfolders compiles as that kind of code: at its optimisation level
# ("experiments": -O1; the others keep theirs) and with its precompiled header ("test": the
# tests' one). A target may name its own kind in its folder's CMakeLists.txt
# (dropout_lab_compile_as: the two experiment libraries with hot loops of their own), and a
# target that sets DISABLE_PRECOMPILE_HEADERS (bench_libtorch: torch's headers and xtensor's
# stay apart) gets no header.
function(dropout_lab_compile_directory_as dir kind)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    get_target_property(target_kind ${target} DROPOUT_LAB_CODE_KIND)
    if(NOT target_kind)
      set(target_kind ${kind})
    endif()
    if(target_kind STREQUAL "experiments")
      target_compile_options(${target} PRIVATE ${DROPOUT_LAB_EXPERIMENTS_COMPILE_OPTIONS})
    endif()
    get_target_property(disabled ${target} DISABLE_PRECOMPILE_HEADERS)
    if(disabled)
      continue()
    elseif(target_kind STREQUAL "test")
      dropout_lab_use_test_pch(${target})
    else()
      dropout_lab_use_pch(${target} ${target_kind})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    dropout_lab_compile_directory_as("${subdirectory}" ${kind})
  endforeach()
endfunction()
