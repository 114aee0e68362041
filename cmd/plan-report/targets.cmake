# plan-report: included by cmd/CMakeLists.txt (source paths from cmd/). Argument parsing over the library's reports (lib/report/).
add_executable(plan-report
  plan-report/calendar.c
  plan-report/doc.c
  plan-report/followup.c
  plan-report/followup_json.c
  plan-report/kpis.c
  plan-report/main.c
  plan-report/model.c
  plan-report/out.c
  plan-report/plan.c
  plan-report/render_html.c
  plan-report/render_md.c
  plan-report/render_text.c)
target_link_libraries(plan-report PRIVATE plan plan_build_flags)
install(TARGETS plan-report RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
