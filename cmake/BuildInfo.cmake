# The values behind dropout_lab::build_info() (autograd/build_info.hpp): version, git commit,
# compiler, build type and the compile flags that change results or speed.
#
# They go into one small generated source, build_info_values.cpp, written at build time by
# cmake/WriteBuildInfo.cmake: the script runs on every build, asks git for the commit, and
# rewrites the file only when its text changes. So a new commit (or a checkout that becomes
# modified) recompiles that one file and relinks; nothing else. Outside a git checkout of this
# tree (a tarball, the student copy) the commit is "unknown".
#
# dropout_lab_add_build_info(<target>) adds the file to <target> (the autograd library).

find_package(Git QUIET)

# The flags of the build type in use, as a generator expression (one build folder can hold
# several types with a multi-config generator).
set(_dropout_lab_config_flags "")
foreach(config Debug Release RelWithDebInfo MinSizeRel)
  string(TOUPPER "${config}" upper)
  string(APPEND _dropout_lab_config_flags "$<$<CONFIG:${config}>:${CMAKE_CXX_FLAGS_${upper}}>")
endforeach()
# Our own options (cmake/CpuFlags.cmake, the sanitizer build) come after the build type's.
get_directory_property(_dropout_lab_compile_options COMPILE_OPTIONS)
string(JOIN " " _dropout_lab_compile_options ${_dropout_lab_compile_options})

function(dropout_lab_add_build_info target)
  set(output "${PROJECT_BINARY_DIR}/generated/build_info_values.cpp")
  # A custom target always runs; BYPRODUCTS lets Ninja see the file and, as the script leaves it
  # untouched when nothing changed, recompile it only when it did.
  add_custom_target(dropout_lab_build_info_values
    COMMAND "${CMAKE_COMMAND}"
            "-DOUTPUT=${output}"
            "-DTEMPLATE=${PROJECT_SOURCE_DIR}/cmake/build_info_values.cpp.in"
            "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DGIT_EXECUTABLE=${GIT_EXECUTABLE}"
            "-DVERSION=${PROJECT_VERSION}"
            "-DCOMPILER=${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}"
            "-DBUILD_TYPE=$<CONFIG>"
            "-DFLAGS=${CMAKE_CXX_FLAGS} ${_dropout_lab_config_flags} ${_dropout_lab_compile_options}"
            -P "${PROJECT_SOURCE_DIR}/cmake/WriteBuildInfo.cmake"
    BYPRODUCTS "${output}"
    COMMENT "dropout_lab: build information (version, commit, flags)"
    VERBATIM)
  add_dependencies(${target} dropout_lab_build_info_values)
  target_sources(${target} PRIVATE "${output}")
  set_source_files_properties("${output}" PROPERTIES
    GENERATED ON SKIP_UNITY_BUILD_INCLUSION ON SKIP_PRECOMPILE_HEADERS ON)
endfunction()
