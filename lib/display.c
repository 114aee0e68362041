/* display.c: display columns of UTF-8 text, shortening plan text to fit a
 * width, and the width of the terminal. The tables are a compact reading of
 * Unicode's East Asian Width and combining-mark data, enough for titles. */
#define _DEFAULT_SOURCE /* TIOCGWINSZ */

#include "plan/display.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef struct range {
	uint32_t first, last;
} range;

/* Combining marks (Mn, Me) of the scripts plans are written in, and the
 * format characters that take no column. Sorted. */
static const range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
	{ 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0900, 0x0902 }, { 0x093A, 0x093A },
	{ 0x093C, 0x093C }, { 0x0941, 0x0948 }, { 0x094D, 0x094D }, { 0x0951, 0x0957 },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
	{ 0x2066, 0x206F }, { 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0x1F3FB, 0x1F3FF },
	{ 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth, and the emoji shown two columns wide. Sorted. */
static const range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4CF }, { 0xA960, 0xA97F },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 }, { 0x17000, 0x18CFF },
	{ 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B }, { 0x1F240, 0x1F248 },
	{ 0x1F250, 0x1F251 }, { 0x1F260, 0x1F265 }, { 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 },
	{ 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F3FA }, { 0x1F400, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E },
	{ 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6D7 }, { 0x1F6DC, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F7F0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static int in_table(const range *table, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	if (cp < table[0].first || cp > table[n - 1].last)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp > table[mid].last)
			lo = mid + 1;
		else if (cp < table[mid].first)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int plan_display_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (in_table(zero_width, sizeof zero_width / sizeof zero_width[0], cp))
		return 0;
	if (in_table(wide, sizeof wide / sizeof wide[0], cp))
		return 2;
	return 1;
}

size_t plan_display_width(const char *text, size_t len)
{
	size_t columns = 0, i = 0;
	while (i < len) {
		uint32_t cp = 0;
		size_t n = plan_utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			columns++;
			i++;
			continue;
		}
		columns += (size_t)plan_display_cp_width(cp);
		i += n;
	}
	return columns;
}

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, one column */

int plan_display_put(plan_buf *buf, const char *text, size_t len, size_t columns)
{
	if (columns == 0)
		return plan_buf_put_safe(buf, text, len);
	plan_buf safe = PLAN_BUF_INIT;
	int rc = -1;
	if (plan_buf_put_safe(&safe, text, len) < 0)
		goto cleanup;
	const char *s = safe.ptr ? safe.ptr : "";
	if (plan_display_width(s, safe.len) <= columns) {
		rc = plan_buf_put(buf, s, safe.len);
		goto cleanup;
	}
	/* Keep characters while they and the ellipsis fit; marks of zero width
	 * follow their base character in or out. */
	size_t used = 0, keep = 0, i = 0;
	while (i < safe.len) {
		uint32_t cp = 0;
		size_t n = plan_utf8_decode(s + i, safe.len - i, &cp);
		size_t w = 1;
		if (n == 0)
			n = 1;
		else
			w = (size_t)plan_display_cp_width(cp);
		if (w > 0 && used + w + 1 > columns)
			break;
		used += w;
		i += n;
		keep = i;
	}
	plan_buf_put(buf, s, keep);
	rc = plan_buf_puts(buf, ellipsis);
cleanup:
	plan_buf_free(&safe);
	return buf->failed ? -1 : rc;
}

static size_t env_columns(void)
{
	const char *text = getenv("COLUMNS");
	if (!text || !*text)
		return 0;
	char *end = NULL;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno || !end || *end || n < 1 || n > 10000)
		return 0;
	return (size_t)n;
}

size_t plan_display_columns(int fd)
{
	if (isatty(fd)) {
		struct winsize ws;
		memset(&ws, 0, sizeof ws);
		if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			return ws.ws_col;
		size_t n = env_columns();
		return n ? n : 80;
	}
	return env_columns();
}
