/* cf_engine.h - the call-flow engine: calls, agents, queues and sessions
 * rebuilt from CTI events, in one protocol-neutral vocabulary.
 *
 * A per-protocol adapter (cf_map_ccx.c for Cisco CCX; a BroadWorks CAP one
 * later) turns each decoded wire message into a cf_input: the normalized
 * event (the T-Library vocabulary of the Genesys documents: EventRinging,
 * EventEstablished, ...), the call it belongs to, ThisDN / OtherDN, the
 * cause, attached data, parties.  The engine knows nothing of any wire
 * format: it keys calls by (protocol, server, call id), merges the copies of
 * one event seen on several client connections, orders each call's events
 * by time, follows transfers and conferences, and emits a call once it has
 * ended and stayed quiet for a short grace period (or at the end of input).
 *
 * Memory grows with the calls in progress and the sessions, not with the
 * input: an emitted call is freed (its buffers are recycled).  Strings a
 * cf_input points to are only read during cf_engine_feed; what the engine
 * keeps is copied into the call's own arena.  The *_name strings of a
 * cf_input (message, cause, call type, reason) must be static: they point
 * into the protocol's tables.
 *
 * C11 + GLib; no pcap, no Wireshark, no protocol headers.
 */
#ifndef CF_ENGINE_H
#define CF_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Vocabulary                                                          */
/* ------------------------------------------------------------------ */

/* Normalized events: the T-Library names (Genesys "T-Library Call-Based
 * Events" and the CSTA connector's event table), plus the few session-level
 * kinds the engine needs.  cf_evtype_name() gives the name. */
typedef enum cf_evtype {
    CF_EV_NONE = 0,              /* not a call or agent event (session traffic) */
    CF_EV_CALL_CREATED,          /* EventCallCreated */
    CF_EV_CALL_DATA_CHANGED,     /* EventCallDataChanged */
    CF_EV_ATTACHED_DATA_CHANGED, /* EventAttachedDataChanged (a client set data) */
    CF_EV_OFF_HOOK,              /* EventOffHook */
    CF_EV_DIALING,               /* EventDialing */
    CF_EV_RINGING,               /* EventRinging */
    CF_EV_ESTABLISHED,           /* EventEstablished */
    CF_EV_HELD,                  /* EventHeld */
    CF_EV_RETRIEVED,             /* EventRetrieved */
    CF_EV_QUEUED,                /* EventQueued */
    CF_EV_DIVERTED,              /* EventDiverted */
    CF_EV_PARTY_CHANGED,         /* EventPartyChanged (transfer) */
    CF_EV_PARTY_ADDED,           /* EventPartyAdded (conference) */
    CF_EV_PARTY_DELETED,         /* EventPartyDeleted (derived: a party leaves a conference) */
    CF_EV_RELEASED,              /* EventReleased */
    CF_EV_ABANDONED,             /* EventAbandoned (derived: the caller leaves before an answer) */
    CF_EV_DESTINATION_BUSY,      /* EventDestinationBusy */
    CF_EV_CALL_DELETED,          /* EventCallDeleted */
    CF_EV_ERROR,                 /* EventError (a request failed) */
    CF_EV_AGENT_STATE,           /* EventAgentLogin / Logout / Ready / NotReady ... */
    CF_EV_LINK_CONNECTED,        /* EventLinkConnected (session opened) */
    CF_EV_LINK_DISCONNECTED,     /* EventLinkDisconnected (session closed) */
    CF_EV_COUNT
} cf_evtype;

const char *cf_evtype_name(cf_evtype t);
/* Arrow of the ladder: +1 ThisDN -> OtherDN, -1 OtherDN -> ThisDN, 0 none. */
int cf_evtype_arrow(cf_evtype t);
/* Is it an event of a call (goes on a call's timeline)? */
int cf_evtype_is_call(cf_evtype t);

/* Agent states (the states CCX Table 3 and CAP's acdState have in common). */
typedef enum cf_agent_state {
    CF_AS_UNKNOWN = 0,
    CF_AS_LOGIN,
    CF_AS_LOGOUT,
    CF_AS_NOT_READY,
    CF_AS_READY,
    CF_AS_RESERVED,
    CF_AS_TALKING,
    CF_AS_WORK,
    CF_AS_BUSY_OTHER,
    CF_AS_COUNT
} cf_agent_state;

