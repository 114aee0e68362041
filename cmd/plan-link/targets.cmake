# plan-link: included by cmd/CMakeLists.txt (source paths from cmd/). Argument parsing over the library's views (lib/view/).
add_executable(plan-link
  plan-link/main.c)
target_link_libraries(plan-link PRIVATE plan plan_build_flags)
install(TARGETS plan-link RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
