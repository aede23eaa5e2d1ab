# `cmake --install` and the package files: the libraries, their headers, the CMake package
# (find_package(dropout_lab CONFIG)), a pkg-config file, the licence. Modelled on what the
# Debian packages of xtensor, nlohmann_json and Catch2 ship. Every path in them is relative to
# the prefix, so the installed tree can be moved (tests/consumer checks it).
#
# Headers keep their include paths: <prefix>/include/dropout_lab/autograd/tensor.hpp, with
# <prefix>/include/dropout_lab on the include path, is included as "autograd/tensor.hpp", exactly
# as in this tree. So code moves between the tree and an installed package unchanged (the
# examples, the tests, a student's exercise), while <prefix>/include gets no folder with a
# generic name such as autograd/ (Eigen does the same with include/eigen3/Eigen).
include(CMakePackageConfigHelpers)

set(DROPOUT_LAB_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/dropout_lab")
set(DROPOUT_LAB_MODULES autograd nn optim datasets)

foreach(module IN LISTS DROPOUT_LAB_MODULES)
  install(TARGETS dropout_lab_${module} EXPORT dropout_labTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
  # Every header of the module folder, so that a header added later is installed without
  # another edit here.
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${module}/"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/dropout_lab/${module}"
          FILES_MATCHING PATTERN "*.hpp")
endforeach()
install(TARGETS dropout_lab EXPORT dropout_labTargets)

install(EXPORT dropout_labTargets
        NAMESPACE dropout_lab::
        DESTINATION "${DROPOUT_LAB_CMAKE_DIR}")

# find_package(dropout_lab 0.1) accepts 0.1.z only: before 1.0, a minor version may change the
# API (semantic versioning's rule for 0.y.z); from 1.0 on this becomes SameMajorVersion.
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/dropout_labConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/dropout_labConfig.cmake"
                              INSTALL_DESTINATION "${DROPOUT_LAB_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/dropout_labConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/dropout_labConfig.cmake"
              "${PROJECT_BINARY_DIR}/dropout_labConfigVersion.cmake"
        DESTINATION "${DROPOUT_LAB_CMAKE_DIR}")

# pkg-config: `pkg-config --cflags --libs dropout_lab` (prefix found from the .pc file's own
# place, so it moves with the tree). The libraries in link order: a module before what it uses.
set(DROPOUT_LAB_PC_LIBS "")
foreach(module datasets optim nn autograd)
  string(APPEND DROPOUT_LAB_PC_LIBS " -l$<TARGET_FILE_BASE_NAME:dropout_lab_${module}>")
endforeach()
file(RELATIVE_PATH DROPOUT_LAB_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" DROPOUT_LAB_PC_TO_PREFIX "${DROPOUT_LAB_PC_TO_PREFIX}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/dropout_lab.pc.in"
               "${PROJECT_BINARY_DIR}/dropout_lab.pc.configured" @ONLY)
file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/dropout_lab.pc"
     INPUT "${PROJECT_BINARY_DIR}/dropout_lab.pc.configured")
install(FILES "${PROJECT_BINARY_DIR}/dropout_lab.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PROJECT_SOURCE_DIR}/README.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
