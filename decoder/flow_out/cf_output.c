/* cf_output.c - the printers' common part (see cf_output.h): the cf_out
 * object, cf_out_call (each emitted call in the chosen format) and the
 * building blocks several formats use (glyphs, wire text, times, causes;
 * the one-liners are static inline in cf_internal.h).
 *
 * One file per output:
 *   cf_out_text.c     a call as text: header and ladder (--calls)
 *   cf_out_json.c     a call as a JSON object (--calls --json)
 *   cf_out_csv.c      a call as a CDR row, the CSV columns (--calls --csv)
 *   cf_out_html.c     the one-file HTML report (--html)
 *   cf_out_agents.c   agent timelines and totals (--agents)
 *   cf_out_queues.c   queue counts and waits (--queues)
 *   cf_out_summary.c  the triage summary (--summary)
 */
#include "cf_out_internal.h"

#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Building blocks                                                     */
/* ------------------------------------------------------------------ */

const glyphs cf_glyphs_utf8 = { "\u2502", "\u2500", "\u25b6", "\u25c0", "\u25cf", "\u00d7",
                                " \u00b7 ", "\u2192", "\u2026", "\u2013" };
const glyphs cf_glyphs_ascii = { "|", "-", ">", "<", "*", "x", " | ", "->", "~", "-" };

cf_out *cf_out_new(FILE *out, cf_fmt fmt, int ascii)
{
    cf_out *o = g_new0(cf_out, 1);
    o->out = out;
    o->fmt = fmt;
    o->ascii = ascii;
    o->s = g_string_sized_new(8192);
    return o;
}

void cf_out_free(cf_out *o)
{
    if (!o)
        return;
    g_string_free(o->s, TRUE);
    if (o->html_list)
        g_string_free(o->html_list, TRUE);
    if (o->html_msgs)
        g_hash_table_destroy(o->html_msgs);
    g_free(o);
}

/* Wire text: valid UTF-8 as is; control characters and invalid bytes
 * become '?' (text, CSV) or escapes (JSON). */
void cf_put_text(GString *s, const char *z)
{
    if (!z)
        return;
    const char *p = z;
    for (;;) {
        size_t n = fa_plain_len(p);   /* a run of printable ASCII at once */
        fa_len(s, p, n);
        p += n;
        unsigned char c = (unsigned char)*p;
        if (!c)
            return;
        /* a character is at most 6 bytes (GLib's widest form): what
         * follows it does not change what it is, and the text need not be
         * measured to its end (a name is mostly ASCII) */
        size_t l = c >= 0x80 ? fa_utf8_len(p, strnlen(p, 8)) : 0;
        if (l && g_unichar_isprint(g_utf8_get_char(p))) {
            fa_len(s, p, l);
            p += l;
        } else {   /* a control character, or a byte that is no character */
            fa_c(s, '?');
            p++;
        }
    }
}

/* "YYYY-MM-DDTHH:MM:SS" of the last second formatted. */
static _Thread_local int64_t cached_sec = INT64_MIN;
static _Thread_local char cached_text[64];
static _Thread_local size_t cached_len;

void cf_rfc3339(GString *s, int64_t ts)
{
    int64_t sec = ts / 1000000, us = ts % 1000000;
    if (us < 0) {
        us += 1000000;
        sec--;
    }
    if (sec != cached_sec) {
        time_t t = (time_t)sec;
        struct tm tm;
        gmtime_r(&t, &tm);
        int n = snprintf(cached_text, sizeof cached_text, "%04d-%02d-%02dT%02d:%02d:%02d",
                         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                         tm.tm_sec);
        cached_len = n > 0 && (size_t)n < sizeof cached_text ? (size_t)n : strlen(cached_text);
        cached_sec = sec;
    }
    fa_len(s, cached_text, cached_len);
    fa_c(s, '.');
    fa_uint(s, (uint64_t)us, 6);
    fa_c(s, 'Z');
}

void cf_hms(GString *s, int64_t ts, int digits)
{
    time_t t = (time_t)(ts / 1000000);
    int64_t us = ts % 1000000;
    if (us < 0) {
        us += 1000000;
        t--;
    }
    /* the time of day in UTC (POSIX time has no leap seconds), written in
     * place: gmtime_r and a printf were 18% of the ladder's instructions */
    static _Thread_local int64_t hms_sec = INT64_MIN;   /* "HH:MM:SS." of the last second written */
    static _Thread_local char hms_text[9];
    if ((int64_t)t != hms_sec) {
        int64_t d = (int64_t)(t % 86400);
        if (d < 0)
            d += 86400;
        unsigned v[3] = { (unsigned)(d / 3600), (unsigned)(d / 60 % 60), (unsigned)(d % 60) };
        for (int i = 0; i < 3; i++) {
            hms_text[3 * i] = (char)('0' + v[i] / 10);
            hms_text[3 * i + 1] = (char)('0' + v[i] % 10);
            hms_text[3 * i + 2] = i < 2 ? ':' : '.';
        }
        hms_sec = (int64_t)t;
    }
    if (digits == 3) {   /* the ladder's rows: the milliseconds written as they are */
        unsigned ms = (unsigned)(us / 1000);
        char *o = fa_room(s, sizeof hms_text + 3);
        memcpy(o, hms_text, sizeof hms_text);
        o[9] = (char)('0' + ms / 100);
        o[10] = (char)('0' + ms / 10 % 10);
        o[11] = (char)('0' + ms % 10);
        fa_commit(s, o + 12);
        return;
    }
    fa_len(s, hms_text, sizeof hms_text);
    fa_uint(s, (uint64_t)us, 6);
}

void cf_json_cause(GString *s, const char *field, int64_t v, const char *name)
{
    if (v == CF_NO_VALUE) {
        fa_s(s, "null");
        return;
    }
    fa_s(s, "{\"field\":");
    json_str(s, field);
    if (v == CF_NAMED_CAUSE)
        fa_s(s, ",\"value\":null,\"name\":");
    else
        g_string_append_printf(s, ",\"value\":%lld,\"name\":", (long long)v);
    json_str(s, name);
    fa_c(s, '}');
}

/* ------------------------------------------------------------------ */
/* Calls                                                               */
/* ------------------------------------------------------------------ */

void cf_out_call(void *vo, const cf_engine *e, const cf_call *c)
{
    cf_out *o = vo;
    switch (o->fmt) {
    case CF_FMT_TEXT:
        if (o->n_calls)
            fa_c(o->s, '\n');
        cf_call_text_fit(o->s, e, c, o->ascii, o->cols, o->color);
        break;
    case CF_FMT_JSON:
        cf_call_json(o->s, e, c);
        fa_c(o->s, '\n');
        break;
    case CF_FMT_CSV:
        cf_csv_header(o, e);
        cf_call_csv(o->s, e, c);
        break;
    case CF_FMT_HTML:
        cf_out_call_html(o, e, c);
        break;
    }
    o->n_calls++;
    if (o->s->len > 32768 || o->flush_each)
        flush(o);
}

void cf_out_calls_end(cf_out *o, const cf_engine *e)
{
    (void)e;
    if (o->fmt == CF_FMT_CSV)
        cf_csv_header(o, e);
    else if (o->fmt == CF_FMT_TEXT && !o->n_calls)
        fa_s(o->s, "No calls.\n");
    flush(o);
}
