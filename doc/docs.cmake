# docs.cmake - the documentation's build, install and checks, included from
# the top-level CMakeLists.txt:
# - the manual pages man/*.1, installed into ${CMAKE_INSTALL_MANDIR}/man1;
# - the API reference (Doxygen, doc/Doxyfile.in): the target `docs` when
#   FR_BUILD_DOCS is on (built by default then, and its HTML installed into
#   ${CMAKE_INSTALL_DOCDIR}/html); it needs doxygen (Debian: doxygen);
# - the tests check_man (tests/check_man.sh: pages against the programs'
#   --help) and, when doxygen is found, check_docs (tests/check_docs.sh:
#   Doxygen without a warning), whatever FR_BUILD_DOCS says.

set(FR_MAN_PAGES man/fr-route.1 man/fr-matrix.1 man/fr-corridors.1)
install(FILES ${FR_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

find_program(FR_DOXYGEN doxygen)
if(FR_DOXYGEN)
  set(FR_DOCS_OUTPUT ${PROJECT_BINARY_DIR}/doc)
  configure_file(${PROJECT_SOURCE_DIR}/doc/Doxyfile.in ${FR_DOCS_OUTPUT}/Doxyfile @ONLY)
endif()

if(FR_BUILD_DOCS)
  if(NOT FR_DOXYGEN)
    message(FATAL_ERROR "FR_BUILD_DOCS needs doxygen (Debian: apt-get install doxygen)")
  endif()
  add_custom_target(docs ALL
    COMMAND ${FR_DOXYGEN} ${FR_DOCS_OUTPUT}/Doxyfile
    WORKING_DIRECTORY ${FR_DOCS_OUTPUT}
    DEPENDS ${PROJECT_SOURCE_DIR}/include/freightroute.h ${PROJECT_SOURCE_DIR}/README.md
    COMMENT "API reference (Doxygen) in ${FR_DOCS_OUTPUT}/html"
    VERBATIM)
  install(DIRECTORY ${FR_DOCS_OUTPUT}/html DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

if(FR_BUILD_TESTS)
  add_test(NAME check_man COMMAND bash ${PROJECT_SOURCE_DIR}/tests/check_man.sh
                                  ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  if(FR_DOXYGEN)
    add_test(NAME check_docs COMMAND bash ${PROJECT_SOURCE_DIR}/tests/check_docs.sh
                                     ${FR_DOXYGEN} ${FR_DOCS_OUTPUT}/Doxyfile)
  endif()
endif()
