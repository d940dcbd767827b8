/* mivr_log.c - the low-level traces of a MIVR log (see mivr_log.h).
 *
 * A trace is read as a small state machine over the lines:
 *   "N: Mon DD HH:MM:SS.mmm TZ %MIVR-ICD_CTI-L-ID:writing..."  starts one
 *   "MHDR: 0000: <8 bytes>"                                     its header
 *   "MDATA: 0000: <16 bytes>", then "0010: ...", ...            its body
 * A trace ends when its body has BodyLength bytes, or at the next trace
 * line ("writing..." / "reading..."), MHDR line or the end of the file (it is then reported as cut and
 * given on with the bytes it has, as a capture with a lost byte would
 * give them).  Lines of other facilities, and lines that are no part of a
 * trace (a stack trace, another facility's wrapped line), are skipped
 * without ending the trace: a busy engine interleaves them.
 */
#include "mivr_log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <glib.h>

#include "mivr_text.h"

#define READ_BUF (256u * 1024u)

/* ---- time ---- */

static const struct { const char *abbr; int offset; } tz_table[] = {
    /* North America (Unified CCX's home), then the rest */
    { "UTC", 0 },        { "GMT", 0 },         { "Z", 0 },
    { "EST", -5 * 3600 }, { "EDT", -4 * 3600 }, { "CST", -6 * 3600 }, { "CDT", -5 * 3600 },
    { "MST", -7 * 3600 }, { "MDT", -6 * 3600 }, { "PST", -8 * 3600 }, { "PDT", -7 * 3600 },
    { "AKST", -9 * 3600 }, { "AKDT", -8 * 3600 }, { "HST", -10 * 3600 },
    { "AST", -4 * 3600 }, { "ADT", -3 * 3600 }, { "NST", -(3 * 3600 + 1800) },
    { "NDT", -(2 * 3600 + 1800) },
    { "WET", 0 }, { "WEST", 3600 }, { "BST", 3600 }, { "CET", 3600 }, { "CEST", 2 * 3600 },
    { "EET", 2 * 3600 }, { "EEST", 3 * 3600 }, { "MSK", 3 * 3600 },
    { "IST", 5 * 3600 + 1800 },   /* India (Cisco's TAC reads it so) */
    { "SGT", 8 * 3600 }, { "HKT", 8 * 3600 }, { "JST", 9 * 3600 }, { "KST", 9 * 3600 },
    { "AWST", 8 * 3600 }, { "ACST", 9 * 3600 + 1800 }, { "ACDT", 10 * 3600 + 1800 },
    { "AEST", 10 * 3600 }, { "AEDT", 11 * 3600 }, { "NZST", 12 * 3600 }, { "NZDT", 13 * 3600 },
};

int mivr_tz_offset(const char *abbr, int *known)
{
    for (size_t i = 0; i < G_N_ELEMENTS(tz_table); i++)
        if (strcmp(tz_table[i].abbr, abbr) == 0) {
            *known = 1;
            return tz_table[i].offset;
        }
    *known = 0;
    return 0;
}

