/* cf_map_cap.h - the BroadWorks CAP adapter of the call-flow engine.
 *
 * One table (cf_map_cap.c, cf_cap_map[]) says, per commandType and
 * condition (the value of an item with a CAP role - callUpdate state,
 * personality, releaseCause, queue updateReason, conferenceState, acdState
 * ... - and what the adapter remembers of the call: first update, held
 * before, a pending XferConsult / Xfer / Dial), which normalized event it
 * is, where ThisDN and OtherDN come from and the engine flags.  A walker
 * fills one cf_input per matching row and per "unit" of the document (each
 * <call> of a callUpdate, each <queueCall> of a queueUpdate, each <user>
 * otherwise) and hands it to a callback.  README.md shows the same table
 * (cf_cap_map_markdown; test_flow_map checks they agree).
 *
 * Call identity: BroadWorks call ids are the user's view of a call, so a
 * call is "<user>/<callId>" (user: the <user> id, else its userUid);
 * extTrackingId is recorded as a secondary id.
 */
#ifndef CF_MAP_CAP_H
#define CF_MAP_CAP_H

#include "cf_engine.h"
#include "cap_decode.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Conditions on what the adapter remembers (per session, user and call). */
typedef enum cf_cap_when {
    CF_CAP_W_ANY = 0,
    CF_CAP_W_FIRST,        /* the first update of this call id */
    CF_CAP_W_DIAL,         /* first update, and a callAction Dial to its remote number is pending */
    CF_CAP_W_PREV_HELD,    /* the call was held (state 3) */
    CF_CAP_W_PREV_RHELD,   /* the call was remote held (state 4) */
    CF_CAP_W_NOT_ANSWERED, /* the call never was active */
    CF_CAP_W_XFER,         /* a pending XferConsult names this call and another */
    CF_CAP_W_BLIND,        /* a pending Xfer names this call and a number */
    CF_CAP_W_LIVE,         /* the user has a call that is not released */
    CF_CAP_W_CONF_NEW,     /* the conference was not active or held before */
    CF_CAP_W_CONF_HELD,    /* the conference was held */
    CF_CAP_W_COUNT
} cf_cap_when;

/* Where a DN comes from. */
typedef enum cf_cap_dn {
    CF_CAP_DN_NONE = 0,
    CF_CAP_DN_USER,        /* the <user> (id, else userUid) */
    CF_CAP_DN_REMOTE,      /* remoteNumber (or the last one seen for the call) */
    CF_CAP_DN_CONSULT,     /* the remote number of the merged (consult) call */
    CF_CAP_DN_NUMBER,      /* the Number of the pending Xfer */
    CF_CAP_DN_QUEUE,       /* the call center (the <user> of a queueUpdate) */
    CF_CAP_DN_COUNT
} cf_cap_dn;

typedef struct cf_cap_row {
    const char *command;  /* commandType; NULL: any */
    unsigned role;        /* CAP_ROLE_* of the item tested, 0: none */
    const char *value;    /* its value; "*": any value present */
    unsigned role2;       /* a second test, 0: none */
    const char *value2;
    uint8_t when;         /* cf_cap_when */
    uint8_t group;        /* 1: only the first matching row of group 1 applies */
    cf_evtype ev;
    uint8_t this_dn, other_dn;   /* cf_cap_dn */
    unsigned cause_role;  /* CAP_ROLE_* of the cause, 0 */
    unsigned flags;       /* CF_F_* */
    const char *label;    /* static: the wire message shown ("callUpdate 2 active") */
} cf_cap_row;

extern const cf_cap_row cf_cap_map[];
extern const size_t cf_cap_map_len;

/* What the adapter remembers between documents (call states, pending
 * actions, conferences), keyed by session, user and call id.  Entries go
 * when a call is released or detached; memory follows the live calls. */
typedef struct cf_cap_ctx cf_cap_ctx;
cf_cap_ctx *cf_cap_ctx_new(void);
void cf_cap_ctx_free(cf_cap_ctx *x);
/* The connection of a session has ended: forget what was kept for it
 * (its users' and calls' state, its documents waiting for a response). */
void cf_cap_session_end(cf_cap_ctx *x, uint32_t session);
/* What is kept right now (tests, memory checks): entries, and sessions
 * with documents waiting for a response. */
unsigned cf_cap_ctx_entries(const cf_cap_ctx *x);

typedef void (*cf_cap_emit)(void *ud, cf_input *w);

/* Fill w from m, once per event, calling emit(ud, w) for each.  The caller
 * sets w->session, frame, ts and from_client first: they are kept.  A
 * document that maps to no event is still handed over once (CF_EV_NONE:
 * session traffic).  Strings point into m, x, the tables or w->scratch,
 * valid during emit.  Returns the number of wires emitted. */
unsigned cf_cap_fill(cf_cap_ctx *x, const cap_msg *m, cf_input *w, cf_cap_emit emit, void *ud);

/* The mapping as Markdown (rows, agent states), exactly as README.md shows
 * it.  g_free the result. */
char *cf_cap_map_markdown(void);

#ifdef __cplusplus
}
#endif
#endif
