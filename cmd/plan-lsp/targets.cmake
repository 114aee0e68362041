# plan-lsp: included by cmd/CMakeLists.txt (source paths from cmd/). The options, over the language server in lib/lsp/.
add_executable(plan-lsp
  plan-lsp/main.c)
target_link_libraries(plan-lsp PRIVATE plan_lsp plan plan_build_flags)
target_compile_definitions(plan-lsp PRIVATE PLAN_HELP_URI="${PLAN_HELP_URI}")
install(TARGETS plan-lsp RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
