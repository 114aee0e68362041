# What `cmake --install` puts in place beside the binaries and the library:
# the schemas (for editors), a pkg-config file and a CMake package config.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/plan-tools/schemas
  FILES_MATCHING PATTERN "*.schema.json")

# The .pc file finds the prefix from its own place, so that an install made
# with --prefix, or moved, still works.
file(RELATIVE_PATH PC_PREFIX_FROM_PCDIR
  ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/plan-tools.pc.in
  ${PROJECT_BINARY_DIR}/plan-tools.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/plan-tools.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(EXPORT plan-tools-targets NAMESPACE plan::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/plan-tools)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/plan-toolsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/plan-toolsConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/plan-tools)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/plan-toolsConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/plan-toolsConfig.cmake
  ${PROJECT_BINARY_DIR}/plan-toolsConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/plan-tools)
