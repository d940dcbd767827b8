/* pipeline.h - decode and print on the second core.
 *
 * The main thread reads the capture, reassembles TCP and frames messages;
 * it hands each framed message (its bytes and where it came from) to this
 * pipeline, whose thread decodes and prints them in the same order.  The
 * hand-over is batched (a few hundred messages per lock) and bounded (a
 * fixed number of batches in flight), so memory stays constant.
 */
#ifndef CTS_PIPELINE_H
#define CTS_PIPELINE_H

#include <stdint.h>
#include "output.h"

typedef struct cts_pipe cts_pipe;

/* What the output thread decoded itself (messages handed over already
 * decoded are counted by the caller). */
typedef struct cts_pipe_counts {
    uint64_t ccx_msgs, cap_docs, with_diags;
} cts_pipe_counts;

cts_pipe *cts_pipe_new(cts_printer *pr);
/* A CCX message; version as for ccx_decode. */
void cts_pipe_ccx(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *msg, size_t len,
                  unsigned version);
/* A CCX message already decoded (m->buf still valid during the call). */
void cts_pipe_ccx_decoded(cts_pipe *p, const cts_item_ctx *ic, const ccx_msg *m);
/* A CAP (or OCI) document. */
void cts_pipe_cap(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *doc, size_t len);
/* A stream problem. */
void cts_pipe_problem(cts_pipe *p, const cts_item_ctx *ic, ccx_severity sev, uint64_t off,
                      const char *text);
/* Wait until everything is printed, free the pipeline, return its counts. */
cts_pipe_counts cts_pipe_finish(cts_pipe *p);

#endif
