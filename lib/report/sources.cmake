# The report documents (plan/doc.h), their renderers (plan/render.h) and
# each report's assembly (plan/report_doc.h): included by lib/CMakeLists.txt
# after the plan library is declared.
target_sources(plan PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/calendar.c
  ${CMAKE_CURRENT_LIST_DIR}/doc.c
  ${CMAKE_CURRENT_LIST_DIR}/export.c
  ${CMAKE_CURRENT_LIST_DIR}/followup.c
  ${CMAKE_CURRENT_LIST_DIR}/followup_json.c
  ${CMAKE_CURRENT_LIST_DIR}/help.c
  ${CMAKE_CURRENT_LIST_DIR}/json.c
  ${CMAKE_CURRENT_LIST_DIR}/kpis.c
  ${CMAKE_CURRENT_LIST_DIR}/model.c
  ${CMAKE_CURRENT_LIST_DIR}/plan.c
  ${CMAKE_CURRENT_LIST_DIR}/render.c
  ${CMAKE_CURRENT_LIST_DIR}/render_html.c
  ${CMAKE_CURRENT_LIST_DIR}/render_md.c
  ${CMAKE_CURRENT_LIST_DIR}/render_text.c)
