# The views of plan-link (plan/view.h): traces, trees, orphans, the matrix,
# the graph, diff and suspect, and plan-link's help: included by
# lib/CMakeLists.txt after the plan library is declared.
target_sources(plan PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/diff.c
  ${CMAKE_CURRENT_LIST_DIR}/graph.c
  ${CMAKE_CURRENT_LIST_DIR}/help.c
  ${CMAKE_CURRENT_LIST_DIR}/items.c
  ${CMAKE_CURRENT_LIST_DIR}/matrix.c
  ${CMAKE_CURRENT_LIST_DIR}/orphans.c
  ${CMAKE_CURRENT_LIST_DIR}/out.c
  ${CMAKE_CURRENT_LIST_DIR}/suspect.c
  ${CMAKE_CURRENT_LIST_DIR}/trace.c
  ${CMAKE_CURRENT_LIST_DIR}/tree.c)
