# plan_case(): one end-to-end case of a plan-tools binary, run by
# tests/run_case.sh (POSIX sh; see there for what it checks). The e2e, link,
# report and example suites call it through thin wrappers that fill in their
# binary, plan sets and expected/ folder.

set(PLAN_CASE_RUNNER ${CMAKE_CURRENT_LIST_DIR}/run_case.sh)

# plan_case(SUITE NAME BINARY SETS EXPECTED_DIR WORKDIR EXPECTED EXIT
#           [options] [ARGS args...])
#   SUITE         the suite; the test is registered as SUITE.NAME
#   NAME          the case's name within the suite
#   BINARY        the target to run
#   SETS          the plan sets directory, written <SETS> in the output
#   EXPECTED_DIR  where EXPECTED and STDERR_FILE are
#   WORKDIR       directory to run in, relative to SETS ("." for SETS itself)
#                 or absolute
#   EXPECTED      file under EXPECTED_DIR that stdout must equal, or "-"
#   EXIT          the exit status the binary must return
# Options, the suite's settings:
#   STDERR_EMPTY      stderr must be empty unless STDERR or STDERR_FILE is
#                     given (without it, stderr is only checked by those)
#   UNSET_COLUMNS     COLUMNS is removed from the environment of the run
#                     (unless the case gives COLUMNS n)
#   UNSET_NO_COLOR    NO_COLOR is removed from the environment of the run
# Options, the case's:
#   STDERR_FILE name  stderr must equal EXPECTED_DIR/name
#   STDERR text       stderr must contain text
#   STDOUT text       stdout must contain text
#   COLUMNS n         run with COLUMNS=n
#   OUTPUT_FILE name  pass "-o <build dir>/out/name" and compare that file
#                     instead of stdout
#   ABSENT_FILE path  path (relative to SETS) that must not be created
#   ENV NAME=VALUE... put these in the environment of the run (the language
#                     variables are removed from it otherwise)
#   ARGS ...          arguments for the binary
# Temporary files and -o files go to out/ in the current build directory.
function(plan_case suite name binary sets expected_dir workdir expected exit_status)
  cmake_parse_arguments(PARSE_ARGV 8 C "STDERR_EMPTY;UNSET_COLUMNS;UNSET_NO_COLOR"
    "STDERR_FILE;STDERR;STDOUT;COLUMNS;OUTPUT_FILE;ABSENT_FILE" "ARGS;ENV")
  if(C_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "plan_case(${suite}.${name}): unexpected arguments ${C_UNPARSED_ARGUMENTS}")
  endif()
  set(test ${suite}.${name})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/out)
  file(MAKE_DIRECTORY ${out})
  if(expected STREQUAL "-")
    set(expected_path "-")
  else()
    set(expected_path ${expected_dir}/${expected})
  endif()
  if(IS_ABSOLUTE "${workdir}")
    set(workdir_path ${workdir})
  else()
    set(workdir_path ${sets}/${workdir})
  endif()
  set(args ${C_ARGS})
  set(env "CASE_NAME=${test}" "CASE_SUITE=${suite}" "CASE_SETS=${sets}" "CASE_TMPDIR=${out}"
    "CASE_HELP_URI=${PLAN_HELP_URI}")
  if(C_STDERR_EMPTY)
    list(APPEND env "CASE_STDERR_EMPTY=1")
  endif()
  if(C_ENV)
    list(JOIN C_ENV " " case_env)
    list(APPEND env "CASE_ENV=${case_env}")
  endif()
  set(unset "")
  foreach(variable COLUMNS NO_COLOR)
    if(C_UNSET_${variable})
      list(APPEND unset ${variable})
    endif()
  endforeach()
  if(unset)
    list(JOIN unset " " unset)
    list(APPEND env "CASE_UNSET=${unset}")
  endif()
  # Paths the runner is given absolute; -o goes before the case's arguments.
  if(DEFINED C_STDERR_FILE)
    set(C_STDERR_FILE ${expected_dir}/${C_STDERR_FILE})
  endif()
  if(DEFINED C_OUTPUT_FILE)
    set(C_OUTPUT_FILE ${out}/${C_OUTPUT_FILE})
    list(PREPEND args -o ${C_OUTPUT_FILE})
  endif()
  if(DEFINED C_ABSENT_FILE)
    set(C_ABSENT_FILE ${sets}/${C_ABSENT_FILE})
  endif()
  # Each option given reaches the runner as an environment variable.
  set(options STDERR_FILE STDERR STDOUT COLUMNS OUTPUT_FILE ABSENT_FILE)
  set(variables CASE_STDERR_FILE CASE_STDERR_GREP CASE_STDOUT_GREP CASE_COLUMNS
    CASE_OUTPUT_FILE CASE_ABSENT_FILE)
  foreach(option variable IN ZIP_LISTS options variables)
    if(DEFINED C_${option})
      list(APPEND env "${variable}=${C_${option}}")
    endif()
  endforeach()
  add_test(NAME ${test}
    COMMAND sh ${PLAN_CASE_RUNNER} $<TARGET_FILE:${binary}>
      ${workdir_path} ${expected_path} ${exit_status} ${args}
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(${test} PROPERTIES ENVIRONMENT "${env}")
  plan_cache_twice(${test} ${CMAKE_CURRENT_BINARY_DIR} "${env}"
    sh ${PLAN_CASE_RUNNER} $<TARGET_FILE:${binary}>
      ${workdir_path} ${expected_path} ${exit_status} ${args})
  # The case and its cache twin write the same -o file: never at once, or
  # one compares what the other is writing (ctest -j).
  if(DEFINED C_OUTPUT_FILE)
    set_tests_properties(${test} cache.${test} PROPERTIES RESOURCE_LOCK ${C_OUTPUT_FILE})
  endif()
endfunction()

# plan_cache_twice(TEST WORKDIR ENV COMMAND...): the same case again as
# cache.TEST, its binary run twice on one result cache, cold then warm: both
# runs must print the same, and the warm one what TEST expects (PLAN_TEST_CACHE
# in tests/run_case.sh, tests/cache_twice.sh). Labelled "cache".
function(plan_cache_twice test workdir env)
  add_test(NAME cache.${test} COMMAND ${ARGN} WORKING_DIRECTORY ${workdir})
  list(APPEND env PLAN_TEST_CACHE=twice)
  set_tests_properties(cache.${test} PROPERTIES ENVIRONMENT "${env}" LABELS cache)
endfunction()
