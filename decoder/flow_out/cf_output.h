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
    int flush_each;      /* write each call as it is printed (a live feed) */
    size_t cols;         /* ladders fit this many columns (--width, the terminal); 0: no limit */
    int color;           /* --color: event names in colour */
    /* a live capture's counters (pcap_stats), for the summary */
    const char *live_iface;   /* NULL: read from files */
    uint64_t live_received, live_dropped, live_if_dropped;
    GString *s;
    int csv_header_done;
    int html_begun;      /* HTML: the page up to its data block is written */
    GString *html_list;  /* HTML: the calls' rows, written after their details */
    GHashTable *html_msgs;   /* HTML: frame -> the text of its messages (cf_out_html_msg),
                                until the calls of all its events are written */
    size_t html_msg_bytes;   /* message text taken in so far (at most CF_HTML_MSG_BUDGET) */
    uint64_t html_msgs_left_out;   /* messages not kept once the budget was used */
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
/* HTML: the text output of a message that gave the calls `uses` events (a
 * cts_flow_text_fn, pipeline.h), kept until the calls of those events are
 * written: each call shows the messages of its events' frames, the first
 * CF_HTML_CALL_MSGS of them.  At most CF_HTML_MSG_BUDGET bytes of message
 * text are taken in for the whole report (which bounds its size and the
 * memory); a call says how many of its messages are left out and how to
 * see them. */
#define CF_HTML_CALL_MSGS 100
#define CF_HTML_MSG_BUDGET ((size_t)32 << 20)
void cf_out_html_msg(void *o, uint64_t frame, const char *text, size_t len, unsigned uses);
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

/* The ANI and DNIS a call's header shows: its attached ANI, else the
 * caller's DN; its DNIS, else DialedNumber, the DN the caller dialed, the
 * first party that rang (NULL: none). */
const char *cf_call_ani(const cf_call *c);
const char *cf_call_dnis(const cf_call *c);

/* The ladder's words, which the Wireshark plugin's call ladder uses too
 * (one column per DN, one arrow per event):
 * what a party is, as the "is" row says: the agent logged on at its DN,
 * else queue, cti-port, route-point, agent-dev or phone, else "". */
const char *cf_party_what(const cf_party *p);

/* Where an event goes on the ladder: an arrow from party *from to party
 * *to (ThisDN and OtherDN, the way cf_evtype_arrow points), a mark on
 * party *from (= *to: the event names ThisDN only), or nowhere (it names
 * no party: *from = *to = -1). */
typedef enum cf_ladder_kind { CF_LADDER_NONE, CF_LADDER_MARK, CF_LADDER_ARROW } cf_ladder_kind;
cf_ladder_kind cf_event_ladder(const cf_event *v, int *from, int *to);

/* An event as a ladder row ends it: "EventRinging (CALL_DELIVERED_EVENT)";
 * with CF_EVTEXT_CAUSE its cause, with CF_EVTEXT_NOTE its note too:
 * "EventRinging (CALL_DELIVERED_EVENT, CEC_NEW_CALL): secondary call
 * 16777508". */
enum { CF_EVTEXT_CAUSE = 1, CF_EVTEXT_NOTE = 2 };
void cf_event_text(GString *s, const cf_event *v, unsigned what);

/* Text/JSON building blocks (also used by tests). */
void cf_call_json(GString *s, const cf_engine *e, const cf_call *c);
void cf_call_text(GString *s, const cf_engine *e, const cf_call *c, int ascii);
/* The CSV header row (CRLF-terminated): the file columns only when the
 * engine reads several files. */
void cf_csv_header_row(GString *s, const cf_engine *e);
/* The same fitted to cols columns (0: no limit): the party columns narrow,
 * names and the event text wrap; color: the event names in SGR colours. */
void cf_call_text_fit(GString *s, const cf_engine *e, const cf_call *c, int ascii, size_t cols,
                      int color);
void cf_call_csv(GString *s, const cf_engine *e, const cf_call *c);

#ifdef __cplusplus
}
#endif
#endif
