/* plan/hushallning.h: the assessment of god ekonomisk hushållning (sound
 * financial management, required by law) made explicit: a rule set read from
 * styrmodell.yaml `hushallning:` (with defaults), and the verdict it gives on
 * the fullmäktigemål's fulfilment, with the figures it rests on. */
#ifndef PLAN_HUSHALLNING_H
#define PLAN_HUSHALLNING_H

#include <stddef.h>

#include "plan/model.h"
#include "plan/report.h"

/* At most this many perspectives take part (the model's masks hold 64). */
#define PLAN_HUSHALLNING_MAX_PERSPECTIVES 64

typedef struct plan_hushallning_rules {
	double min_share_met;            /* weighted share of all fullmäktigemål that
	                                  * must be met: 0 to 1 (default 0.75) */
	double partly_met_counts_as;     /* what a delvis uppfyllt goal counts as:
	                                  * 0 to 1 (default 0.5) */
	double min_share_each_perspective; /* the least weighted share every
	                                  * perspective with goals must reach
	                                  * (default 0: no such requirement) */
	const char *fully_met[PLAN_HUSHALLNING_MAX_PERSPECTIVES];
	                                 /* perspective ids whose every goal must be
	                                  * met (default none); more are ignored */
	size_t nfully_met;
	int interim_by_forecast;         /* DR1 and DR2 are judged by the helårsprognos
	                                  * (default 1); 0: by the status so far */
} plan_hushallning_rules;

#define PLAN_HUSHALLNING_RULES_INIT { 0.75, 0.5, 0.0, { NULL }, 0, 1 }

/* The rules of the model's styrmodell (`hushallning:`), with the defaults
 * for what it leaves out. The ids point into the model and live as long as
 * it does. */
void plan_hushallning_rules_read(plan_hushallning_rules *out, const plan_model *model);

/* One fullmäktigemål as the assessment sees it. */
typedef struct plan_hushallning_goal {
	int perspective;                 /* index in the model's perspectives, or -1 */
	plan_goal_status status;         /* the status (or forecast) judged */
} plan_hushallning_goal;

typedef enum plan_hushallning_verdict {
	PLAN_HUSHALLNING_MET,            /* god ekonomisk hushållning uppnås */
	PLAN_HUSHALLNING_NOT_MET,        /* uppnås inte */
	PLAN_HUSHALLNING_NOT_ASSESSABLE  /* no fullmäktigemål, or a rule names an
	                                  * unknown perspective */
} plan_hushallning_verdict;

/* "met", "not_met", "not_assessable". */
const char *plan_hushallning_verdict_key(plan_hushallning_verdict verdict);

typedef struct plan_hushallning_part {
	plan_status_counts counts;       /* its goals by status */
	double score;                    /* met 1, partly met the rule's weight, else 0 */
	double share;                    /* score / goals; 0 without goals */
	int must_be_fully_met;           /* named in fully_met */
	int fully_met;                   /* every goal met (true without goals) */
	int share_ok;                    /* share >= min_share_each_perspective, or no goals */
} plan_hushallning_part;

typedef struct plan_hushallning {
	plan_hushallning_verdict verdict;
	plan_hushallning_rules rules;    /* the rules applied */
	plan_hushallning_part all;       /* every goal; must_be_fully_met unused */
	int share_ok;                    /* all.share >= min_share_met */
	plan_hushallning_part perspectives[PLAN_HUSHALLNING_MAX_PERSPECTIVES];
	size_t nperspectives;
	plan_hushallning_part unplaced;  /* goals without a perspective */
	const char *unknown_perspective; /* a fully_met id the model does not define */
} plan_hushallning;

/* Judge `ngoals` goals by `rules` over the model's `nperspectives`
 * perspectives (their ids resolve fully_met). Every goal counts in the
 * denominator: one not assessed or not reported counts as not met. Met when
 * there are goals, the weighted share reaches min_share_met, every named
 * perspective is fully met and every perspective with goals reaches
 * min_share_each_perspective. Shares are compared with a tolerance of 1e-9,
 * so 3 of 4 reaches 0.75. */
void plan_hushallning_judge(plan_hushallning *out, const plan_hushallning_rules *rules,
	const plan_perspective *perspectives, size_t nperspectives,
	const plan_hushallning_goal *goals, size_t ngoals);

#endif
