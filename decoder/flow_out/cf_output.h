/* cf_output.h - printers of the call-flow engine's results.
 *
 *   calls   text: one block per call, a header and a ladder (one column per
 *           party, one row per event); JSON Lines: one object per call;
 *           CSV: one row per call (RFC 4180, CRLF, a header row).
 *   agents  state timelines with durations and reason codes.
 *   queues  per queue (CSQ): queued, answered, abandoned, wait times.
 *   html    the one-file report: calls, ladders, agents, queues, summary
 *           (cf_out_html.c).
 *   summary the triage list: open, failed, abandoned calls, failed
 *           requests, heartbeat gaps, sessions, capture gaps, malformed.
 * Each of agents / queues / summary prints in text or JSON.
 */
#ifndef CF_OUTPUT_H
#define CF_OUTPUT_H

#include <stdio.h>
#include <glib.h>
#include "cf_engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cf_fmt { CF_FMT_TEXT, CF_FMT_JSON, CF_FMT_CSV, CF_FMT_HTML } cf_fmt;

typedef struct cf_out {
    FILE *out;
    cf_fmt fmt;
    int ascii;           /* ASCII only (--ascii) */
    GString *s;
    int csv_header_done;
    int html_begun;      /* HTML: the page up to its data block is written */
    GString *html_list;  /* HTML: the calls' rows, written after their details */
    uint64_t n_calls;
} cf_out;

cf_out *cf_out_new(FILE *out, cf_fmt fmt, int ascii);
void cf_out_free(cf_out *o);

/* A cf_call_cb: print one emitted call. */
void cf_out_call(void *o, const cf_engine *e, const cf_call *c);
/* After the last call (CSV: the header row when there was no call; text:
 * a line when there was none). */
void cf_out_calls_end(cf_out *o, const cf_engine *e);
/* HTML (--html): the rest of the report after the last call (agents,
 * queues, summary, the page's script); cf_out_call writes the calls. */
void cf_out_html_end(cf_out *o, const cf_engine *e);
void cf_out_agents(cf_out *o, const cf_engine *e);
void cf_out_queues(cf_out *o, const cf_engine *e);
void cf_out_summary(cf_out *o, const cf_engine *e);

/* The CSV columns, in order, with what each holds (README documents them). */
typedef struct cf_csv_col {
    const char *name;
    const char *what;
} cf_csv_col;
extern const cf_csv_col cf_csv_columns[];
extern const size_t cf_csv_n_columns;
/* Is column i there only when several files are read (first_file, last_file)? */
int cf_csv_column_several_files(size_t i);

/* Text/JSON building blocks (also used by tests). */
void cf_call_json(GString *s, const cf_engine *e, const cf_call *c);
void cf_call_text(GString *s, const cf_engine *e, const cf_call *c, int ascii);
void cf_call_csv(GString *s, const cf_engine *e, const cf_call *c);

#ifdef __cplusplus
}
#endif
#endif
