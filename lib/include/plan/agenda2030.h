/* plan/agenda2030.h: the 17 Sustainable Development Goals of Agenda 2030 and
 * their 169 targets, built into the library (rule agenda2030-invalid). */
#ifndef PLAN_AGENDA2030_H
#define PLAN_AGENDA2030_H

/* True (1) when `id` is a goal ("1" to "17") or one of the 169 official target
 * ids ("4.1", "4.a", "17.19"), written exactly as the UN writes it: no leading
 * zero, no surrounding space, lower-case letters. False (0) for anything else,
 * NULL included ("18", "04", "4.", "4.0", "4.A", " 4"). */
int plan_agenda2030_valid(const char *id);

/* The goal's short name, in Swedish when `swedish` is non-zero, else in
 * English ("Ingen fattigdom", "No poverty"); static storage, UTF-8. NULL when
 * `goal` is not 1 to 17. */
const char *plan_agenda2030_goal_name(int goal, int swedish);

/* How many targets the goal has (7 for goal 1, 19 for goal 17); 0 when `goal`
 * is not 1 to 17. The counts of all 17 goals add up to 169. */
int plan_agenda2030_target_count(int goal);

#endif