const char *cf_agent_state_name(cf_agent_state s);   /* "not_ready" */
const char *cf_agent_state_event(cf_agent_state s);  /* "EventAgentNotReady", or NULL */

/* What a DN is. */
typedef enum cf_dev {
    CF_DEV_UNKNOWN = 0,
    CF_DEV_STATION,      /* a phone / extension */
    CF_DEV_AGENT,        /* an agent's phone */
    CF_DEV_IVR,          /* a CTI port / IVR / media server */
    CF_DEV_ROUTE_POINT,  /* a route point / trigger */
    CF_DEV_QUEUE,        /* a queue (CSQ, ACD queue) */
    CF_DEV_COUNT
} cf_dev;

const char *cf_dev_name(cf_dev d);   /* "cti-port" ... */

/* A duration as text: seconds, rounded to the nearest millisecond ("4.041"
 * for 4.040651 s); negative is 0.  Every text the engine and its printers
 * write shows a duration this way (JSON and CSV give microseconds).
 * Returns b. */
#define CF_SECS_TEXT 32
const char *cf_secs_text(char *b, size_t n, int64_t us);

/* Flags of a wire event: the engine's semantics, set by the adapter's
 * mapping table (never computed by the engine from message names). */
enum {
    CF_F_CREATE      = 1u << 0,  /* begins a call (a new call when the id's call has ended) */
    CF_F_DELETE      = 1u << 1,  /* the call is cleared: it ends */
    CF_F_ASSOC_END   = 1u << 2,  /* the server stops reporting the call: it ends too */
    CF_F_MERGE       = 1u << 3,  /* ref_call_id (the consult call) merges into call_id */
    CF_F_RENAME      = 1u << 4,  /* ref_call_id is a new id of the same call */
    CF_F_SECONDARY   = 1u << 5,  /* ref_call_id is a related id, recorded only */
    CF_F_DATA        = 1u << 6,  /* carries attached data in kv[] */
    CF_F_QUEUE_LEAVE = 1u << 7,  /* the call leaves its queue */
    CF_F_REQUEST     = 1u << 8,  /* a client request (invoke_id correlates) */
    CF_F_RESPONSE    = 1u << 9,  /* a confirmation of a request */
    CF_F_OPEN        = 1u << 10, /* the session's open request (idle_timeout, mode) */
    CF_F_OPENED      = 1u << 11, /* the open is confirmed */
    CF_F_CLOSE       = 1u << 12, /* close request / confirmation */
    CF_F_AGENT       = 1u << 13, /* an agent state event (agent_*) */
    CF_F_SYSTEM      = 1u << 14, /* a server status event */
    CF_F_HEARTBEAT   = 1u << 15, /* heartbeat request / confirmation */
    CF_F_AWAITS      = 1u << 16, /* a request that waits for a response (matched by
                                    invoke_id): none on its session is a note */
    CF_F_ANSWERED    = 1u << 17, /* with CF_F_QUEUE_LEAVE: the call left the queue
                                    answered (CAP CallAnswered: who answered is
                                    not said) */
    CF_F_QUEUED_BEFORE = 1u << 18, /* EventQueued for a call the queue already held
                                    (CAP Initial / Refresh): its wait began earlier */
};

#define CF_NO_VALUE INT64_MIN   /* a cause / code that is absent */
#define CF_NAMED_CAUSE (INT64_MIN + 1)   /* a cause known by its name only (the
                                            name is set: CAP's failureCause) */

/* ------------------------------------------------------------------ */
/* Normalized input                                                    */
/* ------------------------------------------------------------------ */

typedef struct cf_str {
    const char *p;   /* not NUL-terminated; valid during cf_engine_feed */
    uint32_t n;
} cf_str;

/* Attached data kinds. */
enum { CF_KV_FIELD, CF_KV_VAR, CF_KV_ARRAY };

typedef struct cf_kv {
    uint8_t kind;      /* CF_KV_* */
    int32_t index;     /* CF_KV_ARRAY: the element index */
    cf_str key;        /* "ANI", "CallVariable1", "BACampaign" ... */
    cf_str value;
} cf_kv;

/* A party of a transfer / conference: on which call, which DN. */
typedef struct cf_input_party {
    cf_str call_id;
    cf_str dn;
    uint8_t dev;       /* cf_dev */
} cf_input_party;

