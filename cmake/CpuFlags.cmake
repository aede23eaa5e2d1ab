# The CPU flags of the build (README, "Building"), for every target of this project and none of
# a parent's (add_compile_options is directory-scoped).
#
# -march=x86-64-v3: on a CPU with AVX2 and FMA (the EPYCs this was measured on), the element-wise
# loops of the engine (SGD's update, ReLU, the outer product of a batch-1 weight gradient) run
# 2-4x faster when compiled for them. x86-64-v3 rather than -march=native: it stops short of
# AVX-512, which valgrind cannot run. Such code dies with SIGILL on an older CPU, so:
#   - it is used only when the building machine runs it (checked below);
#   - it is on by default only when this is the top-level project; a project that adds this one
#     with add_subdirectory/FetchContent opts in with -DDROPOUT_LAB_X86_64_V3=ON;
#   - an installed package built with it says so (dropout_labConfig.cmake records
#     dropout_lab_X86_64_V3), and find_package(dropout_lab) fails with the reason on a machine
#     whose CPU lacks it, instead of a consumer's program crashing later. Build the package
#     with -DDROPOUT_LAB_X86_64_V3=OFF to ship it to other machines.
#
# -ffp-contract=off, always (GCC and Clang): the compiler must not fuse a*b+c into one rounding
# (an FMA), which GCC does by default for C++ (-ffp-contract=fast) once the target has FMA:
# with -march=x86-64-v3 here, or -march=native in a parent's flags. So
# every result of the library stays bit-identical to a portable build (GCC vectorises only
# element-wise loops, and never reorders a sum without -ffast-math); checked by diffing
# results/ with the option on and off. It applies to the library's own code, where the
# arithmetic is; a consumer who wants the same guarantee for its code compiles it with the flag
# too (README).
option(DROPOUT_LAB_X86_64_V3 "Compile for AVX2 and FMA when the building CPU has them"
       ${PROJECT_IS_TOP_LEVEL})

set(DROPOUT_LAB_CPU_FLAGS "")
if(DROPOUT_LAB_X86_64_V3 AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  include(CheckCXXSourceRuns)
  set(CMAKE_REQUIRED_FLAGS "-march=x86-64-v3")
  # Clang 14 knows no "x86-64-v3" in __builtin_cpu_supports (the check failed to compile, and
  # the flag was silently dropped): there, the features of the level that it can name.
  check_cxx_source_runs("int main() {
      __builtin_cpu_init();
    #if defined(__clang__)
      return __builtin_cpu_supports(\"avx2\") && __builtin_cpu_supports(\"fma\") &&
             __builtin_cpu_supports(\"bmi\") && __builtin_cpu_supports(\"bmi2\") ? 0 : 1;
    #else
      return __builtin_cpu_supports(\"x86-64-v3\") ? 0 : 1;
    #endif
    }"
    DROPOUT_LAB_CPU_HAS_X86_64_V3)
  unset(CMAKE_REQUIRED_FLAGS)
  if(DROPOUT_LAB_CPU_HAS_X86_64_V3)
    list(APPEND DROPOUT_LAB_CPU_FLAGS -march=x86-64-v3)
  endif()
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  list(APPEND DROPOUT_LAB_CPU_FLAGS -ffp-contract=off)
endif()
add_compile_options(${DROPOUT_LAB_CPU_FLAGS})

# For the package's config file (cmake/dropout_labConfig.cmake.in).
if("-march=x86-64-v3" IN_LIST DROPOUT_LAB_CPU_FLAGS)
  set(DROPOUT_LAB_BUILT_FOR_X86_64_V3 ON)
else()
  set(DROPOUT_LAB_BUILT_FOR_X86_64_V3 OFF)
endif()
