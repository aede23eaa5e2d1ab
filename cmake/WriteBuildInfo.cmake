# Build-time script of cmake/BuildInfo.cmake: writes OUTPUT from TEMPLATE with the commit of
# SOURCE_DIR and the values passed in (VERSION, COMPILER, BUILD_TYPE, FLAGS), and leaves OUTPUT
# untouched when its text would not change (so nothing recompiles).
cmake_minimum_required(VERSION 3.25)

# The commit: only when SOURCE_DIR is itself the top of a git checkout (a copy of the tree inside
# another repository, such as build/student-copy, must not report that repository's commit).
# "-dirty" when tracked files differ from it, as `git describe --dirty` says; --no-optional-locks
# so that the check never takes the index lock from a git command the user is running.
set(GIT_COMMIT "unknown")
if(GIT_EXECUTABLE)
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --show-toplevel HEAD
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  OUTPUT_VARIABLE lines RESULT_VARIABLE failed ERROR_QUIET
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT failed)
    string(REPLACE "\n" ";" lines "${lines}")
    list(GET lines 0 top)
    list(GET lines 1 commit)
    file(REAL_PATH "${top}" top)
    file(REAL_PATH "${SOURCE_DIR}" source)
    if(top STREQUAL source)
      set(GIT_COMMIT "${commit}")
      execute_process(COMMAND "${GIT_EXECUTABLE}" --no-optional-locks status --porcelain
                              --untracked-files=no
                      WORKING_DIRECTORY "${SOURCE_DIR}"
                      OUTPUT_VARIABLE changes RESULT_VARIABLE failed ERROR_QUIET)
      if(NOT failed AND NOT changes STREQUAL "")
        string(APPEND GIT_COMMIT "-dirty")
      endif()
    endif()
  endif()
endif()

# The flags that change what the compiled code computes or how fast: optimisation level, target
# CPU, floating-point contraction and fast-math, sanitizers. In the order given (the last -O
# wins).
separate_arguments(all_flags UNIX_COMMAND "${FLAGS}")
set(kept "")
foreach(flag IN LISTS all_flags)
  if(flag MATCHES "^-(O.*|march=.*|mtune=.*|mavx.*|mfma|ffp-contract=.*|ffast-math|funsafe-math.*|fsanitize=.*)$")
    list(APPEND kept "${flag}")
  endif()
endforeach()
string(JOIN " " COMPILE_FLAGS ${kept})

configure_file("${TEMPLATE}" "${OUTPUT}.new" @ONLY)
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
