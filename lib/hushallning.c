/* hushallning.c: god ekonomisk hushållning: the rule set in styrmodell.yaml
 * and the verdict it gives on the fullmäktigemål's fulfilment. */
#include "plan/hushallning.h"

#include <math.h>
#include <string.h>

static const char *const verdict_keys[] = { "met", "not_met", "not_assessable" };

const char *plan_hushallning_verdict_key(plan_hushallning_verdict verdict)
{
	return (unsigned)verdict <= PLAN_HUSHALLNING_NOT_ASSESSABLE ? verdict_keys[verdict] : "";
}

static void read_share(const plan_node *rules, const char *key, double *out)
{
	const plan_node *n = plan_node_get(rules, key);
	/* The schema bounds these to 0..1; a broken value keeps the default. */
	if (n && n->type == PLAN_NODE_NUMBER && n->number >= 0.0 && n->number <= 1.0)
		*out = n->number;
}

void plan_hushallning_rules_read(plan_hushallning_rules *out, const plan_model *model)
{
	*out = (plan_hushallning_rules)PLAN_HUSHALLNING_RULES_INIT;
	const plan_node *rules = model && model->styrmodell ?
		plan_node_get(model->styrmodell->root, "hushallning") : NULL;
	if (!rules || rules->type != PLAN_NODE_MAPPING)
		return;
	read_share(rules, "min_share_met", &out->min_share_met);
	read_share(rules, "partly_met_counts_as", &out->partly_met_counts_as);
	read_share(rules, "min_share_each_perspective", &out->min_share_each_perspective);
	const plan_node *basis = plan_node_get(rules, "interim_basis");
	if (plan_node_is_string(basis, "status"))
		out->interim_by_forecast = 0;
	const plan_node *list = plan_node_get(rules, "perspectives_fully_met");
	size_t n = 0;
	for (uint32_t i = 0; list && list->type == PLAN_NODE_SEQUENCE && i < list->len; i++) {
		const plan_node *id = list->u.items[i];
		if (id->type == PLAN_NODE_STRING && n < PLAN_HUSHALLNING_MAX_PERSPECTIVES)
			out->fully_met[n++] = id->u.text;
	}
	out->nfully_met = n;
}

static double weight(const plan_hushallning_rules *rules, plan_goal_status status)
{
	switch (status) {
	case PLAN_GOAL_MET: return 1.0;
	case PLAN_GOAL_PARTLY_MET: return rules->partly_met_counts_as;
	default: return 0.0;
	}
}

static void add(plan_hushallning_part *part, const plan_hushallning_rules *rules,
	plan_goal_status status)
{
	plan_status_counts_add(&part->counts, status);
	part->score += weight(rules, status);
}

static int reaches(double share, double min)
{
	return share + 1e-9 >= min;
}

static void finish(plan_hushallning_part *part, const plan_hushallning_rules *rules)
{
	size_t goals = part->counts.total;
	part->share = goals ? part->score / (double)goals : 0.0;
	part->fully_met = part->counts.n[PLAN_GOAL_MET] == goals;
	part->share_ok = !goals || reaches(part->share, rules->min_share_each_perspective);
}

void plan_hushallning_judge(plan_hushallning *out, const plan_hushallning_rules *rules,
	const plan_perspective *perspectives, size_t nperspectives,
	const plan_hushallning_goal *goals, size_t ngoals)
{
	memset(out, 0, sizeof *out);
	out->rules = *rules;
	if (nperspectives > PLAN_HUSHALLNING_MAX_PERSPECTIVES)
		nperspectives = PLAN_HUSHALLNING_MAX_PERSPECTIVES;
	out->nperspectives = nperspectives;

	for (size_t f = 0; f < rules->nfully_met; f++) {
		size_t p = 0;
		while (p < nperspectives && strcmp(perspectives[p].id, rules->fully_met[f]) != 0)
			p++;
		if (p == nperspectives) {
			if (!out->unknown_perspective)
				out->unknown_perspective = rules->fully_met[f];
		} else {
			out->perspectives[p].must_be_fully_met = 1;
		}
	}

	for (size_t g = 0; g < ngoals; g++) {
		add(&out->all, rules, goals[g].status);
		int p = goals[g].perspective;
		if (p >= 0 && (size_t)p < nperspectives)
			add(&out->perspectives[p], rules, goals[g].status);
		else
			add(&out->unplaced, rules, goals[g].status);
	}
	finish(&out->all, rules);
	finish(&out->unplaced, rules);
	out->share_ok = ngoals > 0 && reaches(out->all.share, rules->min_share_met);

	int ok = out->share_ok;
	for (size_t p = 0; p < nperspectives; p++) {
		plan_hushallning_part *part = &out->perspectives[p];
		finish(part, rules);
		if (part->must_be_fully_met && !part->fully_met)
			ok = 0;
		if (!part->share_ok)
			ok = 0;
	}
	if (ngoals == 0 || out->unknown_perspective)
		out->verdict = PLAN_HUSHALLNING_NOT_ASSESSABLE;
	else
		out->verdict = ok ? PLAN_HUSHALLNING_MET : PLAN_HUSHALLNING_NOT_MET;
}
