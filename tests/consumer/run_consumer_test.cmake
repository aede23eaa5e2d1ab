# The consumer test (ctest: consumer.installed, consumer.add_subdirectory; registered in
# tests/CMakeLists.txt): builds tests/consumer, a project outside dropout_lab, against it, and
# runs it (it trains a small model and fails unless the loss decreases).
#
#   cmake -DMODE=installed|add_subdirectory -DSOURCE_DIR=<dropout_lab source>
#         -DBUILD_DIR=<its build> -DWORK_DIR=<scratch folder> -DGENERATOR=<cmake generator>
#         -DCXX_COMPILER=<compiler> -DBUILD_TYPE=<type> [-DLAUNCHER=<ccache>] [-DJOBS=2]
#         -P run_consumer_test.cmake
#
# installed: `cmake --install BUILD_DIR` into WORK_DIR/staging, then the tree is moved to
# WORK_DIR/moved (so the package must be relocatable: no path of its first place may remain in
# it), and the consumer finds it there with find_package(dropout_lab CONFIG REQUIRED).
# add_subdirectory: the consumer adds SOURCE_DIR itself.
cmake_minimum_required(VERSION 3.25)
foreach(name MODE SOURCE_DIR BUILD_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${name})
    message(FATAL_ERROR "run_consumer_test.cmake: ${name} is not set")
  endif()
endforeach()
if(NOT DEFINED JOBS)
  set(JOBS 2)
endif()

# Runs a command, echoing it; stops the test with its output when it fails.
function(run)
  string(JOIN " " shown ${ARGN})
  message(STATUS "consumer test: ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "consumer test (${MODE}): failed (${failed}): ${shown}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(configure_args -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
                   "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()

if(MODE STREQUAL "installed")
  set(staging "${WORK_DIR}/staging")
  set(moved "${WORK_DIR}/moved")
  run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${staging}" --config "${BUILD_TYPE}")
  file(RENAME "${staging}" "${moved}")
  # Relocatable: no file of the package names the prefix it was installed to, nor the trees it
  # was built from.
  file(GLOB_RECURSE package_files "${moved}/*.cmake" "${moved}/*.pc")
  foreach(file IN LISTS package_files)
    file(READ "${file}" text)
    foreach(path IN ITEMS "${staging}" "${SOURCE_DIR}" "${BUILD_DIR}")
      string(FIND "${text}" "${path}" at)
      if(NOT at EQUAL -1)
        message(FATAL_ERROR "consumer test: ${file} names ${path}: the package is not relocatable")
      endif()
    endforeach()
  endforeach()
  run("${CMAKE_COMMAND}" ${configure_args} "-DCMAKE_PREFIX_PATH=${moved}")
elseif(MODE STREQUAL "add_subdirectory")
  run("${CMAKE_COMMAND}" ${configure_args} "-DDROPOUT_LAB_SOURCE_DIR=${SOURCE_DIR}")
else()
  message(FATAL_ERROR "run_consumer_test.cmake: MODE must be installed or add_subdirectory, not "
                      "'${MODE}'")
endif()

run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target consumer --parallel "${JOBS}")
find_program(consumer consumer PATHS "${WORK_DIR}/build" "${WORK_DIR}/build/${BUILD_TYPE}"
             NO_DEFAULT_PATH REQUIRED)
run("${consumer}")
