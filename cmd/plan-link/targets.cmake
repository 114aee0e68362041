# plan-link: included by cmd/CMakeLists.txt (source paths from cmd/). Argument parsing over the library's views (lib/view/).
add_executable(plan-link
  plan-link/main.c
  plan-link/diff.c
  plan-link/graph.c
  plan-link/items.c
  plan-link/matrix.c
  plan-link/orphans.c
  plan-link/out.c
  plan-link/suspect.c
  plan-link/trace.c
  plan-link/tree.c)
target_link_libraries(plan-link PRIVATE plan plan_build_flags)
install(TARGETS plan-link RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
