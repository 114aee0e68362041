/* rules_document.c: the catalogue's rules for faults visible in one document:
 * a missing responsible or due date, dates outside the plan's year, missing
 * funding, and items that link to nothing. The schema leaves these fields
 * optional so that each fault is reported once, under the rule users
 * configure; a field written misspelt is the schema's fault alone. */
#include "rules_document.h"

#include <stdio.h>
#include <string.h>

#include "plan/date.h"
#include "plan/lang.h"
#include "plan/model.h"

static const char *item_id(const plan_node *item)
{
	const plan_node *id = plan_node_get(item, "id");
	return id && id->type == PLAN_NODE_STRING ? id->u.text : NULL;
}

/* Written with a value: `key:` with nothing after it (null) counts as
 * missing, so that the rule, not the schema, reports it. */
static int is_present(const plan_node *node)
{
	return node && node->type != PLAN_NODE_NULL;
}

/* Present and not empty text: `responsible: ""` names nobody. */
static int has_text(const plan_node *node)
{
	return is_present(node) && !(node->type == PLAN_NODE_STRING && node->len == 0);
}

/* `key` of `map` as written, and whether it is written misspelt: the schema
 * check reported `bidrar_till:` as meant to be `contributes_to`, so its
 * absence is that fault, not another one. */
static const plan_node *get(const plan_file *file, const plan_node *map, const char *key,
	int *misspelt)
{
	const plan_node *node = plan_node_get(map, key);
	*misspelt = !node && plan_file_presumes(file, map, key);
	return node;
}

static void check_links(const plan_file *file, const plan_node *item,
	plan_item_kind kind, const char *key, plan_diags *diags)
{
	int misspelt;
	const plan_node *links = get(file, item, key, &misspelt);
	if (misspelt)
		return;
	if (links && links->type != PLAN_NODE_SEQUENCE && links->type != PLAN_NODE_NULL)
		return;   /* a wrong type is the schema's to report */
	if (links && links->type == PLAN_NODE_SEQUENCE && links->len > 0)
		return;
	const char *id = item_id(item);
	const char *what = plan_item_kind_definite(kind, plan_diags_lang(diags));
	if (links)
		plan_diags_add(diags, file->path, item->line, item->column, "no-trace", id,
			"%s '%s' links to nothing ('%s' is empty), so it cannot trace to a fullmäktigemål",
			what, id ? id : "?", key);
	else
		plan_diags_add(diags, file->path, item->line, item->column, "no-trace", id,
			"%s '%s' links to nothing ('%s' is missing), so it cannot trace to a fullmäktigemål",
			what, id ? id : "?", key);
}

static void check_goals(const plan_file *file, const plan_node *root, plan_item_kind kind,
	plan_diags *diags)
{
	const plan_node *goals = plan_node_get(root, "goals");
	if (!goals || goals->type != PLAN_NODE_SEQUENCE)
		return;
	for (uint32_t i = 0; i < goals->len; i++)
		if (goals->u.items[i]->type == PLAN_NODE_MAPPING)
			check_links(file, goals->u.items[i], kind, "contributes_to", diags);
}

static void check_kpis(const plan_file *file, const plan_node *root, plan_diags *diags)
{
	const plan_node *kpis = plan_node_get(root, "kpis");
	if (!kpis || kpis->type != PLAN_NODE_SEQUENCE)
		return;
	for (uint32_t i = 0; i < kpis->len; i++)
		if (kpis->u.items[i]->type == PLAN_NODE_MAPPING)
			check_links(file, kpis->u.items[i], PLAN_ITEM_KPI, "measures", diags);
}

/* The first and last day of an arbetsplan's year: a calendar year, or a
 * school year "2026/27" from 1 August to 30 June. */
static int plan_days(const plan_node *root, char first[16], char last[16])
{
	const plan_node *year = plan_node_get(root, "year");
	const plan_node *school = plan_node_get(root, "school_year");
	if (year && year->type == PLAN_NODE_NUMBER && year->is_integer &&
	    year->number >= 1000 && year->number <= 9999) {
		int y = (int)year->number;
		snprintf(first, 24, "%04d-01-01", y);
		snprintf(last, 24, "%04d-12-31", y);
		return 0;
	}
	if (school && school->type == PLAN_NODE_STRING && school->len == 7 &&
	    school->u.text[4] == '/') {
		int y = 0;
		for (int i = 0; i < 4; i++) {
			char c = school->u.text[i];
			if (c < '0' || c > '9')
				return -1;
			y = y * 10 + (c - '0');
		}
		snprintf(first, 24, "%04d-08-01", y);
		snprintf(last, 24, "%04d-06-30", y + 1);
		return 0;
	}
	return -1;
}

