# strata_test(NAME source... LIBS lib...): a GoogleTest binary registered with ctest.
# Unit tests live beside the code they pin (src/<folder>/<name>_test.cc) and carry
# the ctest label "unit"; those under tests/ (the real binary, real databases)
# carry "integration". `ctest -L unit` after building the target unit_tests runs
# the first alone (scripts/test.sh does so under the sanitizers), `ctest -L
# integration` after building integration_tests the second.
find_package(GTest REQUIRED)
include(GoogleTest)
function(strata_test name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  # Where the binary under test and the source tree are; the environment
  # variables STRATA_BINARY and STRATA_SOURCE_DIR override these.
  target_compile_definitions(${name} PRIVATE STRATA_TEST_BINARY="$<TARGET_FILE:strata>"
                             STRATA_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(CMAKE_CURRENT_SOURCE_DIR MATCHES "^${PROJECT_SOURCE_DIR}/tests")
    set(label integration)
    set_property(GLOBAL APPEND PROPERTY STRATA_INTEGRATION_TESTS ${name})
  else()
    set(label unit)
    set_property(GLOBAL APPEND PROPERTY STRATA_UNIT_TESTS ${name})
  endif()
  gtest_discover_tests(${name} TEST_PREFIX "${name}." DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${label})
endfunction()
