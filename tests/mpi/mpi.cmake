# mpi.cmake - fr-matrix under MPI, ranks against one process
# (test_mpi_matrix.sh), included from tests/CMakeLists.txt. Only with
# FR_MPI and an MPI found (top-level CMakeLists.txt); label "mpi"
# (.ci/test.sh runs ctest -L mpi in build-mpi).
if(NOT (FR_MPI AND MPI_C_FOUND AND MPIEXEC_EXECUTABLE))
  return()
endif()
foreach(part embedded generated errors)
  add_test(NAME test_mpi_matrix_${part}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test_mpi_matrix.sh ${part}
                   $<TARGET_FILE:fr-matrix> $<TARGET_FILE:fr-gen-network>
                   ${MPIEXEC_EXECUTABLE} ${CMAKE_CURRENT_BINARY_DIR}/mpi-${part})
  # Each part runs up to 3 ranks: one at a time on a small machine.
  set_tests_properties(test_mpi_matrix_${part} PROPERTIES LABELS mpi TIMEOUT 300
                       RUN_SERIAL TRUE)
endforeach()
