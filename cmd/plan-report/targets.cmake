# plan-report: included by cmd/CMakeLists.txt (source paths from cmd/). Argument parsing over the library's reports (lib/report/).
add_executable(plan-report
  plan-report/main.c)
target_link_libraries(plan-report PRIVATE plan plan_build_flags)
install(TARGETS plan-report RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