#define CF_INPUT_MAX_PARTIES 16
#define CF_INPUT_MAX_KV 512

/* Copy n bytes into w->scratch; returns them as a cf_str (empty if full). */
struct cf_input;
cf_str cf_input_scratch(struct cf_input *w, const char *s, size_t n);

typedef struct cf_input {
    /* where and when (set by the caller of the adapter) */
    uint32_t session;          /* from cf_engine_session() */
    uint64_t frame;
    int64_t ts;                /* microseconds since 1970 (UTC) */
    int from_client;           /* sent by the client side of the session */
    /* what (set by the adapter) */
    const char *msg_name;      /* static: the wire message, "CALL_DELIVERED_EVENT" */
    uint32_t msg_id;
    cf_evtype type;
    unsigned flags;            /* CF_F_* */
    uint64_t hash;             /* content hash: equal messages on two sessions are one event */
    int error;                 /* the decoder found an error-level problem */
    const char *error_text;    /* its first text (transient) */
    cf_str call_id;            /* the call (empty: none) */
    cf_str wire_call_id;       /* the call's id as the wire spells it, when call_id is
                                  made of more (CAP: "<user>/<callId>"); empty: none */
    cf_str ref_call_id;        /* merge source / new id / secondary id, per flags */
    cf_str this_dn, other_dn;
    uint8_t this_dev, other_dev;  /* cf_dev */
    int64_t cause;  const char *cause_name;    /* CF_NO_VALUE when absent */
    int64_t cause2; const char *cause2_name;   /* a second code (detailed error) */
    const char *cause_field;   /* static: the wire field of cause ("EventCause") */
    const char *cause2_field;
    int64_t call_type; const char *call_type_name;
    cf_str queue;              /* the queue (CSQ id) the event names */
    /* request / response link: a request (CF_F_REQUEST) with has_invoke is
     * remembered by invoke_id, a response (CF_F_RESPONSE) with has_invoke
     * answers it.  invoke_field names the wire field ("InvokeID"), or is
     * NULL when the adapter made the number up (CAP links documents by
     * their keys, cf_map_cap.c). */
    int has_invoke; uint32_t invoke_id;
    const char *invoke_field;  /* static */
    cf_str msg_detail;         /* what the request asks beyond its name (CAP actionType) */
    cf_str reason;             /* a failure's own words (CAP result message) */
    int same_message;          /* another event of the message before (a CAP
                                  document's next unit): not a message more */
    uint32_t idle_timeout;     /* CF_F_OPEN: seconds, 0 = unknown */
    const char *mode;          /* CF_F_OPEN: static "bridge" / "agent" / NULL */
    cf_str client_name;        /* CF_F_OPEN: the client's id */
    /* agent events */
    cf_str agent_id;
    uint8_t agent_state;       /* cf_agent_state */
    const char *agent_state_wire;  /* static: the wire's state name */
    /* parties of a transfer / conference (CF_F_MERGE) */
    unsigned n_parties;
    cf_input_party parties[CF_INPUT_MAX_PARTIES];
    /* attached data (CF_F_DATA) */
    unsigned n_kv;
    unsigned kv_dropped;
    unsigned scratch_used;
    cf_kv kv[CF_INPUT_MAX_KV];
    char scratch[1024];        /* the adapter's: ids it had to format as text */
} cf_input;

/* Clear the per-message part of w (not the arrays: only their counts). */
void cf_input_reset(cf_input *w);

/* ------------------------------------------------------------------ */
/* The model the engine builds (read-only for outputs and tests)      */
/* ------------------------------------------------------------------ */

/* Connection state of a party. */
typedef enum cf_pstate {
    CF_PS_UNKNOWN = 0,   /* named, but no event gave its connection state */
    CF_PS_DIALING,
    CF_PS_RINGING,
    CF_PS_CONNECTED,
    CF_PS_HELD,
    CF_PS_QUEUED,
    CF_PS_DIVERTED,      /* the call left this DN (dequeued, diverted) */
    CF_PS_TRANSFERRED,   /* the party transferred the call away */
    CF_PS_MOVED,         /* the party moved to the surviving call of a merge */
    CF_PS_RELEASED,
    CF_PS_FAILED,
    CF_PS_COUNT
} cf_pstate;
const char *cf_pstate_name(cf_pstate s);

