/* pipeline.h - the second core: per-message output, or the call-flow
 * engine.
 *
 * The main thread reads the capture, reassembles TCP, frames and (mostly)
 * decodes messages; it hands each message, with where it came from, to this
 * pipeline, whose thread prints it (cts_pipe_new) or feeds it to the
 * call-flow engine (cts_pipe_new_flow) in the same order.  The hand-over is
 * batched (a few hundred messages per lock) and bounded (a fixed number of
 * batches in flight), so memory stays constant.
 */
#ifndef CTS_PIPELINE_H
#define CTS_PIPELINE_H

#include <stdint.h>
#include "printer.h"

struct cf_engine;
typedef struct cts_pipe cts_pipe;

/* Messages decoded, per protocol, and how many of them have a diagnostic
 * worse than a note (--stats).  The pipeline counts what its thread
 * decoded; messages handed over already decoded are counted by the caller,
 * with the same helpers. */
typedef struct cts_pipe_counts {
    uint64_t ccx_msgs, ccx_diags;   /* CCX messages */
    uint64_t cap_docs, cap_diags;   /* BroadWorks CAP documents */
    uint64_t oci_docs, oci_diags;   /* BroadWorks OCI documents (labelled, not decoded) */
} cts_pipe_counts;

static inline void cts_count_ccx(cts_pipe_counts *c, int with_diag)
{
    c->ccx_msgs++;
    c->ccx_diags += with_diag != 0;
}

static inline void cts_count_cap(cts_pipe_counts *c, const cap_msg *m)
{
    int d = m->max_sev_plus1 > CAP_SEV_NOTE + 1;
    if (m->proto == CAP_DOC_OCI) {
        c->oci_docs++;
        c->oci_diags += d;
    } else {
        c->cap_docs++;
        c->cap_diags += d;
    }
}

static inline void cts_counts_add(cts_pipe_counts *to, const cts_pipe_counts *c)
{
    to->ccx_msgs += c->ccx_msgs;
    to->ccx_diags += c->ccx_diags;
    to->cap_docs += c->cap_docs;
    to->cap_diags += c->cap_diags;
    to->oci_docs += c->oci_docs;
    to->oci_diags += c->oci_diags;
}

cts_pipe *cts_pipe_new(cts_printer *pr);
/* A CCX message; version as for ccx_decode. */
void cts_pipe_ccx(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *msg, size_t len,
                  unsigned version);
/* A CCX message already decoded (m->buf still valid during the call). */
void cts_pipe_ccx_decoded(cts_pipe *p, const cts_item_ctx *ic, const ccx_msg *m);
/* A CAP (or OCI) document.  It is decoded here when the pipeline's thread
 * is behind (a full batch waits for it), else there; see cts_pipe_cap_side. */
void cts_pipe_cap(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *doc, size_t len);
/* Where CAP documents are decoded (cts_pipe_cap, cts_pipe_flow_cap): as
 * the load says (the default), always on the calling thread, always on the
 * pipeline's.  The output is the same; tests check it. */
typedef enum cts_cap_side { CTS_CAP_BY_LOAD, CTS_CAP_HERE, CTS_CAP_THERE } cts_cap_side;
void cts_pipe_cap_side(cts_pipe *p, cts_cap_side side);
/* A stream problem. */
void cts_pipe_problem(cts_pipe *p, const cts_item_ctx *ic, ccx_severity sev, const char *text);
/* Call flows: the engine is only touched by the pipeline's thread from now
 * until cts_pipe_finish returns.  Each call below is one engine call made
 * there, in order (see cf_engine.h); CCX messages go decoded, CAP
 * documents as bytes (decoded and mapped there, cf_map_cap.h). */
cts_pipe *cts_pipe_new_flow(struct cf_engine *engine);
/* cf_engine_session; returns the id the engine will give it. */
uint32_t cts_pipe_flow_session(cts_pipe *p, const char *protocol, const char *server,
                               const char *client, uint64_t frame, int64_t ts);
/* The CCX message msg (len bytes, read during the call only) decoded with
 * keep, then cf_ccx_fill + cf_engine_feed.  Here it is decoded to its
 * compact form (ccx_decode_compact; a message with a problem goes through
 * ccx_decode_some into full, the caller's scratch, and ccx_compact) and
 * its content hash is taken; there cf_ccx_fill_picked reads it in the
 * batch.  Returns 1 when the message has a diagnostic worse than a note. */
int cts_pipe_flow_ccx(cts_pipe *p, uint32_t session, int from_client, uint64_t frame, int64_t ts,
                      const uint8_t *msg, size_t len, unsigned version, const ccx_field_filter *keep,
                      ccx_msg *full);
/* cap_decode + cf_cap_fill + cf_engine_feed (cap_decode on either side, as
 * for cts_pipe_cap). */
void cts_pipe_flow_cap(cts_pipe *p, uint32_t session, int from_client, uint64_t frame,
                       int64_t ts, const uint8_t *doc, size_t len);
void cts_pipe_flow_problem(cts_pipe *p, uint32_t session, uint64_t frame, int64_t ts, int error,
                           int from_client, const char *text);
void cts_pipe_flow_gap(cts_pipe *p, uint32_t session, uint64_t frame, int64_t ts,
                       uint64_t missing, int from_client);
void cts_pipe_flow_end(cts_pipe *p, uint32_t session, const char *how, uint64_t frame, int64_t ts);
/* --html: from now on, each message that gives the calls an event is also
 * printed as the text output prints it (decoder/print, the same printer),
 * and fn gets its frame, text (len bytes, valid during the call) and the
 * number of call events it gave (cf_engine_n_call_events), on the
 * pipeline's thread, before any call it belongs to is emitted.  Call
 * before the first message. */
typedef void (*cts_flow_text_fn)(void *ud, uint64_t frame, const char *text, size_t len,
                                 unsigned uses);
void cts_pipe_flow_texts(cts_pipe *p, cts_flow_text_fn fn, void *ud);

/* Hand what has been queued so far to the other thread now, not when a
 * batch is full (a live feed: the output thread prints it at once). */
void cts_pipe_push(cts_pipe *p);

/* Wait until everything is printed (or fed), free the pipeline, return its
 * counts. */
cts_pipe_counts cts_pipe_finish(cts_pipe *p);

#endif