/* A valid date; an invalid one is the schema's to report. */
static int is_date_text(const plan_node *node)
{
	return node && node->type == PLAN_NODE_STRING && plan_date_valid(node->u.text, node->len);
}

static void check_activities(const plan_file *file, const plan_node *root, plan_diags *diags)
{
	const plan_node *activities = plan_node_get(root, "activities");
	if (!activities || activities->type != PLAN_NODE_SEQUENCE)
		return;
	char first[24], last[24];
	int have_year = plan_days(root, first, last) == 0;
	for (uint32_t i = 0; i < activities->len; i++) {
		const plan_node *a = activities->u.items[i];
		if (a->type != PLAN_NODE_MAPPING)
			continue;
		const char *id = item_id(a);
		const char *shown = id ? id : "?";
		check_links(file, a, PLAN_ITEM_ACTIVITY, "contributes_to", diags);
		int misspelt;
		if (!has_text(get(file, a, "responsible", &misspelt)) && !misspelt)
			plan_diags_add(diags, file->path, a->line, a->column, "activity-unassigned", id,
				"activity '%s' has no 'responsible': name the role or person who carries it out",
				shown);
		const plan_node *due = get(file, a, "due", &misspelt);
		const plan_node *start = plan_node_get(a, "start");
		if (!is_present(due) && !misspelt) {
			plan_diags_add(diags, file->path, a->line, a->column, "activity-undated", id,
				"activity '%s' has no due date ('due')", shown);
		}
		const plan_node *dates[2] = { start, due };
		for (int k = 0; k < 2 && have_year; k++) {
			const plan_node *d = dates[k];
			if (!is_date_text(d) || (strcmp(d->u.text, first) >= 0 && strcmp(d->u.text, last) <= 0))
				continue;
			if (k == 0)
				plan_diags_add(diags, file->path, d->line, d->column, "activity-undated", id,
					"activity '%s': start date %s is outside the plan's year (%s to %s)",
					shown, d->u.text, first, last);
			else
				plan_diags_add(diags, file->path, d->line, d->column, "activity-undated", id,
					"activity '%s': due date %s is outside the plan's year (%s to %s)",
					shown, d->u.text, first, last);
		}
		if (is_date_text(start) && is_date_text(due) && strcmp(start->u.text, due->u.text) > 0)
			plan_diags_add(diags, file->path, start->line, start->column, "activity-undated", id,
				"activity '%s' starts (%s) after it is due (%s)", shown, start->u.text, due->u.text);
	}
}

static void check_funding(const plan_file *file, const plan_node *root, plan_diags *diags)
{
	const plan_node *assignments = plan_node_get(root, "assignments");
	if (!assignments || assignments->type != PLAN_NODE_SEQUENCE)
		return;
	for (uint32_t i = 0; i < assignments->len; i++) {
		const plan_node *a = assignments->u.items[i];
		if (a->type != PLAN_NODE_MAPPING)
			continue;
		const char *id = item_id(a);
		const char *shown = id ? id : "?";
		int misspelt;
		const plan_node *funding = get(file, a, "funding", &misspelt);
		if (misspelt)
			continue;
		if (funding && funding->type != PLAN_NODE_MAPPING && funding->type != PLAN_NODE_NULL)
			continue;   /* the schema reports the wrong type */
		const plan_node *type = get(file, funding, "type", &misspelt);
		if (misspelt)
			continue;
		if (!is_present(type)) {
			plan_diags_add(diags, file->path, funding ? funding->line : a->line,
				funding ? funding->column : a->column, "funding-missing", id,
				"särskilt uppdrag '%s' has no funding type (funding: {type: tillskott, amount_tkr: N} or {type: inom_ram})",
				shown);
		} else if (plan_node_is_string(type, "tillskott") &&
		           !is_present(get(file, funding, "amount_tkr", &misspelt)) && !misspelt) {
			plan_diags_add(diags, file->path, type->line, type->column, "funding-missing", id,
				"särskilt uppdrag '%s' is funded by tillskott but names no amount ('amount_tkr')",
				shown);
		}
	}
}

void plan_rules_document(const plan_file *file, const plan_node *root,
	const char *kind, plan_diags *diags)
{
	if (strcmp(kind, "flerarsplan") == 0) {
		check_funding(file, root, diags);
	} else if (strcmp(kind, "verksamhetsplan") == 0) {
		check_goals(file, root, PLAN_ITEM_BODY_GOAL, diags);
	} else if (strcmp(kind, "kontorsplan") == 0) {
		check_goals(file, root, PLAN_ITEM_OFFICE_GOAL, diags);
		check_kpis(file, root, diags);
	} else if (strcmp(kind, "arbetsplan") == 0) {
		check_activities(file, root, diags);
	} else if (strcmp(kind, "agardirektiv") == 0) {
		check_goals(file, root, PLAN_ITEM_DIRECTIVE_GOAL, diags);
	}
}
