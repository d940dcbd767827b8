/* cf_out_internal.h - INTERNAL to decoder/flow_out: what the call-flow
 * outputs (cf_output.c and cf_out_*.c) share.  They read the engine
 * through cf_engine.h only, never through its internals
 * (decoder/flow/cf_internal.h); code outside this folder uses cf_output.h.
 */
#ifndef CF_OUT_INTERNAL_H
#define CF_OUT_INTERNAL_H

#include "cf_engine.h"
#include "cf_output.h"

#include "fast_append.h"
#include "cts_frames.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib.h>

/* The ladder's and the reports' drawing characters (--ascii or not). */
typedef struct glyphs {
    const char *lane, *h, *right, *left, *dot, *cross, *sep, *arrow, *ell, *dash;
} glyphs;
extern const glyphs cf_glyphs_utf8, cf_glyphs_ascii;

/* cf_output.c: wire text for the text outputs: printable UTF-8 as it is,
 * '?' for control characters and invalid bytes. */
void cf_put_text(GString *s, const char *z);
/* cf_output.c: "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" (the text of the last second
 * formatted is cached). */
void cf_rfc3339(GString *s, int64_t ts);
/* cf_output.c: "HH:MM:SS.mmm" (digits 3) or "HH:MM:SS.uuuuuu", UTC. */
void cf_hms(GString *s, int64_t ts, int digits);
/* cf_output.c: a cause as JSON: null, or {"field":...,"value":...,"name":...}. */
void cf_json_cause(GString *s, const char *field, int64_t v, const char *name);
/* cf_out_csv.c: the CSV header row, once. */
void cf_csv_header(cf_out *o, const cf_engine *e);

/* cf_out_html.c: one call into the report. */
void cf_out_call_html(cf_out *o, const cf_engine *e, const cf_call *c);

/* cf_out_text.c: the ladder's words, shared by the text ladder and the
 * HTML report (one rule, one place; the public ones, which the plugin
 * shares too, are in cf_output.h: cf_party_what, cf_event_ladder,
 * cf_event_text, cf_call_ani, cf_call_dnis). */
/* A cause by its name (a number without one); a word cause with its field. */
void cf_text_cause(GString *s, const char *field, int64_t v, const char *name);
/* Is this event a release (drawn as a cross)? */
int cf_ev_is_release(uint16_t t);
/* The header lines of a call (everything before its ladder). */
void cf_call_text_header(GString *s, const cf_engine *e, const cf_call *c, int ascii);

/* A frame: "#12", or "ring-2.pcap#12" when several files are read;
 * padded with spaces to width characters. */
static inline void out_frame(GString *s, const cf_engine *e, uint64_t f, size_t width)
{
    size_t n0 = s->len;
    cts_frame_append(s, cf_engine_files(e), f);
    while (s->len - n0 < width)
        fa_c(s, ' ');
}

/* JSON, after "...frame": the frame's number in its file, and when
 * several files are read ,"<file_key>":"<its file>". */
static inline void out_frame_json(GString *s, const cf_engine *e, uint64_t f, const char *file_key)
{
    cts_frame_json(s, cf_engine_files(e), f, file_key);
}

/* Write out what is buffered. */
static inline void flush(cf_out *o)
{
    fwrite(o->s->str, 1, o->s->len, o->out);
    g_string_truncate(o->s, 0);
}

/* A JSON string, or null. */
static inline void json_str(GString *s, const char *z)
{
    if (!z)
        fa_s(s, "null");
    else
        fa_json_escape(s, z, strlen(z));
}

/* A JSON array of strings: ["a","b"]. */
static inline void json_str_list(GString *s, const char *const *a, unsigned n)
{
    fa_c(s, '[');
    for (unsigned i = 0; i < n; i++) {
        if (i)
            fa_c(s, ',');
        json_str(s, a[i]);
    }
    fa_c(s, ']');
}

/* cf_out_json.c: every id --call finds the call by, as a JSON array. */
void cf_json_known_as(GString *s, const cf_call *c);

/* Seconds with microseconds ("12.345678"); negative is 0. */
static inline void json_secs(GString *s, int64_t us)
{
    if (us < 0)
        us = 0;
    fa_uint(s, (uint64_t)(us / 1000000), 1);
    fa_c(s, '.');
    fa_uint(s, (uint64_t)(us % 1000000), 6);
}

static inline void json_time(GString *s, int64_t ts)
{
    fa_c(s, '"');
    cf_rfc3339(s, ts);
    fa_c(s, '"');
}

/* "YYYY-MM-DD", UTC. */
static inline void day(GString *s, int64_t ts)
{
    time_t t = (time_t)(ts / 1000000);
    struct tm tm;
    gmtime_r(&t, &tm);
    if (tm.tm_year + 1900 < 0) {   /* not from a capture's clock (1970-9999) */
        g_string_append_printf(s, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        return;
    }
    fa_uint(s, (uint64_t)(tm.tm_year + 1900), 4);
    fa_c(s, '-');
    fa_uint(s, (uint64_t)(tm.tm_mon + 1), 2);
    fa_c(s, '-');
    fa_uint(s, (uint64_t)tm.tm_mday, 2);
}

/* "1.234 s": seconds, rounded to the millisecond (cf_secs_text). */
static inline void secs(GString *s, int64_t us)
{
    char t[CF_SECS_TEXT];
    fa_s(s, cf_secs_text(t, sizeof t, us));
    fa_s(s, " s");
}

/* ---- facts of a call shared by the formats ---- */

/* An attached-data field of the call; NULL when absent or empty. */
static inline const char *kv(const cf_call *c, const char *key)
{
    const cf_kv_ent *k = cf_call_kv(c, CF_KV_FIELD, key);
    return k && k->value[0] ? k->value : NULL;
}

/* When the call left its queue: answered, or left otherwise; 0 when it
 * was never queued or is still queued. */
static inline int64_t call_queue_left(const cf_call *c)
{
    if (!c->t_queued)
        return 0;
    return c->t_answered && c->t_answered >= c->t_queued ? c->t_answered : c->t_queue_left;
}

/* The client address of a session ("?" when unknown). */
static inline const char *session_client(const cf_engine *e, uint32_t id)
{
    const cf_session *s = cf_engine_session_get(e, id);
    return s ? s->client_ep : "?";
}

#endif
