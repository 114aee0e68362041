/* plan-bench-gen: writes a synthetic plan set of any size that is clean under
 * `plan-validate --strict`, the same bytes for the same arguments and seed. */
#define _POSIX_C_SOURCE 200809L /* mkdir, opendir */

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* No generated file comes near this; the cap keeps a bad size from eating memory. */
#define MAX_FILE_BYTES ((size_t)256 << 20)

/* The limits keep every id within the id pattern's 64 characters. */
#define MAX_BODIES 999u
#define MAX_OFFICES 99u
#define MAX_UNITS 9999u
#define MAX_ACTIVITIES 999u

/* Goals per plan: two fullmäktigemål per perspective, two nämndmål per
 * perspective in each verksamhetsplan, one kontorsplan goal per perspective. */
#define NPERSP 4
#define KF_PER_PERSP 2
#define NKF (NPERSP * KF_PER_PERSP)
#define NBODY_GOALS (NPERSP * 2)
#define NOFFICE_GOALS NPERSP
#define NKPIS NBODY_GOALS

/* --- the output buffer --------------------------------------------------------- */

typedef struct obuf {
	char *ptr;
	size_t len, cap;
	int failed;
} obuf;

static void put(obuf *o, const char *data, size_t len)
{
	if (o->failed)
		return;
	if (len > MAX_FILE_BYTES - o->len) {
		o->failed = 1;
		return;
	}
	if (o->len + len + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + len + 1)
			cap *= 2;
		char *p = realloc(o->ptr, cap);
		if (!p) {
			o->failed = 1;
			return;
		}
		o->ptr = p;
		o->cap = cap;
	}
	memcpy(o->ptr + o->len, data, len);
	o->len += len;
	o->ptr[o->len] = '\0';
}

static void puts_(obuf *o, const char *s)
{
	put(o, s, strlen(s));
}

