# catch_discover_tests_with_labels(<target> [TEST_PREFIX prefix] [WORKING_DIRECTORY dir])
#
# Like Catch2's catch_discover_tests: after each build of <target>, ask the test binary for its
# test cases and register each one as its own ctest test. In addition, every Catch tag of a test
# case becomes a ctest label ("[autograd][ex1][ex1.2]" -> autograd, ex1, ex1.2), so that
#
#   ctest -L ex1.2            runs the tests of exercise 1.2
#   ctest -L '^ex1$'          runs all of exercise 1 (-L takes a regular expression)
#
# Catch2 v2.13's own discovery has no labels option. Test names are escaped for Catch's test
# spec as catch_discover_tests escapes them (',' '[' ']', and '\'), so names with commas work.
#
# This file is also the build-time script: run with -P, it does the discovery.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.17) # policies of the script (CMP0007: lists keep empty items)
  # ----- script mode: TEST_EXECUTABLE, TEST_PREFIX, TEST_WORKING_DIR, CTEST_FILE -------------

  # Runs the test binary with the given arguments; its stdout's non-empty lines in `out_var`.
  # Catch's --list-* options exit with the number of tests listed, so only a failure to run
  # (a negative or non-numeric result) is an error.
  function(_list_lines out_var)
    execute_process(
      COMMAND "${TEST_EXECUTABLE}" ${ARGN}
      OUTPUT_VARIABLE output
      ERROR_VARIABLE error
      RESULT_VARIABLE result
      WORKING_DIRECTORY "${TEST_WORKING_DIR}")
    if(NOT result MATCHES "^[0-9]+$")
      message(FATAL_ERROR "Could not run '${TEST_EXECUTABLE} ${ARGN}': ${result}\n${error}")
    endif()
    string(REPLACE "\n" ";" lines "${output}")
    list(FILTER lines EXCLUDE REGEX "^$")
    set(${out_var} "${lines}" PARENT_SCOPE)
  endfunction()

  _list_lines(names --list-test-names-only)

  # "  12  [autograd]": one line per tag (spellings that differ only in case share a line).
  _list_lines(tag_lines --list-tags)
  set(tags "")
  foreach(line IN LISTS tag_lines)
    if(line MATCHES "^ *[0-9]+  (.+)$")
      string(REGEX REPLACE "^\\[(.*)\\]$" "\\1" spellings "${CMAKE_MATCH_1}")
      string(REPLACE "][" ";" spellings "${spellings}")
      list(GET spellings 0 tag)
      # Hidden and special tags ([.], [!mayfail], [#file]) are not labels.
      if(NOT tag MATCHES "^[.!#]")
        list(APPEND tags "${tag}")
      endif()
    endif()
  endforeach()

  # The labels of each test, in tag order, kept in a variable named after the name's hash.
  foreach(tag IN LISTS tags)
    _list_lines(tagged "[${tag}]" --list-test-names-only)
    foreach(name IN LISTS tagged)
      string(MD5 key "${name}")
      list(APPEND labels_${key} "${tag}")
    endforeach()
  endforeach()

  set(script "")
  foreach(name IN LISTS names)
    # Catch's test spec: '\' escapes, ',' separates alternatives, '[' ']' delimit tags.
    set(spec "${name}")
    foreach(char "\\" "," "[" "]")
      string(REPLACE "${char}" "\\${char}" spec "${spec}")
    endforeach()
    string(MD5 key "${name}")
    string(APPEND script
      "add_test([==[${TEST_PREFIX}${name}]==] [==[${TEST_EXECUTABLE}]==] [==[${spec}]==])\n"
      "set_tests_properties([==[${TEST_PREFIX}${name}]==] PROPERTIES"
      " WORKING_DIRECTORY [==[${TEST_WORKING_DIR}]==] LABELS [==[${labels_${key}}]==])\n")
  endforeach()
  file(WRITE "${CTEST_FILE}" "${script}")
  return()
endif()

include_guard(GLOBAL)

function(catch_discover_tests_with_labels target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX;WORKING_DIRECTORY" "")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set(ctest_tests_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_labelled_tests.cmake")
  set(ctest_include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_labelled_include.cmake")
  add_custom_command(
    TARGET ${target} POST_BUILD
    BYPRODUCTS "${ctest_tests_file}"
    COMMAND "${CMAKE_COMMAND}"
            -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "TEST_PREFIX=${arg_TEST_PREFIX}"
            -D "TEST_WORKING_DIR=${arg_WORKING_DIRECTORY}"
            -D "CTEST_FILE=${ctest_tests_file}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    VERBATIM)
  # ctest reads this at run time: the discovered tests once the binary is built, and a test
  # that fails with a clear name before.
  file(WRITE "${ctest_include_file}"
    "if(EXISTS \"${ctest_tests_file}\")\n"
    "  include(\"${ctest_tests_file}\")\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${ctest_include_file}")
endfunction()