/* Roles of a party in a call (bits). */
enum {
    CF_ROLE_CALLER       = 1u << 0,
    CF_ROLE_CALLED       = 1u << 1,  /* dialed */
    CF_ROLE_ANSWERER     = 1u << 2,
    CF_ROLE_QUEUE        = 1u << 3,
    CF_ROLE_TRANSFERRER  = 1u << 4,
    CF_ROLE_TRANSFER_TO  = 1u << 5,
    CF_ROLE_CONTROLLER   = 1u << 6,  /* conference controller */
    CF_ROLE_ADDED        = 1u << 7,  /* added to a conference */
    CF_ROLE_COUNT_       = 8
};
const char *cf_role_name(unsigned bit_index);

typedef struct cf_party {
    const char *dn;
    uint32_t dn_len;
    const char *agent;        /* agent logged on at this DN (resolved at emission) */
    uint8_t dev;              /* cf_dev */
    uint8_t state;            /* cf_pstate: after the last event */
    uint16_t roles;           /* CF_ROLE_* */
    int32_t first_ev, last_ev;/* indexes of the first / last event naming it */
    int32_t dialed;           /* party it dialed, -1 */
    int64_t t_ringing, t_connected, t_released;  /* first times; 0 = never */
    int64_t ring_us, held_us;
    int64_t release_cause; const char *release_cause_name;
    const char *moved_to;     /* CF_PS_MOVED: the surviving call */
} cf_party;

/* Merge roles of an event (CF_F_MERGE events are on both calls). */
enum { CF_MR_NONE = 0, CF_MR_SURVIVOR, CF_MR_MERGED };

typedef struct cf_event {
    int64_t ts;
    uint64_t frame;
    const char *msg;          /* the wire message */
    const char *cause_name;
    const char *cause_field;
    const char *note;         /* what else to know, or NULL */
    int64_t cause;            /* CF_NO_VALUE when absent */
    uint32_t session;
    uint32_t flags;           /* the wire event's CF_F_* */
    uint16_t type;            /* cf_evtype (EventReleased may become EventAbandoned
                                 or EventPartyDeleted when the call is replayed) */
    uint8_t merge_role;       /* CF_MR_* */
    uint8_t n_list;           /* parties listed by a merge */
    int16_t this_p, other_p;  /* party indexes, -1 */
    const int16_t *list;      /* n_list party indexes */
} cf_event;

typedef struct cf_kv_ent {
    uint8_t kind;             /* CF_KV_* */
    int32_t index;
    const char *key;
    const char *value;
    uint32_t key_len, value_len;
    uint64_t frame;           /* where it was last set */
} cf_kv_ent;

typedef enum cf_outcome {
    CF_OUT_OPEN = 0,      /* no end in the capture */
    CF_OUT_ANSWERED,      /* a party other than the caller (not an IVR, route point or queue) answered */
    CF_OUT_MERGED,        /* a consult call merged into another (transfer, conference) */
    CF_OUT_ABANDONED,     /* the caller left (or the call ended) while queued or ringing */
    CF_OUT_FAILED,        /* EventDestinationBusy and no answer */
    CF_OUT_NOT_ANSWERED,  /* rang, ended without an answer, not by the caller */
    CF_OUT_ENDED,         /* ended otherwise (IVR only, seen only at its end, ...) */
    CF_OUT_COUNT
} cf_outcome;
const char *cf_outcome_name(cf_outcome o);

/* How a call ended. */
typedef enum cf_endkind { CF_END_NONE = 0, CF_END_DELETED, CF_END_ASSOC, CF_END_MERGED } cf_endkind;

#define CF_MAX_IDS 8
#define CF_MAX_SESSIONS 8
#define CF_SEEN_RING 16

typedef struct cf_seen {
    uint64_t hash;
    int64_t ts;
    uint64_t sessions;        /* bit (session % 64) of each session that delivered it */
} cf_seen;

typedef struct cf_arena_chunk cf_arena_chunk;
typedef struct cf_arena {
    cf_arena_chunk *head;
    size_t total;             /* bytes of chunks held */
} cf_arena;

/* A capture gap: bytes of one direction of a session that the capture
 * lacks. */