int mivr_parse_tz(const char *s, int *offset)
{
    int known;
    int o = mivr_tz_offset(s, &known);
    if (known) {
        *offset = o;
        return 1;
    }
    if ((s[0] != '+' && s[0] != '-') || !g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]))
        return 0;
    const char *m = s + 3;
    if (*m == ':')
        m++;
    if (!g_ascii_isdigit(m[0]) || !g_ascii_isdigit(m[1]) || m[2])
        return 0;
    int hh = (s[1] - '0') * 10 + (s[2] - '0'), mm = (m[0] - '0') * 10 + (m[1] - '0');
    if (hh > 14 || mm > 59)
        return 0;
    *offset = (s[0] == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    return 1;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A trace line's head: "7091948: Nov 20 10:43:59.435 EDT %MIVR-"; fields
 * out; returns a pointer just after "%MIVR-", or NULL. */
typedef struct line_head {
    unsigned mon, day, hh, mi, ss, ms;
    char tz[8];
} line_head;

static const char *parse_head(const char *s, line_head *h)
{
    const char *p = s;
    if (!g_ascii_isdigit(*p))
        return NULL;
    while (g_ascii_isdigit(*p))
        p++;
    if (p - s > 20 || *p++ != ':' || *p++ != ' ')
        return NULL;
    h->mon = 0;
    for (unsigned i = 0; i < 12; i++)
        if (strncmp(p, months[i], 3) == 0)
            h->mon = i + 1;
    if (!h->mon || p[3] != ' ')
        return NULL;
    p += 4;
    if (*p == ' ')
        p++;
    if (!g_ascii_isdigit(*p))
        return NULL;
    h->day = (unsigned)(*p++ - '0');
    if (g_ascii_isdigit(*p))
        h->day = h->day * 10 + (unsigned)(*p++ - '0');
    if (*p++ != ' ' || h->day < 1 || h->day > 31)
        return NULL;
    /* HH:MM:SS.mmm */
    static const char shape[] = "dd:dd:dd.ddd";
    for (unsigned i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !g_ascii_isdigit(p[i]) : p[i] != shape[i])
            return NULL;
    h->hh = (unsigned)((p[0] - '0') * 10 + (p[1] - '0'));
    h->mi = (unsigned)((p[3] - '0') * 10 + (p[4] - '0'));
    h->ss = (unsigned)((p[6] - '0') * 10 + (p[7] - '0'));
    h->ms = (unsigned)((p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0'));
    if (h->hh > 23 || h->mi > 59 || h->ss > 60)
        return NULL;
    p += 12;
    if (*p++ != ' ')
        return NULL;
    size_t n = 0;
    while (g_ascii_isalpha(p[n]) && n < sizeof h->tz - 1)
        n++;
    if (!n || p[n] != ' ')
        return NULL;
    memcpy(h->tz, p, n);
    h->tz[n] = '\0';
    p += n + 1;
    if (strncmp(p, "%MIVR-", 6) != 0)
        return NULL;
    return p + 6;
}

int mivr_sniff(const uint8_t *buf, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const uint8_t *e = memchr(buf + i, '\n', n - i);
        size_t len = e ? (size_t)(e - (buf + i)) : n - i;
        if (len > 24 && len < MIVR_MAX_LINE) {
            char line[MIVR_MAX_LINE];
            memcpy(line, buf + i, len);
            line[len] = '\0';
            line_head h;
            if (parse_head(line, &h))
                return 1;
        }
        if (!e)
            break;
        i += len + 1;
    }
    return 0;
}

/* ---- the reader ---- */

enum { ST_IDLE, ST_WANT_MHDR, ST_WANT_MDATA, ST_DATA, ST_HIGH };

#define MIVR_MAX_TEXT 16384   /* characters of a high-level trace */

struct mivr_log {
    FILE *f;
    char *name;
    mivr_report_fn report;
    void *ud;
    mivr_time_opts t;
    int mtime_year, mtime_mon;     /* the year source when t.year is 0 */
    int tz_warned;
    /* lines */
    char *buf;
    size_t pos, end;
    int eof;
    char line[MIVR_MAX_LINE + 1];
    size_t line_len;
    int line_cut;
    uint64_t lineno;
    /* the last MIVR line's time; the last ICD_CTI line and its time */
    int64_t last_ts;
    uint64_t icd_line;
    int64_t icd_ts;
    GString *text;                 /* a high-level trace being read */
    GByteArray *enc;
    /* the trace being read */
    int st;
    uint64_t rec_line;             /* its first line */
    int64_t rec_ts;
    int rec_dir;
    uint32_t body_len;
    size_t got;                    /* body bytes read */
    unsigned row_off, row_n;       /* the last MDATA row: its offset, its bytes */
    uint64_t row_line;
    uint8_t *rec;                  /* 8 + MIVR_MAX_BODY */
    int rec_high;
    /* the trace ready (out), the one kept back to be compared with the
     * next (held: the same message traced again, or in the other form, is
     * read once), the one given out (given) */
    uint8_t *out, *held, *given;
    mivr_msg out_m, held_m;
    int out_ready, has_held;
};

static void say(mivr_log *l, uint64_t line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void say(mivr_log *l, uint64_t line, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char full[1024];
    if (line)
        snprintf(full, sizeof full, "%s:%llu: %s", l->name, (unsigned long long)line, text);
    else
        snprintf(full, sizeof full, "%s: %s", l->name, text);
    if (l->report)
        l->report(l->ud, full);
}

static int64_t head_time(mivr_log *l, const line_head *h)
{
    int year = l->t.year;
    if (!year) {
        year = l->mtime_year;
        if ((int)h->mon > l->mtime_mon)   /* a line from before the new year */
            year--;
    }
    int off = 0;
    if (l->t.have_tz) {
        off = l->t.tz_offset;
    } else {
        int known;
        off = mivr_tz_offset(h->tz, &known);
        if (!known && !l->tz_warned) {
            l->tz_warned = 1;
            say(l, l->lineno, "time zone \"%s\" is not in ctiscope's table: its times are read as "
                              "UTC (--tz sets the offset)", h->tz);
        }
    }
    int64_t days = days_from_civil(year, h->mon, h->day);
    int64_t sec = days * 86400 + h->hh * 3600 + h->mi * 60 + h->ss - off;
    return sec * 1000000 + (int64_t)h->ms * 1000;
}

static int year_from_mtime(const char *path, int *year, int *mon)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    time_t t = st.st_mtime;
    struct tm tm;
    gmtime_r(&t, &tm);
    *year = tm.tm_year + 1900;
    *mon = tm.tm_mon + 1;
    return 1;
}

mivr_log *mivr_open(const char *path, const char *name, const mivr_time_opts *t,
                    mivr_report_fn report, void *ud, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", name, g_strerror(errno));
        return NULL;
    }
    mivr_log *l = g_new0(mivr_log, 1);
    l->f = f;
    l->name = g_strdup(name);
    l->report = report;
    l->ud = ud;
    l->t = *t;
    l->buf = g_malloc(READ_BUF);
    l->rec = g_malloc(8 + MIVR_MAX_BODY);
    l->out = g_malloc(8 + MIVR_MAX_BODY);
    l->held = g_malloc(8 + MIVR_MAX_BODY);
    l->given = g_malloc(8 + MIVR_MAX_BODY);
    l->text = g_string_sized_new(1024);
    l->enc = g_byte_array_new();
    if (!t->year) {
        if (!year_from_mtime(path, &l->mtime_year, &l->mtime_mon)) {
            GDateTime *now = g_date_time_new_now_utc();
            l->mtime_year = g_date_time_get_year(now);
            l->mtime_mon = g_date_time_get_month(now);
            g_date_time_unref(now);
        }
        if (report && l->mtime_mon < 12)
            say(l, 0, "its lines carry no year: %d taken from the file's modification time "
                      "(%d-%02d; %d for lines of a later month) (--year sets it)",
                l->mtime_year, l->mtime_year, l->mtime_mon, l->mtime_year - 1);
        else if (report)
            say(l, 0, "its lines carry no year: %d taken from the file's modification time "
                      "(--year sets it)", l->mtime_year);
    } else if (report) {
        say(l, 0, "its lines carry no year: %d taken from --year", t->year);
    }
    return l;
}

void mivr_close(mivr_log *l)
{
    if (!l)
        return;
    fclose(l->f);
    g_free(l->name);
    g_free(l->buf);
    g_free(l->rec);
    g_free(l->out);
    g_free(l->held);
    g_free(l->given);
    g_string_free(l->text, TRUE);
    g_byte_array_unref(l->enc);
    g_free(l);
}

/* The next line into l->line (NUL-terminated, without its end of line, cut
 * at MIVR_MAX_LINE).  1, or 0 at the end, -1 on a read error. */
static int read_line(mivr_log *l)
{
    l->line_len = 0;
    l->line_cut = 0;
    int any = 0;
    for (;;) {
        if (l->pos == l->end) {
            if (l->eof)
                break;
            l->pos = 0;
            l->end = fread(l->buf, 1, READ_BUF, l->f);
            if (l->end < READ_BUF) {
                if (ferror(l->f))
                    return -1;
                l->eof = 1;
            }
            if (!l->end)
                break;
        }
        any = 1;
        const char *s = l->buf + l->pos;
        size_t n = l->end - l->pos;
        const char *nl = memchr(s, '\n', n);
        size_t take = nl ? (size_t)(nl - s) : n;
        size_t room = MIVR_MAX_LINE - l->line_len;
        if (take > room) {
            l->line_cut = 1;
            memcpy(l->line + l->line_len, s, room);
            l->line_len += room;
        } else {
            memcpy(l->line + l->line_len, s, take);
            l->line_len += take;
        }
        l->pos += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    if (l->line_len && l->line[l->line_len - 1] == '\r')
        l->line_len--;
    l->line[l->line_len] = '\0';
    l->lineno++;
    return 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A hex row "XXXX: hh hh ... ascii" at s: its offset into *off, at most
 * want bytes into out.  Returns the bytes read, or -1 when s is no row.
 * *bad is set to the column (1-based, in the line) of a bad hex digit. */
static int parse_row(const char *line, const char *s, unsigned *off, uint8_t *out, unsigned want,
                     size_t *bad)
{
    *bad = 0;
    for (int i = 0; i < 4; i++)
        if (hexval(s[i]) < 0)
            return -1;
    if (s[4] != ':')
        return -1;
    *off = (unsigned)(hexval(s[0]) << 12 | hexval(s[1]) << 8 | hexval(s[2]) << 4 | hexval(s[3]));
    const char *p = s + 5;
    unsigned n = 0;
    while (n < want) {
        while (*p == ' ')
            p++;
        if (!p[0] || !p[1] || (p[2] != ' ' && p[2] != '\0'))
            break;   /* no two-character token: the ASCII column (or the end) */
        int hi = hexval(p[0]), lo = hexval(p[1]);
        if (hi < 0 || lo < 0) {
            /* two letters or digits, one of them no hex digit: a bad digit
             * (the ASCII column is rarely two letters and a space) */
            if (g_ascii_isalnum(p[0]) && g_ascii_isalnum(p[1]))
                *bad = (size_t)(p - line) + 1 + (hi < 0 ? 0 : 1);
            break;
        }
        out[n++] = (uint8_t)(hi << 4 | lo);
        p += 2;
    }
    return (int)n;
}

/* The trace read is ready to be given out. */
static void rec_complete(mivr_log *l)
{
    memcpy(l->out, l->rec, 8 + l->got);
    l->out_m = (mivr_msg){ l->rec_line, l->rec_ts, l->rec_dir, l->out, 8 + l->got, l->rec_high };
    l->out_ready = 1;
    l->st = ST_IDLE;
}

/* The trace being read ends: it is given out (with what it has). */
static void rec_finish(mivr_log *l, const char *why)
{
    if (l->st == ST_WANT_MHDR) {
        say(l, l->rec_line, "a trace line (\"writing...\") without its MHDR line: no message read");
        l->st = ST_IDLE;
        return;
    }
    if (l->st == ST_IDLE)
        return;
    if (l->st == ST_HIGH) {
        say(l, l->rec_line, "a high-level trace without its closing \"}\" %s: no message read", why);
        l->st = ST_IDLE;
        return;
    }
    if (l->st == ST_WANT_MDATA)
        say(l, l->rec_line, "MHDR (BodyLength %u) without MDATA %s: the header alone is read",
            (unsigned)l->body_len, why);
    else
        say(l, l->rec_line, "MDATA has %zu bytes where MHDR's BodyLength says %u (%s): read as "
                            "it is, as the wire decoder reads a message cut short",
            l->got, (unsigned)l->body_len, why);
    rec_complete(l);
}

static void rec_start(mivr_log *l, int dir, int64_t ts)
{
    l->st = ST_WANT_MHDR;
    l->rec_line = l->lineno;
    l->rec_ts = ts;
    l->rec_dir = dir;
    l->got = 0;
    l->body_len = 0;
    l->rec_high = 0;
}

static void high_note(void *ud, const char *text)
{
    mivr_log *l = ud;
    say(l, l->rec_line, "%s", text);
}

/* A high-level trace whose text (from "{") is whole: encoded. */
static void high_complete(mivr_log *l)
{
    char err[256];
    g_byte_array_set_size(l->enc, 0);
    l->st = ST_IDLE;
    if (mivr_text_encode(l->text->str, l->enc, high_note, l, err, sizeof err) < 0) {
        say(l, l->rec_line, "high-level trace not read: %s", err);
        return;
    }
    if (l->enc->len > 8 + MIVR_MAX_BODY) {
        say(l, l->rec_line, "high-level trace not read: %u bytes, over the %u-byte cap",
            (unsigned)l->enc->len, 8u + MIVR_MAX_BODY);
        return;
    }
    memcpy(l->rec, l->enc->data, l->enc->len);
    l->got = l->enc->len - 8;
    rec_complete(l);
}

/* Text of a high-level trace: appended from its "{" on; whole at "}". */
static void high_text(mivr_log *l, const char *s)
{
    if (!l->text->len) {
        s = strchr(s, '{');
        if (!s)
            return;
    } else {
        g_string_append_c(l->text, ' ');
    }
    if (l->text->len + strlen(s) > MIVR_MAX_TEXT) {
        say(l, l->rec_line, "high-level trace longer than %u characters: not read", MIVR_MAX_TEXT);
        l->st = ST_IDLE;
        return;
    }
    g_string_append(l->text, s);
    if (strchr(s, '}'))
        high_complete(l);
}

/* "...: got an event message:" (or "got a ... message:") at s: a
 * high-level trace starts; its direction is in its processor's name. */
static int high_start(mivr_log *l, const char *s, uint64_t line, int64_t ts)
{
    const char *g = strstr(s, "got a");
    if (!g || !strstr(g, "message:"))
        return 0;
    rec_finish(l, "before the next trace");
    rec_start(l, MIVR_DIR_UNKNOWN, ts);
    l->rec_line = line;
    l->rec_high = 1;
    size_t pre = (size_t)(g - s);
    if (g_strstr_len(s, (gssize)pre, "Outbound"))
        l->rec_dir = MIVR_TO_CLIENT;
    else if (g_strstr_len(s, (gssize)pre, "Inbound"))
        l->rec_dir = MIVR_TO_SERVER;
    l->st = ST_HIGH;
    g_string_truncate(l->text, 0);
    high_text(l, strstr(g, "message:") + 8);
    return 1;
}

/* "writing..." / "reading..." after the ICD_CTI tag. */
static int trace_dir(const char *rest, int *dir)
{
    if (strncmp(rest, "writing", 7) == 0) {
        *dir = MIVR_TO_CLIENT;
        return 1;
    }
    if (strncmp(rest, "reading", 7) == 0 || strncmp(rest, "read...", 7) == 0) {
        *dir = MIVR_TO_SERVER;
        return 1;
    }
    return 0;
}

static void data_row(mivr_log *l, const char *row)
{
    unsigned off;
    size_t bad;
    unsigned want = l->body_len - (unsigned)l->got;
    if (want > 16)
        want = 16;
    int n = parse_row(l->line, row, &off, l->rec + 8 + l->got, want, &bad);
    if (n < 0)
        return;
    if (l->got) {
        /* rows are 16 bytes and follow each other: a short row lost bytes
         * (they are not made up: the bytes go on as they are) */
        if (l->row_n < 16)
            say(l, l->row_line, "MDATA row %04x has %u bytes where a row before the last has 16: "
                                "the body is read without the missing ones", l->row_off, l->row_n);
        if (off != l->row_off + 16)
            say(l, l->lineno, "MDATA row %04x follows row %04x: a row is missing or out of order",
                off, l->row_off);
    } else if (off != 0) {
        say(l, l->lineno, "MDATA's first row is %04x, not 0000: a row is missing or out of order",
            off);
    }
    l->row_off = off;
    l->row_n = (unsigned)n;
    l->row_line = l->lineno;
    if (bad)
        say(l, l->lineno, "bad hex digit in MDATA row %04x, column %zu: the rest of the row is not "
                          "read", off, bad);
    l->got += (size_t)n;
    if (l->got == l->body_len)
        rec_complete(l);
}

static void on_line(mivr_log *l)
{
    const char *s = l->line;
    line_head h;
    const char *after = parse_head(s, &h);
    if (after) {
        int64_t ts = head_time(l, &h);
        l->last_ts = ts;
        if (strncmp(after, "ICD_CTI-", 8) != 0)
            return;   /* another facility, interleaved */
        const char *rest = strchr(after, ':');
        rest = rest ? rest + 1 : "";
        l->icd_line = l->lineno;
        l->icd_ts = ts;
        int dir;
        if (trace_dir(rest, &dir)) {
            rec_finish(l, "before the next trace");
            rec_start(l, dir, ts);
        } else if (!high_start(l, rest, l->lineno, ts) && l->st == ST_HIGH) {
            rec_finish(l, "before the next ICD_CTI line");
        }
        return;
    }
    if (l->st == ST_HIGH) {
        high_text(l, s);
        return;
    }
    if (high_start(l, s, l->icd_line ? l->icd_line : l->lineno, l->icd_line ? l->icd_ts : l->last_ts))
        return;
    while (*s == ' ' || *s == '\t')
        s++;
    if (strncmp(s, "MHDR:", 5) == 0) {
        if (l->st == ST_WANT_MDATA || l->st == ST_DATA)
            rec_finish(l, "before the next MHDR");
        if (l->st != ST_WANT_MHDR) {
            say(l, l->lineno, "MHDR without a trace line before it: its direction is unknown");
            rec_start(l, MIVR_DIR_UNKNOWN, l->last_ts);
        }
        const char *p = s + 5;
        while (*p == ' ')
            p++;
        unsigned off;
        size_t bad;
        int n = parse_row(l->line, p, &off, l->rec, 8, &bad);
        if (n < 8) {
            say(l, l->lineno, "MHDR has %d bytes where the header has 8%s: no message read",
                n < 0 ? 0 : n, bad ? " (a bad hex digit)" : "");
            l->st = ST_IDLE;
            return;
        }
        uint32_t bl = (uint32_t)l->rec[0] << 24 | (uint32_t)l->rec[1] << 16 |
                      (uint32_t)l->rec[2] << 8 | l->rec[3];
        if (bl > MIVR_MAX_BODY) {
            say(l, l->lineno, "MHDR's BodyLength %u is over %u: no message read", (unsigned)bl,
                (unsigned)MIVR_MAX_BODY);
            l->st = ST_IDLE;
            return;
        }
        l->body_len = bl;
        l->got = 0;
        if (bl == 0)
            rec_complete(l);
        else
            l->st = ST_WANT_MDATA;
        return;
    }
    if (strncmp(s, "MDATA:", 6) == 0) {
        if (l->st != ST_WANT_MDATA) {
            say(l, l->lineno, "MDATA without MHDR before it: not read");
            return;
        }
        const char *p = s + 6;
        while (*p == ' ')
            p++;
        l->st = ST_DATA;
        data_row(l, p);
        return;
    }
    if (l->st == ST_DATA) {
        if (l->line_cut)
            say(l, l->lineno, "line longer than %u characters: read up to there", MIVR_MAX_LINE);
        data_row(l, s);
    }
}

/* out becomes the message kept back. */
static void hold(mivr_log *l)
{
    memcpy(l->held, l->out, l->out_m.len);
    l->held_m = l->out_m;
    l->held_m.bytes = l->held;
    l->has_held = 1;
}

/* The message kept back is given out. */
static void give(mivr_log *l, mivr_msg *m)
{
    memcpy(l->given, l->held, l->held_m.len);
    *m = l->held_m;
    m->bytes = l->given;
    l->has_held = 0;
}

/* The ready message against the one kept back: the same traced again, or
 * the same in the other form, is one.  Returns 1 when *m is given. */
static int settle(mivr_log *l, mivr_msg *m)
{
    const mivr_msg *o = &l->out_m, *h = &l->held_m;
    l->out_ready = 0;
    if (!l->has_held) {
        hold(l);
        return 0;
    }
    if (h->ts_us == o->ts_us && h->dir == o->dir && h->high == o->high && h->len == o->len &&
        memcmp(l->held, l->out, o->len) == 0) {
        say(l, o->line, "the message of line %llu traced again (another processing stage): "
                        "read once", (unsigned long long)h->line);
        return 0;
    }
    if (h->ts_us == o->ts_us && h->dir == o->dir && h->high != o->high && h->len >= 8 &&
        o->len >= 8 && memcmp(l->held + 4, l->out + 4, 4) == 0) {
        const mivr_msg *hi = h->high ? h : o, *lo = h->high ? o : h;
        say(l, hi->line, "this high-level trace and the low-level trace of line %llu are the same "
                         "message: read once, from the low-level trace's bytes",
            (unsigned long long)lo->line);
        if (h->high)
            hold(l);
        return 0;
    }
    give(l, m);
    hold(l);
    return 1;
}

int mivr_next(mivr_log *l, mivr_msg *m, char *err, size_t errlen)
{
    for (;;) {
        if (l->out_ready && settle(l, m))
            return 1;
        int r = read_line(l);
        if (r < 0) {
            snprintf(err, errlen, "%s: read error after line %llu: %s", l->name,
                     (unsigned long long)l->lineno, g_strerror(errno));
            return -1;
        }
        if (r == 0) {
            rec_finish(l, "at the end of the file");
            if (l->out_ready && settle(l, m))
                return 1;
            if (l->out_ready)
                continue;
            if (l->has_held) {
                give(l, m);
                return 1;
            }
            return 0;
        }
        on_line(l);
    }
}

int mivr_first_time(const char *path, const mivr_time_opts *t, int64_t *ts_us)
{
    char err[256];
    mivr_log *l = mivr_open(path, path, t, NULL, NULL, err, sizeof err);
    if (!l)
        return 0;
    mivr_msg m;
    int r = mivr_next(l, &m, err, sizeof err);
    if (r > 0)
        *ts_us = m.ts_us;
    mivr_close(l);
    return r > 0;
}
