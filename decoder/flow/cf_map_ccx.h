/* cf_map_ccx.h - the Cisco Unified CCX CTI adapter of the call-flow engine.
 *
 * One table (cf_map_ccx.c, cf_ccx_map[]) says, per CCX message, which
 * normalized event it is, which field names the call, which fields give
 * ThisDN and OtherDN (the first one present and not empty), which field is
 * the cause, and the engine flags (begins the call, ends it, merges ...).
 * A generic walker fills a cf_input from a decoded ccx_msg with it: no
 * message is handled by code of its own.  README.md shows the same table
 * (cf_ccx_map_markdown; test_flow_map checks they agree).
 */
#ifndef CF_MAP_CCX_H
#define CF_MAP_CCX_H

#include "cf_engine.h"
#include "ccx_decode.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cf_ccx_row {
    uint32_t msg;         /* MessageTypeID: CCXM_<NAME> (ccx_messages.def) */
    cf_evtype ev;
    int call;             /* CCXF_* naming the call, -1 */
    int ref;              /* CCXF_* naming the other call (merge / new id / secondary), -1 */
    int this_dn[3];       /* ThisDN: the first of these present, not empty, -1 ends */
    int other_dn[3];      /* OtherDN: the first present, not empty, not ThisDN */
    int cause;            /* CCXF_* of the cause, -1, or CF_CCX_FAILURE */
    int cause2;           /* a second code, -1 */
    unsigned flags;       /* CF_F_* */
} cf_ccx_row;

/* cause of a failure message's row: the fields the decoder says carry its
 * failure (ccx_msg_failure: code, and detail as the second code). */
#define CF_CCX_FAILURE (-2)

extern const cf_ccx_row cf_ccx_map[];
extern const size_t cf_ccx_map_len;

/* The cause fields of a row, CF_CCX_FAILURE resolved (-1: none). */
void cf_ccx_row_causes(const cf_ccx_row *r, int *cause, int *cause2);

/* The row of a message type, or NULL (the message is then session traffic:
 * a request or a response by its table kind, nothing else). */
const cf_ccx_row *cf_ccx_row_for(uint32_t msg_id);


/* A decoded message as the adapter reads it. */
typedef struct cf_ccx_msg {
    const ccx_msg_def *def;    /* NULL for reserved/unknown types */
    uint32_t type_id;
    uint32_t len;
    const uint8_t *buf;        /* the message, header included */
    uint64_t hash;             /* cf_hash_bytes(buf, len) */
    int error;                 /* the decoder found an error-level problem */
    const char *error_text;    /* its first text, or NULL */
    unsigned n_fields;
    const ccx_field_value *fields;  /* its compact form (ccx_compact) */
} cf_ccx_msg;

/* Fill w from m.  Resets w first; the caller sets w->session, frame, ts
 * and from_client afterwards.  Strings point into m's buffer, the tables
 * or w->scratch. */
void cf_ccx_fill_picked(cf_input *w, const cf_ccx_msg *m);

/* ccx_compact, then cf_ccx_fill_picked. */
void cf_ccx_fill(cf_input *w, const ccx_msg *m);

/* The fields cf_ccx_fill looks at: used[CCXF_*] is 1 for each.  A message
 * given to cf_ccx_fill (or a compact form given to cf_ccx_fill_picked) may
 * leave out the others and the invalid ones: a ccx_field_filter made of this list
 * is what the call-flow pipeline decodes with. */
const uint8_t *cf_ccx_used_fields(void);

/* The mapping as Markdown (three tables: messages, agent states, device
 * types), exactly as README.md shows it.  g_free the result. */
char *cf_ccx_map_markdown(void);

#ifdef __cplusplus
}
#endif
#endif