typedef struct cf_gap {
    uint64_t frame;           /* where it became known */
    int64_t ts;
    uint64_t missing;         /* bytes */
    uint32_t session;
    int from_client;          /* the client's bytes are missing (else the server's) */
} cf_gap;

#define CF_CALL_GAPS 4        /* a call keeps the first few; n_gaps counts them all */

typedef struct cf_call cf_call;
struct cf_call {
    /* identity */
    const char *protocol;     /* static: "ccx" */
    uint32_t server;          /* cf_engine_server_name() */
    uint64_t seq;             /* creation order */
    const char *ids[CF_MAX_IDS];       /* ids[0] the call id; then new ids (renames) */
    unsigned n_ids;
    const char *secondary[4];          /* related ids (CCX SecondaryCallID, CAP extTrackingId) */
    unsigned n_secondary;
    const char *aliases[CF_MAX_IDS];   /* other ids the wire named it by (CAP: the callId
                                          without its user; CCX: a merge's PrimaryCallID
                                          when its parties were on this call) */
    unsigned n_aliases;
    const char *merged_into;           /* this consult call merged into that call */
    uint64_t merged_frame;
    const char *merged_from[8];        /* calls merged into this one */
    unsigned n_merged_from;
    /* timeline */
    cf_event *ev; uint32_t n_ev, cap_ev;
    cf_party *party; uint32_t n_party, cap_party;
    cf_kv_ent *kv; uint32_t n_kv, cap_kv;
    /* facts */
    int64_t call_type; const char *call_type_name;
    const char *queue;                 /* the queue it was put in (CSQ id) */
    uint32_t sessions[CF_MAX_SESSIONS]; unsigned n_sessions;
    uint32_t dups;                     /* copies seen on other sessions, merged */
    int begin_seen;
    const char *superseded;            /* a new call with the same id began: its first frame */
    cf_endkind end;
    int64_t t_end; uint64_t f_end;
    const char *end_msg;
    int64_t end_cause; const char *end_cause_name; const char *end_cause_field;
    int64_t t_first, t_last; uint64_t f_first, f_last;
    /* set when the call is replayed at emission */
    cf_outcome outcome;
    int caller, answerer;              /* party indexes, -1 */
    int released_by;                   /* first party (not IVR/queue) to hang up, -1 */
    int64_t release_cause; const char *release_cause_name; const char *release_cause_field;
    int64_t t_answered;
    int64_t ring_us, talk_us, held_us;
    int64_t t_queued, t_queue_left;    /* 0 = never / unknown */
    int queued_before;                 /* the queue already held it at t_queued: its
                                          waits are at least what they say */
    const char *agents[8]; unsigned n_agents;
    int stale;                         /* emitted as open after the stale limit */
    /* capture gaps on its sessions that may have taken some of its events:
     * from its first event to its end (an open call: to the end of input;
     * a call whose begin is missing: the gap before it too) */
    cf_gap gaps[CF_CALL_GAPS];
    unsigned n_gaps;
    /* engine internals */
    int64_t t_touch;                   /* engine time at the last event */
    cf_call *prev, *next;              /* live lists */
    int list;                          /* which live list */
    cf_seen seen[CF_SEEN_RING];
    unsigned seen_next;
    uint64_t seen_bits;                /* bit (hash % 64) of every hash ever in seen[] */
    cf_arena arena;
    struct cf_key *keys[CF_MAX_IDS];   /* hash keys owned by the call */
    unsigned n_keys;
    int prefetched;                    /* next to be emitted: its memory was asked for */
};

/* An agent's state change. */
typedef struct cf_agent_step {
    int64_t ts;
    uint64_t frame;
    uint8_t state;            /* cf_agent_state */
    const char *wire_state;   /* static */
    int64_t reason; const char *reason_name;
    uint32_t session;
} cf_agent_step;

typedef struct cf_agent {
    const char *protocol;
    uint32_t server;
    char *id;                 /* agent id (or "@extension" when only that is known) */
    char *ext;                /* extension, or NULL */
    uint8_t state;            /* current */
    int64_t since; uint64_t since_frame;
    int64_t t_first, t_last; uint64_t f_first, f_last;
    int64_t state_us[CF_AS_COUNT];   /* time in each state (up to the last change) */
    uint32_t n_changes;
    uint32_t n_calls;         /* calls it handled (counted at emission) */
    uint32_t dups;
    cf_agent_step *steps; uint32_t n_steps, cap_steps;  /* only with keep_agent_steps */
    cf_seen seen[CF_SEEN_RING];
    unsigned seen_next;
    uint64_t seen_bits;                /* bit (hash % 64) of every hash ever in seen[] */
} cf_agent;

