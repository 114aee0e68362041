# The website (plan/site.h): included by lib/CMakeLists.txt after the plan
# library is declared.
target_sources(plan PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/goal.c
  ${CMAKE_CURRENT_LIST_DIR}/item.c
  ${CMAKE_CURRENT_LIST_DIR}/links.c
  ${CMAKE_CURRENT_LIST_DIR}/owner.c
  ${CMAKE_CURRENT_LIST_DIR}/page.c
  ${CMAKE_CURRENT_LIST_DIR}/reports.c
  ${CMAKE_CURRENT_LIST_DIR}/search.c
  ${CMAKE_CURRENT_LIST_DIR}/site.c
  ${CMAKE_CURRENT_LIST_DIR}/start.c
  ${CMAKE_CURRENT_LIST_DIR}/write.c)
