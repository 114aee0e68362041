/* agenda2030.c: the Agenda 2030 goals and targets as static data, so that
 * checking an id needs no file at run time. */
#include "plan/agenda2030.h"

#include <string.h>

/* The data is that of UN General Assembly resolution A/RES/70/1 ("Transforming
 * our world: the 2030 Agenda for Sustainable Development", 2015): 17 goals,
 * 169 targets, and each goal's short name in Swedish and in English.
 * Generated once from the specification's table agenda2030.tsv (goal, names,
 * target ids); the library never reads that file.
 * Targets are numbered (8.10) or lettered (8.a, the means of implementation);
 * listing the ids verbatim rather than as ranges keeps the table checkable
 * against the resolution line by line. */

#define N(a) ((int)(sizeof (a) / sizeof (a)[0]))

typedef struct goal_entry {
	const char *swedish;
	const char *english;
	const char *const *targets;
	int ntargets;
} goal_entry;

static const char *const targets_1[] = { "1.1", "1.2", "1.3", "1.4", "1.5", "1.a",
	"1.b" };
static const char *const targets_2[] = { "2.1", "2.2", "2.3", "2.4", "2.5", "2.a",
	"2.b", "2.c" };
static const char *const targets_3[] = { "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
	"3.7", "3.8", "3.9", "3.a", "3.b", "3.c", "3.d" };
static const char *const targets_4[] = { "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
	"4.7", "4.a", "4.b", "4.c" };
static const char *const targets_5[] = { "5.1", "5.2", "5.3", "5.4", "5.5", "5.6",
	"5.a", "5.b", "5.c" };
static const char *const targets_6[] = { "6.1", "6.2", "6.3", "6.4", "6.5", "6.6",
	"6.a", "6.b" };
static const char *const targets_7[] = { "7.1", "7.2", "7.3", "7.a", "7.b" };
static const char *const targets_8[] = { "8.1", "8.2", "8.3", "8.4", "8.5", "8.6",
	"8.7", "8.8", "8.9", "8.10", "8.a", "8.b" };
static const char *const targets_9[] = { "9.1", "9.2", "9.3", "9.4", "9.5", "9.a",
	"9.b", "9.c" };
static const char *const targets_10[] = { "10.1", "10.2", "10.3", "10.4", "10.5",
	"10.6", "10.7", "10.a", "10.b", "10.c" };
static const char *const targets_11[] = { "11.1", "11.2", "11.3", "11.4", "11.5",
	"11.6", "11.7", "11.a", "11.b", "11.c" };
static const char *const targets_12[] = { "12.1", "12.2", "12.3", "12.4", "12.5",
	"12.6", "12.7", "12.8", "12.a", "12.b", "12.c" };
static const char *const targets_13[] = { "13.1", "13.2", "13.3", "13.a", "13.b" };
static const char *const targets_14[] = { "14.1", "14.2", "14.3", "14.4", "14.5",
	"14.6", "14.7", "14.a", "14.b", "14.c" };
static const char *const targets_15[] = { "15.1", "15.2", "15.3", "15.4", "15.5",
	"15.6", "15.7", "15.8", "15.9", "15.a", "15.b", "15.c" };
static const char *const targets_16[] = { "16.1", "16.2", "16.3", "16.4", "16.5",
	"16.6", "16.7", "16.8", "16.9", "16.10", "16.a", "16.b" };
static const char *const targets_17[] = { "17.1", "17.2", "17.3", "17.4", "17.5",
	"17.6", "17.7", "17.8", "17.9", "17.10", "17.11", "17.12", "17.13", "17.14", "17.15",
	"17.16", "17.17", "17.18", "17.19" };

static const goal_entry goals[17] = {
	{ "Ingen fattigdom", "No poverty", targets_1, N(targets_1) },
	{ "Ingen hunger", "Zero hunger", targets_2, N(targets_2) },
	{ "Hälsa och välbefinnande", "Good health and well-being",
	  targets_3, N(targets_3) },
	{ "God utbildning för alla", "Quality education", targets_4, N(targets_4) },
	{ "Jämställdhet", "Gender equality", targets_5, N(targets_5) },
	{ "Rent vatten och sanitet för alla", "Clean water and sanitation",
	  targets_6, N(targets_6) },
	{ "Hållbar energi för alla", "Affordable and clean energy",
	  targets_7, N(targets_7) },
	{ "Anständiga arbetsvillkor och ekonomisk tillväxt", "Decent work and economic growth",
	  targets_8, N(targets_8) },
	{ "Hållbar industri, innovationer och infrastruktur", "Industry, innovation and infrastructure",
	  targets_9, N(targets_9) },
	{ "Minskad ojämlikhet", "Reduced inequalities", targets_10, N(targets_10) },
	{ "Hållbara städer och samhällen", "Sustainable cities and communities",
	  targets_11, N(targets_11) },
	{ "Hållbar konsumtion och produktion", "Responsible consumption and production",
	  targets_12, N(targets_12) },
	{ "Bekämpa klimatförändringarna", "Climate action", targets_13, N(targets_13) },
	{ "Hav och marina resurser", "Life below water", targets_14, N(targets_14) },
	{ "Ekosystem och biologisk mångfald", "Life on land", targets_15, N(targets_15) },
	{ "Fredliga och inkluderande samhällen", "Peace, justice and strong institutions",
	  targets_16, N(targets_16) },
	{ "Genomförande och globalt partnerskap", "Partnerships for the goals",
	  targets_17, N(targets_17) },
};

/* The goal a goal id or target id starts with, written without a leading
 * zero; 0 when it does not start with one. *end gets the byte after it. */
static int parse_goal(const char *id, const char **end)
{
	int goal = 0;
	const char *p = id;
	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && p - id < 2)
		goal = goal * 10 + (*p++ - '0');
	if (goal > N(goals))
		return 0;
	*end = p;
	return goal;
}

int plan_agenda2030_valid(const char *id)
{
	if (!id)
		return 0;
	const char *rest = NULL;
	int g = parse_goal(id, &rest);
	if (g == 0)
		return 0;
	if (*rest == '\0')
		return 1;
	if (*rest != '.')
		return 0;
	/* A goal has at most 19 targets: comparing with each is as quick as
	 * parsing the suffix, and the exact string match rejects "4.01" and
	 * "4.A" without any special case. */
	const goal_entry *gl = &goals[g - 1];
	for (int i = 0; i < gl->ntargets; i++)
		if (strcmp(id, gl->targets[i]) == 0)
			return 1;
	return 0;
}

const char *plan_agenda2030_goal_name(int goal, int swedish)
{
	if (goal < 1 || goal > N(goals))
		return NULL;
	return swedish ? goals[goal - 1].swedish : goals[goal - 1].english;
}

int plan_agenda2030_target_count(int goal)
{
	if (goal < 1 || goal > N(goals))
		return 0;
	return goals[goal - 1].ntargets;
}