typedef struct cf_queue {
    const char *protocol;
    uint32_t server;
    char *id;                 /* CSQ id */
    uint32_t queued, answered, abandoned, other, open;
    uint32_t queued_before;   /* of the queued: already in the queue when it was first
                                 seen (CAP Initial): their waits are minimums */
    int64_t wait_sum, wait_max; uint32_t n_wait;          /* every call that left the queue */
    int64_t ans_sum, ans_max;                              /* answered: queued -> answer */
    int64_t ab_sum, ab_max;                                /* abandoned: queued -> left */
    uint64_t f_first, f_last;
} cf_queue;

/* A client request waiting for its response (CF_F_AWAITS), remembered so
 * that the response or failure can name it, and so that one never answered
 * is reported. */
typedef struct cf_req {
    uint32_t invoke;
    const char *invoke_field; /* static: "InvokeID"; NULL: the adapter's own number */
    const char *msg;          /* static */
    uint64_t frame;
    int64_t ts;
    char detail[48];          /* msg_detail (CAP actionType) */
    char call_id[128];        /* the call it is about, or "" */
} cf_req;

/* Requests a session keeps waiting for a response; when more wait, the
 * oldest is reported unanswered and no longer waited for. */
#define CF_SESSION_PENDING 1024

typedef struct cf_session {
    uint32_t id;
    const char *protocol;
    uint32_t server;
    char *server_ep, *client_ep;
    char *client_name;
    const char *mode;         /* "bridge" / "agent" / NULL */
    uint32_t idle_timeout;
    uint64_t f_first, f_last; int64_t t_first, t_last;
    uint64_t f_open_req, f_open_conf, f_close_req, f_close_conf;
    const char *close_req_msg, *close_conf_msg;   /* static; NULL: none */
    int close_awaits;         /* the close request waits for a confirmation */
    int close_by_server;      /* the server asked to close (CAP unRegister) */
    uint64_t f_end; int64_t t_end;
    const char *end_how;      /* "FIN", "RST", "end of capture", ... ; NULL while open */
    int64_t t_last_client; uint64_t f_last_client;
    uint64_t n_msgs;          /* wire messages (a CAP document is one, whatever its events) */
    uint64_t n_events, n_dups;
    cf_req *pending;          /* requests waiting for a response, oldest first */
    unsigned n_pending, cap_pending;
    cf_req answered;          /* the last request answered (invoke 0, msg NULL: none) */
    uint64_t answered_by;     /* the frame of its response */
    cf_gap *gaps;             /* its capture gaps, oldest first (the last CF_SESSION_GAPS) */
    unsigned n_gaps, cap_gaps;
    uint32_t refs;            /* live calls that name it (and the event being fed); it leaves memory once ended and 0 */
    uint8_t pinned;           /* kept to the end (an event names it beyond a call's session list) */
} cf_session;

#define CF_SESSION_GAPS 4096

/* Summary categories, in print order. */
typedef enum cf_note_kind {
    CF_NOTE_OPEN_CALL,
    CF_NOTE_FAILED_CALL,
    CF_NOTE_ABANDONED_CALL,
    CF_NOTE_NOT_ANSWERED_CALL,/* rang, ended without an answer, not by the caller */
    CF_NOTE_ERROR,            /* FAILURE_CONF / CONTROL_FAILURE_CONF / FAILURE_EVENT */
    CF_NOTE_UNANSWERED,       /* a request (CF_F_AWAITS) with no response on its session */
    CF_NOTE_HEARTBEAT,        /* silence longer than the session's IdleTimeout */
    CF_NOTE_SESSION,          /* session ends: closed, reset, cut */
    CF_NOTE_SYSTEM,           /* server status events */
    CF_NOTE_GAP,              /* capture gaps */
    CF_NOTE_MALFORMED,        /* decoder errors and stream problems */
    CF_NOTE_COUNT
} cf_note_kind;
const char *cf_note_kind_title(cf_note_kind k);    /* "Calls never ended" */
const char *cf_note_kind_key(cf_note_kind k);      /* "open_calls": the summary's JSON key */
const char *cf_note_kind_name(cf_note_kind k);     /* "open_call": an item's "kind" */

