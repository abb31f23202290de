# generator.cmake - the synthetic continent generator (bench/continent.c) as the
# static library fr_continent, the program fr-gen-network (always built, like
# the examples), bench-load (with FR_BUILD_BENCH) and their tests.
#
# Included from the top-level CMakeLists.txt. Run as a script
# (cmake -DGEN=<fr-gen-network> -DOUT=<dir> -P generator.cmake) it checks
# that two runs with the same seed write byte-identical files.

if(CMAKE_SCRIPT_MODE_FILE)
  foreach(shape grid geometric)
    foreach(run a b)
      execute_process(COMMAND ${GEN} --nodes 3000 --seed 11 --shape ${shape}
                              --out ${OUT}/${shape}-${run}
                      RESULT_VARIABLE status OUTPUT_QUIET)
      if(NOT status EQUAL 0)
        message(FATAL_ERROR "fr-gen-network --shape ${shape} failed: ${status}")
      endif()
    endforeach()
    foreach(file nodes.csv links.csv transfers.csv modes.csv)
      execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                              ${OUT}/${shape}-a/${file} ${OUT}/${shape}-b/${file}
                      RESULT_VARIABLE differ)
      if(NOT differ EQUAL 0)
        message(FATAL_ERROR "${shape}: ${file} differs between two runs with the same seed")
      endif()
    endforeach()
    file(REMOVE_RECURSE ${OUT}/${shape}-a ${OUT}/${shape}-b)
  endforeach()
  message(STATUS "same seed, same files: grid and geometric")
  return()
endif()

add_library(fr_continent STATIC ${PROJECT_SOURCE_DIR}/bench/continent.c)
target_include_directories(fr_continent PUBLIC ${PROJECT_SOURCE_DIR}/bench)
target_link_libraries(fr_continent PUBLIC PkgConfig::GLIB m)

add_executable(fr-gen-network ${PROJECT_SOURCE_DIR}/bench/gen_network.c)
target_link_libraries(fr-gen-network PRIVATE fr_continent freightroute_static)
set_target_properties(fr-gen-network PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})

if(FR_BUILD_BENCH)
  add_executable(bench-load ${PROJECT_SOURCE_DIR}/bench/load_bench.c)
  target_link_libraries(bench-load PRIVATE fr_continent fr_internal)
  set_target_properties(bench-load PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endif()

if(FR_BUILD_TESTS)
  add_test(NAME gen_network_smoke
           COMMAND fr-gen-network --nodes 2000 --seed 7 --out ${PROJECT_BINARY_DIR}/gen-smoke --check)
  add_test(NAME gen_network_geometric_smoke
           COMMAND fr-gen-network --nodes 2000 --seed 7 --shape geometric
                   --out ${PROJECT_BINARY_DIR}/gen-smoke-geometric --check)
  add_test(NAME gen_network_bad_nodes
           COMMAND fr-gen-network --nodes 3 --out ${PROJECT_BINARY_DIR}/gen-bad)
  set_tests_properties(gen_network_bad_nodes PROPERTIES WILL_FAIL TRUE)
  add_test(NAME gen_network_reproducible
           COMMAND ${CMAKE_COMMAND} -DGEN=$<TARGET_FILE:fr-gen-network>
                   -DOUT=${PROJECT_BINARY_DIR}/gen-repro -P ${CMAKE_CURRENT_LIST_FILE})
  if(FR_BUILD_BENCH)
    add_test(NAME bench_load_smoke COMMAND bench-load --small)
  endif()
endif()