static void printf_(obuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void printf_(obuf *o, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		put(o, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		o->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	put(o, big, (size_t)n);
	free(big);
}

/* --- the generator's state ----------------------------------------------------- */

typedef struct gen {
	uint64_t rng;
	unsigned bodies, offices, units, activities;
	int year;
	int faults;      /* --faults: every arbetsplan leaves out its mandatory KPI */
	int compact;     /* --shape compact: flow collections, short quoted text */
	const char *dir;
	unsigned long long bytes;
	unsigned long files, docs;
	obuf o;           /* the file being written */
	char path[4096];
} gen;

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t next(gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static unsigned pick(gen *g, unsigned n)
{
	return (unsigned)(next(g) % n);
}

static unsigned range(gen *g, unsigned lo, unsigned hi)
{
	return lo + pick(g, hi - lo + 1);
}

#define ONE_OF(g, list) ((list)[pick((g), N(list))])

/* --- words --------------------------------------------------------------------
 * Swedish-ish plan prose: no ': ', ' #', leading indicators or text that
 * YAML would read as anything but text, so every value can stay plain. */

static const char *const persp_id[NPERSP] = { "invanare", "samhalle", "medarbetare", "ekonomi" };
static const char *const persp_name[NPERSP] = { "Invånare", "Samhälle", "Medarbetare", "Ekonomi" };
static const char *const persp_text[NPERSP] = {
	"Kommunens tjänster utgår från invånarnas behov och håller god kvalitet.",
	"Kommunen växer hållbart med en god livsmiljö för alla som bor och verkar här.",
	"Kommunen är en attraktiv arbetsgivare med kompetenta och engagerade medarbetare.",
	"Kommunen har en god ekonomisk hushållning och använder resurserna effektivt.",
};

/* Titles of fullmäktigemål, nämndmål and kontorsplan goals, per perspective. */
static const char *const goal_title[NPERSP][8] = {
	{ "Alla barn och unga lyckas i skolan", "Invånarna får snabba och korrekta svar",
	  "Äldre får en trygg och värdig vård", "Fler invånare är nöjda med kommunens service",
	  "Fler elever når kunskapskraven", "Brukarna är delaktiga i sin vård och omsorg",
	  "Handläggningstiderna blir kortare", "Fritidsutbudet når fler unga" },
	{ "Kommunen minskar sin klimatpåverkan", "Fler bostäder byggs i hela kommunen",
	  "Näringslivet växer och fler får arbete", "Matsvinnet minskar i alla kök",
	  "Resorna i tjänsten blir fossilfria", "Energianvändningen i lokalerna minskar",
	  "Fler unga etablerar sig på arbetsmarknaden", "Den biologiska mångfalden stärks" },
	{ "Kommunen är en attraktiv arbetsgivare", "Sjukfrånvaron minskar",
	  "Medarbetarna har rätt kompetens", "Cheferna har rimliga förutsättningar",
	  "Fler lärare är behöriga", "Medarbetarna rekommenderar sin arbetsplats",
	  "Arbetsmiljön blir bättre", "Introduktionen av nya medarbetare blir bättre" },
	{ "Kommunen har en god ekonomisk hushållning", "Nämnderna håller sina ramar",
	  "Investeringarna följer planen", "Prognoserna är träffsäkra",
	  "Lokalerna används effektivt", "Inköpen följer avtalen",
	  "Kostnaden per brukare ligger på rikets nivå", "Enheterna följer upp ekonomin varje månad" },
};

static const char *const agenda[NPERSP][2][3] = {
	{ { "4", "4.1", "4.5" }, { "10", "10.2", "16.7" } },
	{ { "13", "13.2", "7.3" }, { "11", "11.1", "8.5" } },
	{ { "8", "8.5", "8.8" }, { "5", "5.5", "3.4" } },
	{ { "16", "16.6", "12.7" }, { "17", "17.14", "16.6" } },
};

static const char *const verb_inf[] = {
	"Utveckla", "Kartlägga", "Införa", "Följa upp", "Stärka", "Samordna", "Förbättra",
	"Pröva", "Genomföra", "Se över", "Digitalisera", "Dokumentera", "Planera",
	"Förenkla", "Utvärdera", "Tydliggöra", "Förankra", "Effektivisera",
};

static const char *const object[] = {
	"rutinerna för dokumentation", "samverkan med vårdnadshavare", "läsförmågan i årskurs 1–3",
	"arbetsmiljön i arbetslagen", "energianvändningen i lokalerna", "introduktionen av nya medarbetare",
	"budgetuppföljningen", "matsvinnet i köket", "tillgängligheten på webbplatsen",
	"kontakten med föreningslivet", "brukarnas delaktighet", "det systematiska kvalitetsarbetet",
	"lokalplaneringen", "sjukfrånvaron", "kompetensförsörjningen", "handläggningstiderna",
	"felanmälan och återkopplingen", "inköpen och avtalstroheten", "elevhälsans arbete",
	"resorna i tjänsten", "schemaläggningen", "informationen till invånarna",
	"avvikelsehanteringen", "mottagandet av nyanlända", "den fysiska aktiviteten",
	"uppföljningen av nyckeltalen", "medarbetarsamtalen", "krisberedskapen",
};

static const char *const context[] = {
	"inom enheten", "under våren", "tillsammans med elevhälsan", "i alla arbetslag",
	"med stöd av kontoret", "i samverkan med regionen", "för nyanlända familjer",
	"vid varje arbetsplatsträff", "under hösten", "med brukarrådet", "i hela verksamheten",
	"tillsammans med fastighetsavdelningen", "med hjälp av digitala verktyg",
	"i dialog med medarbetarna", "enligt den nya riktlinjen",
};

static const char *const subject[] = {
	"Enheten", "Arbetslagen", "Vi", "Ledningsgruppen", "Medarbetarna", "Rektor och arbetslagen",
	"Enhetschefen", "Verksamheten", "Kontoret", "Den nya arbetsgruppen",
};

static const char *const verb_pres[] = {
	"kartlägger", "följer upp", "utvecklar", "dokumenterar", "prövar", "analyserar",
	"förbättrar", "samordnar", "ser över", "redovisar", "diskuterar", "planerar",
	"förenklar", "utvärderar", "förankrar",
};

static const char *const tail[] = {
	"varje månad", "inför varje termin", "med stöd av statistik från Kolada",
	"så att fler invånare får snabbare svar", "och redovisar resultatet i delårsrapporten",
	"och jämför med andra kommuner", "för att minska kostnaderna", "så att arbetsmiljön blir bättre",
	"tillsammans med skyddsombuden", "och tar fram en handlingsplan", "utifrån brukarnas synpunkter",
	"och sprider goda exempel mellan enheterna", "inom ramen för budgeten",
	"så att resultaten blir jämförbara över tid", "innan arbetet breddas till fler enheter",
};

static const char *const role[] = {
	"Rektor", "Biträdande rektor", "Enhetschef", "Avdelningschef", "Specialpedagog",
	"Controller", "Kökschef", "Samordnare", "Verksamhetsutvecklare", "HR-partner",
	"Fastighetsansvarig", "Förskollärare", "Kvalitetsutvecklare", "Arbetslagsledare",
};

static const char *const body_base[] = {
	"Barn- och utbildningsnämnden", "Socialnämnden", "Kultur- och fritidsnämnden",
	"Miljö- och byggnadsnämnden", "Tekniska nämnden", "Äldrenämnden", "Gymnasienämnden",
	"Arbetsmarknadsnämnden", "Stadsbyggnadsnämnden", "Servicenämnden", "Förskolenämnden",
	"Grundskolenämnden", "Omsorgsnämnden", "Idrottsnämnden", "Fastighetsnämnden",
};

static const char *const district[] = {
	"Norr", "Söder", "Öster", "Väster", "Centrum", "Hamnen", "Skogen", "Dalen",
};

static const char *const office_base[] = {
	"Utbildningskontoret", "Förvaltningskontoret", "Stabskontoret", "Omsorgskontoret",
	"Servicekontoret", "Planeringskontoret", "Verksamhetskontoret", "Kvalitetskontoret",
};

static const char *const place_a[] = {
	"Björk", "Ek", "Lind", "Sjö", "Berg", "Äng", "Hag", "Rosen", "Tall", "Gran", "Ask",
	"Lönn", "Sol", "Strand", "Vik", "Kull", "Ljung", "Hassel", "Sälg", "Rönn",
};

static const char *const place_b[] = {
	"vall", "backe", "dal", "lund", "hög", "gård", "berg", "vik", "näs", "torp", "ås", "mo",
};

static const char *const unit_kind[] = {
	"sskolan", "s förskola", "s äldreboende", "s hemtjänst", "s fritidsgård", "s bibliotek",
};

static const char *const unit_type[] = { "enhet", "avdelning", "verksamhetsomrade" };

static const char *const area[] = {
	"Förskola", "Grundskola", "Gymnasieskola", "Äldreomsorg", "Funktionsstöd",
	"Individ- och familjeomsorg", "Kultur", "Fritid", "Gator och parker", "Administration",
};

static const char *const kpi_unit[] = { "procent", "dagar", "antal", "kronor", "andel", "index" };

/* A sentence of plan prose. */
static void sentence(gen *g, obuf *o)
{
	printf_(o, "%s %s %s %s.", ONE_OF(g, subject), ONE_OF(g, verb_pres),
		ONE_OF(g, object), ONE_OF(g, tail));
}

/* Prose of about `len` bytes as a folded block scalar (>-) indented by
 * `indent`, wrapped near 80 columns as an editor would leave it. */
static void prose(gen *g, obuf *o, unsigned indent, size_t len)
{
	obuf text = { 0 };
	while (text.len < len && !text.failed) {
		if (text.len)
			put(&text, " ", 1);
		sentence(g, &text);
	}
	puts_(o, ">-\n");
	size_t col = 0;
	const char *p = text.ptr ? text.ptr : "";
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t w = sp ? (size_t)(sp - p) : strlen(p);
		if (col == 0)
			printf_(o, "%*s", (int)indent, "");
		else if (col + 1 + w > 80 - indent) {
			printf_(o, "\n%*s", (int)indent, "");
			col = 0;
		} else {
			put(o, " ", 1);
			col++;
		}
		put(o, p, w);
		col += w;
		p += w + (sp ? 1 : 0);
	}
	puts_(o, "\n");
	o->failed |= text.failed;
	free(text.ptr);
}

static void title(gen *g, obuf *o)
{
	printf_(o, "%s %s %s", ONE_OF(g, verb_inf), ONE_OF(g, object), ONE_OF(g, context));
}

/* --- ids ---------------------------------------------------------------------- */

static unsigned digits(unsigned n)
{
	unsigned d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* body "n07", office "n07-k2", unit "n07-k2-e013"; items use the upper case. */
static void body_id(const gen *g, char *buf, size_t n, unsigned b, int upper)
{
	unsigned w = digits(g->bodies) < 2 ? 2 : digits(g->bodies);
	snprintf(buf, n, "%c%0*u", upper ? 'N' : 'n', (int)w, b + 1);
}

static void office_id(const gen *g, char *buf, size_t n, unsigned b, unsigned o, int upper)
{
	char body[16];
	body_id(g, body, sizeof body, b, upper);
	snprintf(buf, n, "%s-%c%0*u", body, upper ? 'K' : 'k', (int)digits(g->offices), o + 1);
}

static void unit_id(const gen *g, char *buf, size_t n, unsigned b, unsigned o, unsigned u, int upper)
{
	char office[32];
	office_id(g, office, sizeof office, b, o, upper);
	snprintf(buf, n, "%s-%c%0*u", office, upper ? 'E' : 'e', (int)digits(g->units), u + 1);
}

static void assignment_id(const gen *g, char *buf, size_t n, unsigned b)
{
	snprintf(buf, n, "SU-%d-%0*u", g->year, (int)digits(g->bodies), b + 1);
}

/* Bodies 2, 6, 10, ... plan by school year, like a barn- och utbildningsnämnd. */
static int school_year_body(unsigned b)
{
	return b % 4 == 1;
}

/* Fullmäktigemål k (0-based) serves perspective k / KF_PER_PERSP. */
static unsigned kf_persp(unsigned k)
{
	return k / KF_PER_PERSP;
}

/* Nämndmål m (0-based) serves perspective m % NPERSP and contributes to the
 * fullmäktigemål m / NPERSP of that perspective: every body addresses all. */
static unsigned body_goal_kf(unsigned m)
{
	return (m % NPERSP) * KF_PER_PERSP + m / NPERSP;
}

/* --- files -------------------------------------------------------------------- */

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "plan-bench-gen: cannot create %s: %s\n", path, strerror(errno));
	return -1;
}

/* Start a file at `rel` (under the output directory); the directories on
 * the way are created. */
static int begin(gen *g, const char *rel)
{
	int n = snprintf(g->path, sizeof g->path, "%s/%s", g->dir, rel);
	if (n < 0 || (size_t)n >= sizeof g->path) {
		fprintf(stderr, "plan-bench-gen: path too long: %s/%s\n", g->dir, rel);
		return -1;
	}
	for (char *p = g->path + strlen(g->dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = make_dir(g->path);
		*p = '/';
		if (rc < 0)
			return -1;
	}
	g->o.len = 0;
	g->o.failed = 0;
	return 0;
}

static int end(gen *g)
{
	if (g->o.failed) {
		fprintf(stderr, "plan-bench-gen: out of memory writing %s\n", g->path);
		return -1;
	}
	FILE *f = fopen(g->path, "wb");
	if (!f) {
		fprintf(stderr, "plan-bench-gen: cannot create %s: %s\n", g->path, strerror(errno));
		return -1;
	}
	size_t w = fwrite(g->o.ptr, 1, g->o.len, f);
	if (fclose(f) != 0 || w != g->o.len) {
		fprintf(stderr, "plan-bench-gen: cannot write %s\n", g->path);
		return -1;
	}
	g->bytes += g->o.len;
	g->files++;
	g->docs++;
	return 0;
}

/* --- the documents ------------------------------------------------------------ */

static int write_styrmodell(gen *g)
{
	obuf *o = &g->o;
	if (begin(g, "styrmodell.yaml") < 0)
		return -1;
	printf_(o, "# Syntetisk planuppsättning för prestandatester (plan-bench-gen).\n"
		"kind: styrmodell\n"
		"municipality:\n  name: %s%s kommun\n  code: \"%04u\"\n"
		"vision: %s – en kommun där alla kan växa.\n"
		"perspectives:\n",
		ONE_OF(g, place_a), ONE_OF(g, place_b), range(g, 1000, 9999),
		ONE_OF(g, place_a));
	for (unsigned p = 0; p < NPERSP; p++)
		printf_(o, "  - id: %s\n    name: %s\n    description: %s\n", persp_id[p],
			persp_name[p], persp_text[p]);
	puts_(o, "calendar:\n  dr1: \"04-30\"\n  dr2: \"08-31\"\n");
	return end(g);
}

static int write_organisation(gen *g)
{
	obuf *o = &g->o;
	char id[64], parent[64];
	if (begin(g, "organisation.yaml") < 0)
		return -1;
	puts_(o, "kind: organisation\nbodies:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		body_id(g, id, sizeof id, b, 0);
		unsigned cycle = b / (unsigned)N(body_base);
		printf_(o, "  - {id: %s, name: %s%s%s, type: %s%s}\n", id,
			b == 0 ? "Kommunstyrelsen" : body_base[b % N(body_base)],
			b && cycle ? " " : "", b && cycle ? district[cycle % N(district)] : "",
			b == 0 ? "kommunstyrelse" : "namnd",
			school_year_body(b) ? ", school_year: true" : "");
	}
	puts_(o, "offices:\n");
	for (unsigned b = 0; b < g->bodies; b++)
		for (unsigned f = 0; f < g->offices; f++) {
			office_id(g, id, sizeof id, b, f, 0);
			body_id(g, parent, sizeof parent, b, 0);
			printf_(o, "  - {id: %s, name: %s %s, body: %s}\n", id,
				office_base[(b + f) % N(office_base)], district[f % N(district)], parent);
		}
	puts_(o, "units:\n");
	for (unsigned b = 0; b < g->bodies; b++)
		for (unsigned f = 0; f < g->offices; f++)
			for (unsigned u = 0; u < g->units; u++) {
				unit_id(g, id, sizeof id, b, f, u, 0);
				office_id(g, parent, sizeof parent, b, f, 0);
				printf_(o, "  - {id: %s, name: %s%s%s, office: %s, type: %s}\n", id,
					ONE_OF(g, place_a), ONE_OF(g, place_b), ONE_OF(g, unit_kind), parent,
					ONE_OF(g, unit_type));
			}
	return end(g);
}

static int write_flerarsplan(gen *g)
{
	obuf *o = &g->o;
	char id[64];
	if (begin(g, "flerarsplan.yaml") < 0)
		return -1;
	printf_(o, "kind: flerarsplan\nid: FAP-%d\ntitle: Flerårsplan %d–%d\n"
		"period: {from: %d, to: %d}\n"
		"adopted:\n  date: %d-11-24\n  by: Kommunfullmäktige\n  reference: KF § %u\n"
		"goals:\n",
		g->year, g->year, g->year + 2, g->year, g->year + 2, g->year - 1, range(g, 100, 250));
	for (unsigned k = 0; k < NKF; k++) {
		unsigned p = kf_persp(k), j = k % KF_PER_PERSP;
		const char *const *sdg = agenda[p][j];
		printf_(o, "  - id: KF-%u\n    title: %s\n    perspective: %s\n    description: ",
			k + 1, goal_title[p][j], persp_id[p]);
		prose(g, o, 6, 300);
		printf_(o, "    strategies:\n      - %s %s\n      - %s %s\n"
			"    agenda2030: [\"%s\", \"%s\", \"%s\"]\n",
			ONE_OF(g, verb_inf), ONE_OF(g, object), ONE_OF(g, verb_inf), ONE_OF(g, object),
			sdg[0], sdg[1], sdg[2]);
	}
	puts_(o, "assignments:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		assignment_id(g, id, sizeof id, b);
		char body[16];
		body_id(g, body, sizeof body, b, 0);
		printf_(o, "  - id: %s\n    title: ", id);
		title(g, o);
		printf_(o, "\n    assigned_to: [%s]\n    goal: KF-%u\n    from: %d\n    to: %d\n",
			body, pick(g, NKF) + 1, g->year, g->year + 1);
		if (b % 2)
			puts_(o, "    funding: {type: inom_ram}\n");
		else
			printf_(o, "    funding: {type: tillskott, amount_tkr: %u}\n", range(g, 2, 60) * 250);
	}
	puts_(o, "frames:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		char body[16];
		body_id(g, body, sizeof body, b, 0);
		unsigned base = range(g, 50, 3000) * 1000;
		printf_(o, "  - body: %s\n    amounts_tkr: {%d: %u, %d: %u, %d: %u}\n", body,
			g->year, base, g->year + 1, base + base / 50, g->year + 2, base + base / 25);
	}
	return end(g);
}

static int write_verksamhetsplan(gen *g, unsigned b)
{
	obuf *o = &g->o;
	char rel[256], body[16], up[16], su[32];
	body_id(g, body, sizeof body, b, 0);
	body_id(g, up, sizeof up, b, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/verksamhetsplan.yaml", body);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: verksamhetsplan\nid: VP-%s-%d\nowner: %s\nperiod: {from: %d, to: %d}\n"
		"adopted:\n  date: %d-12-10\n  by: %s\ngoals:\n",
		up, g->year, body, g->year, g->year + 2, g->year - 1,
		b == 0 ? "Kommunstyrelsen" : body_base[b % N(body_base)]);
	for (unsigned m = 0; m < NBODY_GOALS; m++) {
		unsigned p = m % NPERSP;
		printf_(o, "  - id: %s-M%u\n    title: %s\n    perspective: %s\n"
			"    contributes_to: [KF-%u]\n    description: ",
			up, m + 1, goal_title[p][2 + (m / NPERSP + b) % 6], persp_id[p], body_goal_kf(m) + 1);
		prose(g, o, 6, 260);
	}
	printf_(o, "assignments:\n  - assignment: %s\n    plan: ", su);
	prose(g, o, 6, 200);
	puts_(o, "budget:\n");
	for (unsigned a = 0; a < 4; a++)
		printf_(o, "  - {area: %s, amount_tkr: %u}\n", area[(b + a * 3) % N(area)],
			range(g, 10, 900) * 100);
	return end(g);
}

static int write_kontorsplan(gen *g, unsigned b, unsigned f)
{
	obuf *o = &g->o;
	char rel[256], body[16], bodyup[16], office[32], up[32], su[32];
	body_id(g, body, sizeof body, b, 0);
	body_id(g, bodyup, sizeof bodyup, b, 1);
	office_id(g, office, sizeof office, b, f, 0);
	office_id(g, up, sizeof up, b, f, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/%s/kontorsplan.yaml", body, office);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: kontorsplan\nid: KP-%s-%d\nowner: %s\nperiod: {from: %d, to: %d}\ngoals:\n",
		up, g->year, office, g->year, g->year + 2);
	/* Kontorsplan goal p serves perspective p through both of its body's
	 * nämndmål in that perspective. */
	for (unsigned p = 0; p < NOFFICE_GOALS; p++) {
		printf_(o, "  - id: %s-M%u\n    title: %s\n    contributes_to: [%s-M%u, %s-M%u]\n"
			"    x-beskrivning: ",
			up, p + 1, goal_title[p][(p + f + b) % 8], bodyup, p + 1, bodyup, p + 1 + NPERSP);
		prose(g, o, 6, 200);
	}
	if (f == 0) {
		printf_(o, "assignments:\n  - assignment: %s\n    plan: ", su);
		prose(g, o, 6, 160);
	}
	puts_(o, "kpis:\n");
	/* One KPI per nämndmål, so that every one is measured. */
	for (unsigned k = 0; k < NKPIS; k++) {
		unsigned higher = pick(g, 2), base = range(g, 20, 90);
		printf_(o, "  - id: NT-%s-%u\n    name: Andel %s %s\n    measures: [%s-M%u]\n"
			"    aspect: %s\n",
			up, k + 1, ONE_OF(g, object), ONE_OF(g, context), bodyup, k + 1,
			k % 2 ? "effektivitet" : "kvalitet");
		if (k % 3 == 0)
			printf_(o, "    kolada: N%05u\n", range(g, 10000, 99999));
		printf_(o, "    unit: %s\n    direction: %s\n    baseline: {year: %d, value: %u}\n"
			"    targets: {%d: %u, %d: %u, %d: %u}\n",
			ONE_OF(g, kpi_unit), higher ? "higher" : "lower", g->year - 1, base,
			g->year, higher ? base + 2 : base - 2, g->year + 1, higher ? base + 4 : base - 4,
			g->year + 2, higher ? base + 6 : base - 6);
		if (k == 0)
			puts_(o, "    units_must_follow: true\n");
	}
	return end(g);
}

/* "YYYY-MM-DD" of month index i (0-based) of the plan's year: January on
 * for a calendar year, August on for a school year. */
static void plan_date(const gen *g, char *buf, size_t n, int school, unsigned i, unsigned day)
{
	int y = g->year;
	unsigned m = i + 1;
	if (school) {
		m = i + 8;
		if (m > 12) {
			m -= 12;
			y++;
		}
	}
	snprintf(buf, n, "%04d-%02u-%02u", y, m, day);
}

static int write_arbetsplan(gen *g, unsigned b, unsigned f, unsigned u)
{
	obuf *o = &g->o;
	char rel[256], body[16], office[32], officeup[32], unit[48], up[48], su[32];
	int school = school_year_body(b);
	body_id(g, body, sizeof body, b, 0);
	office_id(g, office, sizeof office, b, f, 0);
	office_id(g, officeup, sizeof officeup, b, f, 1);
	unit_id(g, unit, sizeof unit, b, f, u, 0);
	unit_id(g, up, sizeof up, b, f, u, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/%s/%s/arbetsplan.yaml", body, office, unit);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: arbetsplan\nid: AP-%s-%d\nowner: %s\n", up, g->year, unit);
	if (school)
		printf_(o, "school_year: \"%d/%02d\"\n", g->year, (g->year + 1) % 100);
	else
		printf_(o, "year: %d\n", g->year);
	puts_(o, "activities:\n");
	unsigned months = school ? 11 : 12;
	for (unsigned a = 0; a < g->activities; a++) {
		printf_(o, "  - id: %s-A%u\n    title: ", up, a + 1);
		title(g, o);
		/* Activity a serves the office goal of perspective a % 4, so that
		 * the activities cover every perspective; with fewer than four, the
		 * last one takes the rest. */
		printf_(o, "\n    contributes_to: [%s-M%u", officeup, a % NOFFICE_GOALS + 1);
		if (a + 1 == g->activities)
			for (unsigned p = a + 1; p < NOFFICE_GOALS; p++)
				printf_(o, ", %s-M%u", officeup, p + 1);
		if (f == 0 && u % 5 == 0 && a + 1 == g->activities)
			printf_(o, ", %s", su);
		printf_(o, "]\n    responsible: %s\n", ONE_OF(g, role));
		unsigned start = pick(g, months - 1), due = range(g, start + 1, months - 1);
		char date[16];
		if (pick(g, 2)) {
			plan_date(g, date, sizeof date, school, start, range(g, 1, 28));
			printf_(o, "    start: %s\n", date);
		}
		plan_date(g, date, sizeof date, school, due, range(g, 1, 28));
		printf_(o, "    due: %s\n    x-beskrivning: ", date);
		prose(g, o, 6, range(g, 165, 285));
	}
	if (g->faults)
		printf_(o, "kpis: [NT-%s-%u]\n", officeup, 2 + u % (NKPIS - 1));
	else if (u % 3 == 0)
		printf_(o, "kpis: [NT-%s-1, NT-%s-%u]\n", officeup, officeup, 2 + u % (NKPIS - 1));
	else
		printf_(o, "kpis: [NT-%s-1]\n", officeup);
	return end(g);
}

static const char *const status[] = { "uppfylld", "uppfylld", "delvis_uppfylld", "uppfylld" };

/* A goal entry of a follow-up; one not fully met answers all four questions. */
static void followup_goal(gen *g, obuf *o, const char *goal)
{
	const char *st = status[pick(g, N(status))];
	printf_(o, "  - goal: %s\n    status: %s\n    forecast: %s\n", goal, st,
		pick(g, 3) ? "uppfylld" : st);
	if (strcmp(st, "uppfylld") == 0)
		return;
	static const char *const answer[] = { "actions", "results", "analysis", "improvements" };
	for (size_t i = 0; i < N(answer); i++) {
		printf_(o, "    %s: ", answer[i]);
		prose(g, o, 6, 160);
	}
}

/* An economy of budget and forecast in [lo, hi] tkr thousands, outcome in
 * [olo, ohi]; a forecast over budget states its actions, as
 * deviation-without-action asks. */
static void economy(gen *g, obuf *o, unsigned lo, unsigned hi, unsigned olo, unsigned ohi)
{
	unsigned budget = range(g, lo, hi) * 1000;
	unsigned outcome = range(g, olo, ohi) * 1000;
	unsigned forecast = range(g, lo, hi) * 1000;
	printf_(o, "economy:\n  budget_tkr: %u\n  outcome_tkr: %u\n  forecast_tkr: %u\n",
		budget, outcome, forecast);
	if (forecast > budget) {
		puts_(o, "  actions: ");
		prose(g, o, 4, 120);
	}
}

static int write_followups(gen *g)
{
	obuf *o = &g->o;
	char rel[256], id[64], up[16];
	snprintf(rel, sizeof rel, "uppfoljning/dr1-%d-kommun.yaml", g->year);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: uppfoljning\nid: DR1-%d-KOMMUN\nowner: kommun\nyear: %d\nperiod: dr1\n"
		"as_of: %d-04-30\ngoals:\n", g->year, g->year, g->year);
	for (unsigned k = 0; k < NKF; k++) {
		snprintf(id, sizeof id, "KF-%u", k + 1);
		followup_goal(g, o, id);
	}
	puts_(o, "assignments:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		assignment_id(g, id, sizeof id, b);
		printf_(o, "  - assignment: %s\n    status: pagar\n    report: ", id);
		prose(g, o, 6, 120);
	}
	economy(g, o, 3000, 4000, 900, 1300);
	puts_(o, "  comment: ");
	prose(g, o, 4, 200);
	if (end(g) < 0)
		return -1;
	for (unsigned b = 0; b < g->bodies; b++) {
		char body[16];
		body_id(g, body, sizeof body, b, 0);
		body_id(g, up, sizeof up, b, 1);
		snprintf(rel, sizeof rel, "uppfoljning/dr1-%d-%s.yaml", g->year, body);
		if (begin(g, rel) < 0)
			return -1;
		printf_(o, "kind: uppfoljning\nid: DR1-%d-%s\nowner: %s\nyear: %d\nperiod: dr1\n"
			"as_of: %d-04-30\ngoals:\n", g->year, up, body, g->year, g->year);
		for (unsigned m = 0; m < NBODY_GOALS; m++) {
			snprintf(id, sizeof id, "%s-M%u", up, m + 1);
			followup_goal(g, o, id);
		}
		economy(g, o, 50, 3000, 10, 900);
		if (end(g) < 0)
			return -1;
	}
	return 0;
}

/* --- the compact shape ----------------------------------------------------------
 * The same documents, ids and links as above, written as another tool or
 * person might: every item one flow mapping on one line, every text a short
 * double-quoted scalar, no folded prose. The files are about half the size,
 * so the parser's share of the work is smaller and the rest shows more. */

/* A short double-quoted text: one sentence. The word lists hold no '"' or
 * '\\', so nothing needs escaping. */
static void quoted_sentence(gen *g, obuf *o)
{
	put(o, "\"", 1);
	sentence(g, o);
	put(o, "\"", 1);
}

static void quoted_title(gen *g, obuf *o)
{
	put(o, "\"", 1);
	title(g, o);
	put(o, "\"", 1);
}

static int write_styrmodell_compact(gen *g)
{
	obuf *o = &g->o;
	if (begin(g, "styrmodell.yaml") < 0)
		return -1;
	printf_(o, "kind: styrmodell\n"
		"municipality: {name: \"%s%s kommun\", code: \"%04u\"}\n"
		"vision: \"%s – en kommun där alla kan växa.\"\n"
		"perspectives:\n",
		ONE_OF(g, place_a), ONE_OF(g, place_b), range(g, 1000, 9999), ONE_OF(g, place_a));
	for (unsigned p = 0; p < NPERSP; p++)
		printf_(o, "  - {id: %s, name: \"%s\", description: \"%s\"}\n", persp_id[p],
			persp_name[p], persp_text[p]);
	puts_(o, "calendar: {dr1: \"04-30\", dr2: \"08-31\"}\n");
	return end(g);
}

static int write_flerarsplan_compact(gen *g)
{
	obuf *o = &g->o;
	if (begin(g, "flerarsplan.yaml") < 0)
		return -1;
	printf_(o, "kind: flerarsplan\nid: FAP-%d\ntitle: \"Flerårsplan %d–%d\"\n"
		"period: {from: %d, to: %d}\n"
		"adopted: {date: %d-11-24, by: \"Kommunfullmäktige\", reference: \"KF § %u\"}\n"
		"goals:\n",
		g->year, g->year, g->year + 2, g->year, g->year + 2, g->year - 1, range(g, 100, 250));
	for (unsigned k = 0; k < NKF; k++) {
		unsigned p = kf_persp(k), j = k % KF_PER_PERSP;
		const char *const *sdg = agenda[p][j];
		printf_(o, "  - {id: KF-%u, title: \"%s\", perspective: %s, description: ", k + 1,
			goal_title[p][j], persp_id[p]);
		quoted_sentence(g, o);
		printf_(o, ", strategies: [\"%s %s\", \"%s %s\"], agenda2030: [\"%s\", \"%s\", \"%s\"]}\n",
			ONE_OF(g, verb_inf), ONE_OF(g, object), ONE_OF(g, verb_inf), ONE_OF(g, object),
			sdg[0], sdg[1], sdg[2]);
	}
	puts_(o, "assignments:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		char id[64], body[16];
		assignment_id(g, id, sizeof id, b);
		body_id(g, body, sizeof body, b, 0);
		printf_(o, "  - {id: %s, title: ", id);
		quoted_title(g, o);
		printf_(o, ", assigned_to: [%s], goal: KF-%u, from: %d, to: %d, ", body,
			pick(g, NKF) + 1, g->year, g->year + 1);
		if (b % 2)
			puts_(o, "funding: {type: inom_ram}}\n");
		else
			printf_(o, "funding: {type: tillskott, amount_tkr: %u}}\n", range(g, 2, 60) * 250);
	}
	puts_(o, "frames:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		char body[16];
		body_id(g, body, sizeof body, b, 0);
		unsigned base = range(g, 50, 3000) * 1000;
		printf_(o, "  - {body: %s, amounts_tkr: {%d: %u, %d: %u, %d: %u}}\n", body, g->year,
			base, g->year + 1, base + base / 50, g->year + 2, base + base / 25);
	}
	return end(g);
}

static int write_verksamhetsplan_compact(gen *g, unsigned b)
{
	obuf *o = &g->o;
	char rel[256], body[16], up[16], su[32];
	body_id(g, body, sizeof body, b, 0);
	body_id(g, up, sizeof up, b, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/verksamhetsplan.yaml", body);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: verksamhetsplan\nid: VP-%s-%d\nowner: %s\nperiod: {from: %d, to: %d}\n"
		"adopted: {date: %d-12-10, by: \"%s\"}\ngoals:\n",
		up, g->year, body, g->year, g->year + 2, g->year - 1,
		b == 0 ? "Kommunstyrelsen" : body_base[b % N(body_base)]);
	for (unsigned m = 0; m < NBODY_GOALS; m++) {
		unsigned p = m % NPERSP;
		printf_(o, "  - {id: %s-M%u, title: \"%s\", perspective: %s, contributes_to: [KF-%u], "
			"description: ",
			up, m + 1, goal_title[p][2 + (m / NPERSP + b) % 6], persp_id[p], body_goal_kf(m) + 1);
		quoted_sentence(g, o);
		puts_(o, "}\n");
	}
	printf_(o, "assignments:\n  - {assignment: %s, plan: ", su);
	quoted_sentence(g, o);
	puts_(o, "}\nbudget:\n");
	for (unsigned a = 0; a < 4; a++)
		printf_(o, "  - {area: \"%s\", amount_tkr: %u}\n", area[(b + a * 3) % N(area)],
			range(g, 10, 900) * 100);
	return end(g);
}

static int write_kontorsplan_compact(gen *g, unsigned b, unsigned f)
{
	obuf *o = &g->o;
	char rel[256], body[16], bodyup[16], office[32], up[32], su[32];
	body_id(g, body, sizeof body, b, 0);
	body_id(g, bodyup, sizeof bodyup, b, 1);
	office_id(g, office, sizeof office, b, f, 0);
	office_id(g, up, sizeof up, b, f, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/%s/kontorsplan.yaml", body, office);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: kontorsplan\nid: KP-%s-%d\nowner: %s\nperiod: {from: %d, to: %d}\ngoals:\n",
		up, g->year, office, g->year, g->year + 2);
	for (unsigned p = 0; p < NOFFICE_GOALS; p++)
		printf_(o, "  - {id: %s-M%u, title: \"%s\", contributes_to: [%s-M%u, %s-M%u]}\n",
			up, p + 1, goal_title[p][(p + f + b) % 8], bodyup, p + 1, bodyup, p + 1 + NPERSP);
	if (f == 0) {
		printf_(o, "assignments:\n  - {assignment: %s, plan: ", su);
		quoted_sentence(g, o);
		puts_(o, "}\n");
	}
	puts_(o, "kpis:\n");
	for (unsigned k = 0; k < NKPIS; k++) {
		unsigned higher = pick(g, 2), base = range(g, 20, 90);
		printf_(o, "  - {id: NT-%s-%u, name: \"Andel %s %s\", measures: [%s-M%u], aspect: %s, ",
			up, k + 1, ONE_OF(g, object), ONE_OF(g, context), bodyup, k + 1,
			k % 2 ? "effektivitet" : "kvalitet");
		if (k % 3 == 0)
			printf_(o, "kolada: N%05u, ", range(g, 10000, 99999));
		printf_(o, "unit: %s, direction: %s, baseline: {year: %d, value: %u}, "
			"targets: {%d: %u, %d: %u, %d: %u}%s}\n",
			ONE_OF(g, kpi_unit), higher ? "higher" : "lower", g->year - 1, base,
			g->year, higher ? base + 2 : base - 2, g->year + 1, higher ? base + 4 : base - 4,
			g->year + 2, higher ? base + 6 : base - 6, k == 0 ? ", units_must_follow: true" : "");
	}
	return end(g);
}

static int write_arbetsplan_compact(gen *g, unsigned b, unsigned f, unsigned u)
{
	obuf *o = &g->o;
	char rel[256], body[16], office[32], officeup[32], unit[48], up[48], su[32];
	int school = school_year_body(b);
	body_id(g, body, sizeof body, b, 0);
	office_id(g, office, sizeof office, b, f, 0);
	office_id(g, officeup, sizeof officeup, b, f, 1);
	unit_id(g, unit, sizeof unit, b, f, u, 0);
	unit_id(g, up, sizeof up, b, f, u, 1);
	assignment_id(g, su, sizeof su, b);
	snprintf(rel, sizeof rel, "planer/%s/%s/%s/arbetsplan.yaml", body, office, unit);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: arbetsplan\nid: AP-%s-%d\nowner: %s\n", up, g->year, unit);
	if (school)
		printf_(o, "school_year: \"%d/%02d\"\n", g->year, (g->year + 1) % 100);
	else
		printf_(o, "year: %d\n", g->year);
	puts_(o, "activities:\n");
	unsigned months = school ? 11 : 12;
	for (unsigned a = 0; a < g->activities; a++) {
		printf_(o, "  - {id: %s-A%u, title: ", up, a + 1);
		quoted_title(g, o);
		/* The links of the prose shape: every perspective covered. */
		printf_(o, ", contributes_to: [%s-M%u", officeup, a % NOFFICE_GOALS + 1);
		if (a + 1 == g->activities)
			for (unsigned p = a + 1; p < NOFFICE_GOALS; p++)
				printf_(o, ", %s-M%u", officeup, p + 1);
		if (f == 0 && u % 5 == 0 && a + 1 == g->activities)
			printf_(o, ", %s", su);
		printf_(o, "], responsible: \"%s\"", ONE_OF(g, role));
		unsigned start = pick(g, months - 1), due = range(g, start + 1, months - 1);
		char date[16];
		if (pick(g, 2)) {
			plan_date(g, date, sizeof date, school, start, range(g, 1, 28));
			printf_(o, ", start: %s", date);
		}
		plan_date(g, date, sizeof date, school, due, range(g, 1, 28));
		printf_(o, ", due: %s, x-beskrivning: ", date);
		quoted_sentence(g, o);
		puts_(o, "}\n");
	}
	if (g->faults)
		printf_(o, "kpis: [NT-%s-%u]\n", officeup, 2 + u % (NKPIS - 1));
	else if (u % 3 == 0)
		printf_(o, "kpis: [NT-%s-1, NT-%s-%u]\n", officeup, officeup, 2 + u % (NKPIS - 1));
	else
		printf_(o, "kpis: [NT-%s-1]\n", officeup);
	return end(g);
}

/* A follow-up's goal as one flow mapping; one not fully met answers all
 * four questions in a sentence each. */
static void followup_goal_compact(gen *g, obuf *o, const char *goal)
{
	const char *st = status[pick(g, N(status))];
	printf_(o, "  - {goal: %s, status: %s, forecast: %s", goal, st, pick(g, 3) ? "uppfylld" : st);
	if (strcmp(st, "uppfylld") != 0) {
		static const char *const answer[] = { "actions", "results", "analysis", "improvements" };
		for (size_t i = 0; i < N(answer); i++) {
			printf_(o, ", %s: ", answer[i]);
			quoted_sentence(g, o);
		}
	}
	puts_(o, "}\n");
}

/* The economy as one flow mapping, with the kommun's comment when `comment`. */
static void economy_compact(gen *g, obuf *o, unsigned lo, unsigned hi, unsigned olo, unsigned ohi,
	int comment)
{
	unsigned budget = range(g, lo, hi) * 1000;
	unsigned outcome = range(g, olo, ohi) * 1000;
	unsigned forecast = range(g, lo, hi) * 1000;
	printf_(o, "economy: {budget_tkr: %u, outcome_tkr: %u, forecast_tkr: %u", budget, outcome,
		forecast);
	if (forecast > budget) {
		puts_(o, ", actions: ");
		quoted_sentence(g, o);
	}
	if (comment) {
		puts_(o, ", comment: ");
		quoted_sentence(g, o);
	}
	puts_(o, "}\n");
}

static int write_followups_compact(gen *g)
{
	obuf *o = &g->o;
	char rel[256], id[64], up[16];
	snprintf(rel, sizeof rel, "uppfoljning/dr1-%d-kommun.yaml", g->year);
	if (begin(g, rel) < 0)
		return -1;
	printf_(o, "kind: uppfoljning\nid: DR1-%d-KOMMUN\nowner: kommun\nyear: %d\nperiod: dr1\n"
		"as_of: %d-04-30\ngoals:\n", g->year, g->year, g->year);
	for (unsigned k = 0; k < NKF; k++) {
		snprintf(id, sizeof id, "KF-%u", k + 1);
		followup_goal_compact(g, o, id);
	}
	puts_(o, "assignments:\n");
	for (unsigned b = 0; b < g->bodies; b++) {
		assignment_id(g, id, sizeof id, b);
		printf_(o, "  - {assignment: %s, status: pagar, report: ", id);
		quoted_sentence(g, o);
		puts_(o, "}\n");
	}
	economy_compact(g, o, 3000, 4000, 900, 1300, 1);
	if (end(g) < 0)
		return -1;
	for (unsigned b = 0; b < g->bodies; b++) {
		char body[16];
		body_id(g, body, sizeof body, b, 0);
		body_id(g, up, sizeof up, b, 1);
		snprintf(rel, sizeof rel, "uppfoljning/dr1-%d-%s.yaml", g->year, body);
		if (begin(g, rel) < 0)
			return -1;
		printf_(o, "kind: uppfoljning\nid: DR1-%d-%s\nowner: %s\nyear: %d\nperiod: dr1\n"
			"as_of: %d-04-30\ngoals:\n", g->year, up, body, g->year, g->year);
		for (unsigned m = 0; m < NBODY_GOALS; m++) {
			snprintf(id, sizeof id, "%s-M%u", up, m + 1);
			followup_goal_compact(g, o, id);
		}
		economy_compact(g, o, 50, 3000, 10, 900, 0);
		if (end(g) < 0)
			return -1;
	}
	return 0;
}

static int generate_compact(gen *g)
{
	if (write_styrmodell_compact(g) < 0 || write_organisation(g) < 0 ||
	    write_flerarsplan_compact(g) < 0)
		return -1;
	for (unsigned b = 0; b < g->bodies; b++) {
		if (write_verksamhetsplan_compact(g, b) < 0)
			return -1;
		for (unsigned f = 0; f < g->offices; f++) {
			if (write_kontorsplan_compact(g, b, f) < 0)
				return -1;
			for (unsigned u = 0; u < g->units; u++)
				if (write_arbetsplan_compact(g, b, f, u) < 0)
					return -1;
		}
	}
	return write_followups_compact(g);
}

static int generate(gen *g)
{
	if (g->compact)
		return generate_compact(g);
	if (write_styrmodell(g) < 0 || write_organisation(g) < 0 || write_flerarsplan(g) < 0)
		return -1;
	for (unsigned b = 0; b < g->bodies; b++) {
		if (write_verksamhetsplan(g, b) < 0)
			return -1;
		for (unsigned f = 0; f < g->offices; f++) {
			if (write_kontorsplan(g, b, f) < 0)
				return -1;
			for (unsigned u = 0; u < g->units; u++)
				if (write_arbetsplan(g, b, f, u) < 0)
					return -1;
		}
	}
	return write_followups(g);
}

/* --- main ---------------------------------------------------------------------- */

static const char usage_text[] =
	"Usage: plan-bench-gen [options] OUTDIR\n"
	"\n"
	"Write a synthetic plan set, clean under plan-validate --strict, into OUTDIR\n"
	"(created if missing; it must be empty). The same options give the same bytes.\n"
	"\n"
	"  --bodies B       nämnder, the first one the kommunstyrelse (default 40, max 999)\n"
	"  --offices O      kontor per body (default 5, max 99)\n"
	"  --units U        enheter per office, one arbetsplan each (default 50, max 9999)\n"
	"  --activities A   activities per arbetsplan (default 8, max 999)\n"
	"  --seed S         seed of the text (default 1)\n"
	"  --year Y         the first year of the plans (default 2026)\n"
	"  --faults         every arbetsplan leaves out its office's mandatory KPI: one\n"
	"                   mandatory-kpi-missing error each, to time the diagnostics\n"
	"  --shape NAME     how the documents are written (the same documents, ids and\n"
	"                   links either way):\n"
	"                     prose    block mappings, plain titles, folded descriptions\n"
	"                              of several lines (the default)\n"
	"                     compact  each item one flow mapping ({...}, [...]), short\n"
	"                              double-quoted titles and one-sentence texts, no\n"
	"                              folded prose: files about half the size\n"
	"\n"
	"Prints: DOCUMENTS documents, FILES files, BYTES bytes in OUTDIR\n";

static int parse_uint(const char *text, unsigned long long max, unsigned long long *value)
{
	char *end = NULL;
	errno = 0;
	if (!text || *text == '-' || *text == '\0')
		return -1;
	unsigned long long v = strtoull(text, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*value = v;
	return 0;
}

/* "plan-bench-gen: MESSAGE 'ARG'" and the hint; exit status 2. */
static int usage(const char *message, const char *arg)
{
	if (arg)
		fprintf(stderr, "plan-bench-gen: %s '%s'\n", message, arg);
	else
		fprintf(stderr, "plan-bench-gen: %s\n", message);
	fputs("Try 'plan-bench-gen --help'.\n", stderr);
	return 2;
}

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int empty = 1;
	for (struct dirent *e; empty && (e = readdir(d)) != NULL;)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

int main(int argc, char **argv)
{
	gen g = { .bodies = 40, .offices = 5, .units = 50, .activities = 8, .year = 2026 };
	unsigned long long seed = 1;
	static const struct { const char *name; unsigned long long max; } opt[] = {
		{ "--bodies", MAX_BODIES }, { "--offices", MAX_OFFICES }, { "--units", MAX_UNITS },
		{ "--activities", MAX_ACTIVITIES }, { "--seed", UINT64_MAX }, { "--year", 2100 },
	};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(a, "--faults") == 0) {
			g.faults = 1;
			continue;
		}
		if (strcmp(a, "--shape") == 0) {
			const char *name = i + 1 < argc ? argv[++i] : NULL;
			if (!name)
				return usage("a shape is needed after", a);
			if (strcmp(name, "prose") == 0)
				g.compact = 0;
			else if (strcmp(name, "compact") == 0)
				g.compact = 1;
			else
				return usage("unknown shape (prose, compact):", name);
			continue;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (g.dir)
				return usage("more than one OUTDIR:", a);
			g.dir = a;
			continue;
		}
		size_t k = 0;
		while (k < N(opt) && strcmp(a, opt[k].name) != 0)
			k++;
		if (k == N(opt))
			return usage("unknown option", a);
		unsigned long long v;
		if (i + 1 >= argc || parse_uint(argv[i + 1], opt[k].max, &v) < 0 ||
		    (k < 4 && v == 0) || (k == 5 && v < 1901))
			return usage("a number in range is needed after", a);
		i++;
		switch (k) {
		case 0: g.bodies = (unsigned)v; break;
		case 1: g.offices = (unsigned)v; break;
		case 2: g.units = (unsigned)v; break;
		case 3: g.activities = (unsigned)v; break;
		case 4: seed = v; break;
		default: g.year = (int)v; break;
		}
	}
	if (!g.dir)
		return usage("no OUTDIR given", NULL);
	if (make_dir(g.dir) < 0)
		return 2;
	if (!dir_is_empty(g.dir)) {
		fprintf(stderr, "plan-bench-gen: %s is not empty; give a new or empty directory\n", g.dir);
		return 2;
	}
	g.rng = seed;
	int rc = generate(&g);
	free(g.o.ptr);
	if (rc < 0)
		return 1;
	printf("%lu documents, %lu files, %llu bytes in %s\n", g.docs, g.files, g.bytes, g.dir);
	return 0;
}