/* The facts of a note, each a key of its --summary --json item (null when
 * absent): what a script reads without parsing the text. */
typedef struct cf_note_facts {
    const char *call_id;      /* the call */
    const char *message;      /* the wire message the note is about */
    const char *event;        /* its normalized event (a call's) */
    const char *dn;           /* the party it happened at */
    const char *request;      /* the request a response answers, or that went unanswered */
    uint64_t request_frame;   /* 0: none */
    int has_invoke;
    uint32_t invoke_id;       /* the request's InvokeID (CCX) */
    const char *code_field, *code_name;   int64_t code;    /* CF_NO_VALUE: none */
    const char *code2_field, *code2_name; int64_t code2;
    const char *reason;       /* a failure's own words (CAP result message) */
    int64_t duration;         /* microseconds, CF_NO_VALUE: none */
    const char *queue;
    int64_t queue_wait;       /* microseconds, CF_NO_VALUE: none */
    uint64_t first_frame, last_frame;   /* 0: none */
    uint64_t response_frame;  /* a session's close confirmation; 0: none */
    int64_t missing_bytes;    /* a capture gap; CF_NO_VALUE: none */
    const char *from;         /* "client" / "server": who sent it */
    const char *how;          /* a session's end: "FIN", "RST", "end of capture" */
    int64_t messages;         /* a session's messages; CF_NO_VALUE: none */
} cf_note_facts;

typedef struct cf_note {
    uint64_t frame;
    int64_t ts;
    uint32_t session;         /* 0 = none */
    char *client_ep, *server_ep;   /* its session's (own copies: the session may
                                      have left memory since); NULL: none */
    const char *protocol;
    char *text;
    cf_note_facts f;          /* its strings are the note's own copies */
    unsigned calls_named;     /* a capture gap's: the calls its text names */
} cf_note;

/* ------------------------------------------------------------------ */
/* The engine                                                          */
/* ------------------------------------------------------------------ */

typedef struct cf_filter {
    const char *call_id;      /* a call whose ids include it */
    const char *dn;           /* a call with this party, ANI, DNIS or dialed number */
    const char *agent;        /* a call handled by this agent; --agents: this agent */
    int64_t from, to;         /* absolute microseconds, or CF_NO_VALUE */
    int64_t from_tod, to_tod; /* HH:MM:SS (microseconds into the capture's first day), or CF_NO_VALUE */
} cf_filter;

void cf_filter_init(cf_filter *f);
/* Parse "2026-11-22T02:08:16Z", "2026-11-22T02:08:16.5+01:00" or "02:08:16" into
 * *abs or *tod (the other is set to CF_NO_VALUE).  Returns 0, -1 if not a time. */
int cf_parse_time(const char *s, int64_t *abs, int64_t *tod);

struct cts_files;   /* cts_frames.h */

typedef struct cf_options {
    int64_t grace_us;         /* an ended call is emitted after this much quiet; default 2 s */
    int64_t dedup_us;         /* copies within this window are one event; default 2 s */
    int64_t stale_us;         /* an open call quiet this long is emitted (open); default 1 h */
    int keep_agent_steps;     /* keep every agent's state changes (--agents) */
    int keep_emitted;         /* tests: keep emitted calls until cf_engine_free */
    unsigned max_notes;       /* summary items kept per category; default 200 */
    int no_event_notes;       /* leave cf_event.note NULL (an output that never
                                 shows events: the CDR rows of --calls --csv) */
    const struct cts_files *files;  /* several input files: frames (ids,
                                 cts_frames.h) are named with their file;
                                 NULL: one file, frames are numbers */
} cf_options;

void cf_options_default(cf_options *o);

typedef struct cf_engine cf_engine;
typedef void (*cf_call_cb)(void *ctx, const cf_engine *e, const cf_call *c);

cf_engine *cf_engine_new(const cf_options *o, const cf_filter *filter, cf_call_cb on_call, void *ctx);
/* The input files its options name (NULL: one file). */
const struct cts_files *cf_engine_files(const cf_engine *e);
void cf_engine_free(cf_engine *e);

/* A new session (one client connection to one server).  protocol is
 * static ("ccx"); server and client are endpoint names ("10.0.0.1:42027").
 * Returns its id (>= 1). */
uint32_t cf_engine_session(cf_engine *e, const char *protocol, const char *server,
                           const char *client, uint64_t frame, int64_t ts);
/* One normalized wire event. */
void cf_engine_feed(cf_engine *e, const cf_input *w);
/* Stream problems of a session: bytes that are not messages, a message cut
 * by the end of the stream (error severity: malformed), a retransmission
 * that differs ... in the bytes the client (from_client) or the server
 * sent; only those with error set are noted. */
void cf_engine_problem(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, int error,
                       int from_client, const char *text);
/* A capture gap: missing bytes in one direction of a session. */
void cf_engine_gap(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, uint64_t missing,
                   int from_client);
/* The session's connection ends ("FIN", "RST", "end of capture", ...). */
void cf_engine_session_end(cf_engine *e, uint32_t session, const char *how, uint64_t frame,
                           int64_t ts);
/* End of input: every call still in memory is emitted (open ones as open),
 * in the order they started. */
void cf_engine_finish(cf_engine *e);

/* ---- reading the results ---- */
const char *cf_engine_server_name(const cf_engine *e, uint32_t server);
/* A session by id: NULL when unknown, or ended and no longer named by a
 * live call (it has left memory; its notes were written when it ended). */
const cf_session *cf_engine_session_get(const cf_engine *e, uint32_t id);
/* Sessions ever opened. */
unsigned cf_engine_n_sessions(const cf_engine *e);
/* Sessions in memory right now (tests, memory checks). */
unsigned cf_engine_live_sessions(const cf_engine *e);
/* Agents and queues, sorted (server, id). */
const cf_agent *const *cf_engine_agents(const cf_engine *e, unsigned *n);
const cf_queue *const *cf_engine_queues(const cf_engine *e, unsigned *n);
/* Summary notes of a category (sorted by frame) and how many there were
 * in all (more than returned when max_notes was reached). */
const cf_note *cf_engine_notes(const cf_engine *e, cf_note_kind k, unsigned *n, uint64_t *total);
/* Counts of emitted (selected) calls per outcome. */
uint64_t cf_engine_outcome_count(const cf_engine *e, cf_outcome o);
int64_t cf_engine_first_ts(const cf_engine *e);
int64_t cf_engine_last_ts(const cf_engine *e);
uint64_t cf_engine_n_messages(const cf_engine *e);  /* wire messages (CAP: documents) fed */
uint64_t cf_engine_n_events(const cf_engine *e);    /* wire events fed (a CAP document may be several) */
uint64_t cf_engine_n_dups(const cf_engine *e);      /* of which merged as copies */
/* Events added to calls so far (a message that changes it has its text in
 * the --html report's messages). */
uint64_t cf_engine_n_call_events(const cf_engine *e);
const cf_filter *cf_engine_filter(const cf_engine *e);
/* Live calls right now (tests, memory checks). */
size_t cf_engine_live_calls(const cf_engine *e);
/* keep_emitted: the emitted calls, in emission order. */
const cf_call *const *cf_engine_emitted(const cf_engine *e, unsigned *n);

/* Convenience for outputs and tests. */
const cf_kv_ent *cf_call_kv(const cf_call *c, int kind, const char *key);
int cf_call_party(const cf_call *c, const char *dn);    /* index or -1 */
/* Was the call known by this id on the wire: one of its ids, secondary ids
 * or aliases (what --call matches)? */
int cf_call_has_id(const cf_call *c, const char *id);
/* The ids cf_call_has_id matches, each once, in that order (--calls --json
 * "known_as"): fn(ctx, id) for each. */
void cf_call_known_as(const cf_call *c, void (*fn)(void *ctx, const char *id), void *ctx);
/* Does the agent pass the filter's --agent / time range? */
int cf_filter_agent(const cf_engine *e, const cf_agent *a);
/* Does [a, b] meet the filter's time range (always, without one)? */
int cf_engine_time_selected(const cf_engine *e, int64_t a, int64_t b);

/* Content hash of a wire message (cf_input.hash), for the adapters. */
uint64_t cf_hash_bytes(const uint8_t *p, size_t n);
/* The same hash of bytes followed by zeros up to the next multiple of 8
 * (a message copied into a batch): reads those zeros, faster. */
uint64_t cf_hash_padded(const uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
