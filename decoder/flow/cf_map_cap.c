/* cf_map_cap.c - BroadWorks CAP -> the call-flow engine's vocabulary.
 *
 * The mapping is data: cf_cap_map[] (rows: commandType + condition ->
 * event), the acdState and unit tables below.  cf_cap_fill() cuts a decoded
 * document into units (each <call> of a callUpdate, each <queueCall> of a
 * queueUpdate, each <user> otherwise), tries every row on each unit, and
 * fills a cf_input per matching row.  What it remembers between documents
 * (a call's last state, its remote number, a pending Dial / XferConsult /
 * Xfer, the user's conference) is what the "when" conditions read.
 *
 * Choices the rows encode (README.md, "Call flows", explains them):
 *  - A call is "<user>/<callId>": BroadWorks call ids are one user's view
 *    (an attendant console's update of a user it monitors: that user's).
 *    The first update of a call id begins it (EventCallCreated);
 *    extTrackingId is recorded as a secondary id.
 *  - callUpdate state: 1 alerting / 7 client alerting -> EventRinging,
 *    2 active -> EventEstablished (EventRetrieved after 3 held / 4 remote
 *    held), 3 held -> EventHeld at the user, 4 remote held -> EventHeld at
 *    the remote, 5 released -> EventReleased (releaseCause) then
 *    EventCallDeleted (the user's call is over), 6 detached -> the user
 *    left a call that goes on: EventPartyChanged (a pending XferConsult
 *    merges its consult call into the first call; a pending Xfer names the
 *    number), then EventCallDeleted "ends (if not yet)".  An update that
 *    repeats the state (and personality) it had adds no state event.
 *  - personality 1 (Originator): the alerting and the answer are the
 *    remote's (ThisDN the remote number); 0 (BroadWorks Originator, the
 *    click-to-dial leg) and 2 (Terminator): the user's.
 *  - callAction Dial is remembered: the first update of a call to that
 *    number adds EventDialing (user -> number).
 *  - sessionUpdate offHook True -> EventOffHook on the user's last live call;
 *    conference Active (first) -> EventPartyAdded merging every further
 *    callIn into the first; Held / Active again -> EventHeld / EventRetrieved
 *    on that call.
 *  - queueUpdate (the call center's view; ThisDN the call center, a queue):
 *    CallAdded (Initial / Refresh for a call not seen yet, which was queued
 *    before: its waits are at least what they say) -> EventQueued;
 *    CallAnswered / CallTransferred / QueueTimeout / QueueOverflow ->
 *    EventDiverted leaving the queue (CallAnswered: answered, by an agent
 *    the queue does not name); CallAbandoned -> EventAbandoned.
 *  - profileUpdate acdState -> the agent's state (agent id: the user).
 *  - releaseCause 3 (Busy) on a call never active -> EventDestinationBusy.
 */
#include "cf_map_cap.h"
#include "cap_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#define R(x) CAP_ROLE_##x
#define W(x) CF_CAP_W_##x
#define D(x) CF_CAP_DN_##x

const cf_cap_row cf_cap_map[] = {
    /* session */
    { "registerRequest", 0, NULL, 0, NULL, 0, 0, CF_EV_NONE, D(USER), 0, 0, CF_F_REQUEST | CF_F_OPEN,
      "registerRequest" },
    { "registerResponse", R(FAILURE), "*", 0, NULL, 0, 1, CF_EV_ERROR, D(USER), 0, R(FAILURE),
      CF_F_RESPONSE, NULL },
    { "registerResponse", 0, NULL, 0, NULL, 0, 1, CF_EV_LINK_CONNECTED, D(USER), 0, 0,
      CF_F_RESPONSE | CF_F_OPENED, "registerResponse" },
    { "unRegister", 0, NULL, 0, NULL, 0, 0, CF_EV_NONE, D(USER), 0, 0, CF_F_REQUEST | CF_F_CLOSE,
      "unRegister" },
    { "serverStatusRequest", 0, NULL, 0, NULL, 0, 0, CF_EV_NONE, 0, 0, 0, CF_F_HEARTBEAT,
      "serverStatusRequest" },
    { NULL, R(FAILURE), "*", 0, NULL, 0, 1, CF_EV_ERROR, D(USER), 0, R(FAILURE), CF_F_RESPONSE, NULL },
    { NULL, R(RESULT), "False", 0, NULL, 0, 1, CF_EV_ERROR, D(USER), 0, R(RESULT), CF_F_RESPONSE, NULL },
    /* calls: one unit per <call> */
    { "callUpdate", 0, NULL, 0, NULL, W(FIRST), 0, CF_EV_CALL_CREATED, D(USER), D(REMOTE), 0,
      CF_F_CREATE | CF_F_SECONDARY, "callUpdate (first of the callId)" },
    { "callUpdate", 0, NULL, 0, NULL, W(DIAL), 0, CF_EV_DIALING, D(USER), D(REMOTE), 0, 0,
      "callAction Dial" },
    { "callUpdate", R(STATE), "1", R(PERSONALITY), "1", 0, 1, CF_EV_RINGING, D(REMOTE), D(USER), 0, 0,
      "callUpdate 1 alerting" },
    { "callUpdate", R(STATE), "1", 0, NULL, 0, 1, CF_EV_RINGING, D(USER), D(REMOTE), 0, 0,
      "callUpdate 1 alerting" },
    { "callUpdate", R(STATE), "7", 0, NULL, 0, 1, CF_EV_RINGING, D(USER), D(REMOTE), 0, 0,
      "callUpdate 7 client alerting" },
    { "callUpdate", R(STATE), "2", 0, NULL, W(PREV_HELD), 1, CF_EV_RETRIEVED, D(USER), D(REMOTE), 0, 0,
      "callUpdate 2 active" },
    { "callUpdate", R(STATE), "2", 0, NULL, W(PREV_RHELD), 1, CF_EV_RETRIEVED, D(REMOTE), D(USER), 0, 0,
      "callUpdate 2 active" },
    { "callUpdate", R(STATE), "2", R(PERSONALITY), "1", 0, 1, CF_EV_ESTABLISHED, D(REMOTE), D(USER), 0, 0,
      "callUpdate 2 active" },
    { "callUpdate", R(STATE), "2", 0, NULL, 0, 1, CF_EV_ESTABLISHED, D(USER), D(REMOTE), 0, 0,
      "callUpdate 2 active" },
    { "callUpdate", R(STATE), "3", 0, NULL, 0, 1, CF_EV_HELD, D(USER), D(REMOTE), 0, 0,
      "callUpdate 3 held" },
    { "callUpdate", R(STATE), "4", 0, NULL, 0, 1, CF_EV_HELD, D(REMOTE), D(USER), 0, 0,
      "callUpdate 4 remote held" },
    { "callUpdate", R(STATE), "5", R(RELEASE_CAUSE), "3", W(NOT_ANSWERED), 1, CF_EV_DESTINATION_BUSY,
      D(REMOTE), D(USER), R(RELEASE_CAUSE), 0, "callUpdate 5 released" },
    { "callUpdate", R(STATE), "5", 0, NULL, 0, 1, CF_EV_RELEASED, D(USER), D(REMOTE), R(RELEASE_CAUSE), 0,
      "callUpdate 5 released" },
    { "callUpdate", R(STATE), "5", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0, CF_F_DELETE,
      "callUpdate 5 released" },
    { "callUpdate", R(STATE), "6", 0, NULL, W(XFER), 1, CF_EV_PARTY_CHANGED, D(USER), D(CONSULT), 0,
      CF_F_MERGE, "callUpdate 6 detached (XferConsult)" },
    { "callUpdate", R(STATE), "6", 0, NULL, W(BLIND), 1, CF_EV_PARTY_CHANGED, D(USER), D(NUMBER), 0, 0,
      "callUpdate 6 detached (Xfer)" },
    { "callUpdate", R(STATE), "6", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0, CF_F_ASSOC_END,
      "callUpdate 6 detached" },
    /* the user's session: one unit per <user> */
    { "sessionUpdate", R(OFF_HOOK), "True", 0, NULL, W(LIVE), 0, CF_EV_OFF_HOOK, D(USER), 0, 0, 0,
      "sessionUpdate offHook True" },
    { "sessionUpdate", R(CONFERENCE_STATE), "Active", 0, NULL, W(CONF_NEW), 1, CF_EV_PARTY_ADDED,
      D(USER), D(CONSULT), 0, CF_F_MERGE, "sessionUpdate conference Active" },
    { "sessionUpdate", R(CONFERENCE_STATE), "Active", 0, NULL, W(CONF_HELD), 1, CF_EV_RETRIEVED,
      D(USER), 0, 0, 0, "sessionUpdate conference Active" },
    { "sessionUpdate", R(CONFERENCE_STATE), "Held", 0, NULL, 0, 1, CF_EV_HELD, D(USER), 0, 0, 0,
      "sessionUpdate conference Held" },
    { "callAction", 0, NULL, 0, NULL, 0, 0, CF_EV_NONE, D(USER), 0, 0, CF_F_REQUEST, "callAction" },
    { "callActionResponse", 0, NULL, 0, NULL, 0, 1, CF_EV_NONE, D(USER), 0, 0, CF_F_RESPONSE,
      "callActionResponse" },
    /* agents */
    { "profileUpdate", R(ACD_STATE), "*", 0, NULL, 0, 0, CF_EV_AGENT_STATE, D(USER), 0, 0, CF_F_AGENT,
      "profileUpdate acdState" },
    /* queues: one unit per <queueCall>; the call center is the queue */
    { "queueUpdate", R(QUEUE_REASON), "CallAdded", 0, NULL, W(FIRST), 0, CF_EV_CALL_CREATED, D(QUEUE),
      D(REMOTE), 0, CF_F_CREATE, "queueUpdate CallAdded" },
    { "queueUpdate", R(QUEUE_REASON), "Initial", 0, NULL, W(FIRST), 0, CF_EV_CALL_CREATED, D(QUEUE),
      D(REMOTE), 0, CF_F_CREATE, "queueUpdate Initial" },
    { "queueUpdate", R(QUEUE_REASON), "Refresh", 0, NULL, W(FIRST), 0, CF_EV_CALL_CREATED, D(QUEUE),
      D(REMOTE), 0, CF_F_CREATE, "queueUpdate Refresh" },
    { "queueUpdate", R(QUEUE_REASON), "CallAdded", 0, NULL, 0, 1, CF_EV_QUEUED, D(QUEUE), D(REMOTE), 0, 0,
      "queueUpdate CallAdded" },
    { "queueUpdate", R(QUEUE_REASON), "Initial", 0, NULL, W(FIRST), 1, CF_EV_QUEUED, D(QUEUE), D(REMOTE),
      0, CF_F_QUEUED_BEFORE, "queueUpdate Initial" },
    { "queueUpdate", R(QUEUE_REASON), "Refresh", 0, NULL, W(FIRST), 1, CF_EV_QUEUED, D(QUEUE), D(REMOTE),
      0, CF_F_QUEUED_BEFORE, "queueUpdate Refresh" },
    { "queueUpdate", R(QUEUE_REASON), "CallAnswered", 0, NULL, 0, 1, CF_EV_DIVERTED, D(QUEUE), D(REMOTE),
      0, CF_F_QUEUE_LEAVE | CF_F_ANSWERED, "queueUpdate CallAnswered" },
    { "queueUpdate", R(QUEUE_REASON), "CallTransferred", 0, NULL, 0, 1, CF_EV_DIVERTED, D(QUEUE),
      D(REMOTE), 0, CF_F_QUEUE_LEAVE, "queueUpdate CallTransferred" },
    { "queueUpdate", R(QUEUE_REASON), "QueueTimeout", 0, NULL, 0, 1, CF_EV_DIVERTED, D(QUEUE), D(REMOTE),
      0, CF_F_QUEUE_LEAVE, "queueUpdate QueueTimeout" },
    { "queueUpdate", R(QUEUE_REASON), "QueueOverflow", 0, NULL, 0, 1, CF_EV_DIVERTED, D(QUEUE), D(REMOTE),
      0, CF_F_QUEUE_LEAVE, "queueUpdate QueueOverflow" },
    { "queueUpdate", R(QUEUE_REASON), "CallAbandoned", 0, NULL, 0, 1, CF_EV_ABANDONED, D(REMOTE), D(QUEUE),
      0, CF_F_QUEUE_LEAVE, "queueUpdate CallAbandoned" },
    { "queueUpdate", R(QUEUE_REASON), "CallAnswered", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0,
      CF_F_ASSOC_END, "queueUpdate CallAnswered" },
    { "queueUpdate", R(QUEUE_REASON), "CallTransferred", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0,
      CF_F_ASSOC_END, "queueUpdate CallTransferred" },
    { "queueUpdate", R(QUEUE_REASON), "QueueTimeout", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0,
      CF_F_ASSOC_END, "queueUpdate QueueTimeout" },
    { "queueUpdate", R(QUEUE_REASON), "QueueOverflow", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0,
      CF_F_ASSOC_END, "queueUpdate QueueOverflow" },
    { "queueUpdate", R(QUEUE_REASON), "CallAbandoned", 0, NULL, 0, 0, CF_EV_CALL_DELETED, 0, 0, 0,
      CF_F_DELETE, "queueUpdate CallAbandoned" },
};
const size_t cf_cap_map_len = sizeof cf_cap_map / sizeof cf_cap_map[0];

/* Each row's command as its table entry (NULL: no command, or one the
 * tables do not know), so that a document's command is matched against
 * the rows by pointer: a strcmp per row and document was 2% of --calls. */
static const cap_command *row_command[sizeof cf_cap_map / sizeof cf_cap_map[0]];

static void row_commands_init(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        for (size_t i = 0; i < cf_cap_map_len; i++)
            row_command[i] = cf_cap_map[i].command ? cap_command_by_name(cf_cap_map[i].command) : NULL;
        g_once_init_leave(&done, 1);
    }
}

/* Is the row for the document's command (m->command, or its commandType
 * cmd when the tables do not know it)? */
static inline int row_for(size_t ri, const cap_msg *m, const char *cmd)
{
    const cf_cap_row *r = &cf_cap_map[ri];
    if (!r->command)
        return 1;
    if (!cmd)
        return 0;
    if (m->command && row_command[ri])
        return m->command == row_command[ri];
    return strcmp(r->command, cmd) == 0;
}

/* acdState (6.9.1) -> engine agent state. */
static const struct { const char *v; uint8_t s; } acd_states[] = {
    { "Sign-in", CF_AS_LOGIN },       { "Sign-out", CF_AS_LOGOUT }, { "Available", CF_AS_READY },
    { "Unavailable", CF_AS_NOT_READY }, { "Wrap-up", CF_AS_WORK },  { "WrapUp", CF_AS_WORK },
};

/* The unit element of a command (others: each <user>). */
static const struct { const char *cmd, *unit; } units[] = {
    { "callUpdate", "call" },
    { "queueUpdate", "queueCall" },
};

/* callAction actionTypes the adapter remembers. */
enum { A_NONE, A_DIAL, A_XFER_CONSULT, A_XFER };
static const struct { const char *type; int what; } actions[] = {
    { "Dial", A_DIAL }, { "XferConsult", A_XFER_CONSULT }, { "Xfer", A_XFER },
};

/* ---- what the adapter remembers ---- */

typedef struct ent {
    int state;            /* call: last callUpdate state, -1 none */
    int personality;      /* and personality, -1 none */
    int answered;
    int merged;           /* merged into another call (transfer, conference): no more events */
    char *remote;
    /* user */
    char *dial;           /* pending Dial number */
    char *xa, *xb;        /* pending XferConsult call ids */
    char *bcall, *bnum;   /* pending Xfer call id and number */
    char *conf_call;      /* the conference's surviving call id */
    int conf;             /* 0 none, 1 active, 2 held */
    char *last_call;      /* last live call id */
} ent;

#define CTX_MAX_ENTRIES 100000

/* A document waiting for its response (cap_link.h), per session. */
typedef struct link_wait {
    const cap_command *expect;
    int from_client;
    int tracked;          /* handed to the engine as a request that waits (CF_F_AWAITS) */
    uint32_t id;          /* the invoke id the engine knows it by */
    cap_link_keys keys;   /* owned copies */
} link_wait;

#define LINK_MAX_WAITING 256   /* per session, as the plugin's: the oldest goes first */

struct cf_cap_ctx {
    GHashTable *t;
    GHashTable *waiting;  /* session -> GQueue of link_wait, oldest first */
    uint32_t next_id;
};

static void link_wait_free(gpointer p)
{
    link_wait *l = p;
    g_free((gpointer)l->keys.user_id);
    g_free((gpointer)l->keys.user_uid);
    g_free((gpointer)l->keys.corr);
    g_free((gpointer)l->keys.action);
    g_free(l);
}

static void waiting_free(gpointer p)
{
    g_queue_free_full(p, link_wait_free);
}

static void ent_free(gpointer p)
{
    ent *e = p;
    g_free(e->remote);
    g_free(e->dial);
    g_free(e->xa);
    g_free(e->xb);
    g_free(e->bcall);
    g_free(e->bnum);
    g_free(e->conf_call);
    g_free(e->last_call);
    g_free(e);
}

cf_cap_ctx *cf_cap_ctx_new(void)
{
    cf_cap_ctx *x = g_new0(cf_cap_ctx, 1);
    x->t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, ent_free);
    x->waiting = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, waiting_free);
    return x;
}

void cf_cap_ctx_free(cf_cap_ctx *x)
{
    if (!x)
        return;
    g_hash_table_destroy(x->t);
    g_hash_table_destroy(x->waiting);
    g_free(x);
}

/* The session's keys: "U" and "C", then "\x1f<session>\x1f". */
static gboolean key_of_session(gpointer key, gpointer value, gpointer tag)
{
    (void)value;
    const char *k = key;
    return (k[0] == 'U' || k[0] == 'C') && g_str_has_prefix(k + 1, tag);
}

void cf_cap_session_end(cf_cap_ctx *x, uint32_t session)
{
    if (!x)
        return;
    /* its documents waiting for a response: none can come any more */
    g_hash_table_remove(x->waiting, GUINT_TO_POINTER(session));
    if (!g_hash_table_size(x->t))
        return;
    char tag[16];
    snprintf(tag, sizeof tag, "\x1f%u\x1f", session);
    g_hash_table_foreach_remove(x->t, key_of_session, tag);
}

unsigned cf_cap_ctx_entries(const cf_cap_ctx *x)
{
    return g_hash_table_size(x->t) + g_hash_table_size(x->waiting);
}

/* "<kind>\x1f<session>\x1f<user>[\x1f<call>]", allocated: built by hand,
 * as g_strdup_printf cost 1,400 instructions a key (3% of --calls --csv on
 * CAP). */
static char *make_key(char kind, uint32_t session, const char *user, const char *call)
{
    char num[12];
    size_t nn = 0;
    do
        num[sizeof num - ++nn] = (char)('0' + session % 10);
    while ((session /= 10) && nn < sizeof num);
    size_t ul = strlen(user), cl = call ? strlen(call) : 0;
    char *k = g_malloc(2 + nn + 1 + ul + (call ? 1 + cl : 0) + 1), *p = k;
    *p++ = kind;
    *p++ = '\x1f';
    memcpy(p, num + sizeof num - nn, nn);
    p += nn;
    *p++ = '\x1f';
    memcpy(p, user, ul);
    p += ul;
    if (call) {
        *p++ = '\x1f';
        memcpy(p, call, cl);
        p += cl;
    }
    *p = '\0';
    return k;
}

static char *call_key(uint32_t session, const char *user, const char *call)
{
    return make_key('C', session, user, call);
}

static ent *ent_get(cf_cap_ctx *x, char *key, int create)
{
    ent *e = g_hash_table_lookup(x->t, key);
    if (e || !create) {
        g_free(key);
        return e;
    }
    e = g_new0(ent, 1);
    e->state = -1;
    e->personality = -1;
    g_hash_table_insert(x->t, key, e);
    return e;
}

static void set_str(char **dst, const char *s)
{
    if (*dst && s && strcmp(*dst, s) == 0)
        return;
    g_free(*dst);
    *dst = s ? g_strdup(s) : NULL;
}

/* ---- the document ---- */

static int elem_is(const cap_item *it, const char *name)
{
    return it->kind == CAP_ITEM_ELEMENT && it->elem && strcmp(it->elem->name, name) == 0;
}

static int subtree_end(const cap_msg *m, int u)
{
    int i = u + 1;
    while (i < (int)m->n_items && m->items[i].depth > m->items[u].depth)
        i++;
    return i;
}

static int has_value(const cap_item *it)
{
    return it->value != NULL && (it->kind == CAP_ITEM_ATTRIBUTE || it->kind == CAP_ITEM_ELEMENT);
}

/* The first item with role in u's subtree, else among the attributes of
 * u's ancestors (queue updateReason for a queueCall). */
static const cap_item *unit_item(const cap_msg *m, int u, unsigned role)
{
    if (u < 0)
        return NULL;
    int end = subtree_end(m, u);
    for (int i = u + 1; i < end; i++)
        if ((cap_item_roles(&m->items[i]) & role) && has_value(&m->items[i]))
            return &m->items[i];
    for (int p = m->items[u].parent; p >= 0; p = m->items[p].parent)
        for (int i = p + 1; i < (int)m->n_items && m->items[i].kind == CAP_ITEM_ATTRIBUTE; i++)
            if ((cap_item_roles(&m->items[i]) & role) && has_value(&m->items[i]))
                return &m->items[i];
    return NULL;
}

static const char *unit_value(const cap_msg *m, int u, unsigned role)
{
    const cap_item *it = unit_item(m, u, role);
    return it ? it->value : NULL;
}

/* A direct child or attribute of p with role. */
static const char *child_value(const cap_msg *m, int p, unsigned role)
{
    int end = subtree_end(m, p);
    for (int i = p + 1; i < end; i++)
        if (m->items[i].parent == p && (cap_item_roles(&m->items[i]) & role) && has_value(&m->items[i]) &&
            m->items[i].value[0])
            return m->items[i].value;
    return NULL;
}

/* The user a unit belongs to: the user a <user> monitors, when it is an
 * attendant console's view of another user's calls (monitoredUserId, else
 * monitoredUserUid); else the <user>'s id, else its userUid. */
static const char *user_id(const cap_msg *m, int p)
{
    static const unsigned roles[] = { CAP_ROLE_MONITORED_USER_ID, CAP_ROLE_MONITORED_USER_UID,
                                      CAP_ROLE_USER_ID, CAP_ROLE_USER_UID };
    for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
        const char *v = child_value(m, p, roles[i]);
        if (v)
            return v;
    }
    return NULL;
}

/* The user a unit belongs to: the nearest enclosing <user>'s id, else its
 * userUid; a queueCall (beside its <user>): the document's first <user>. */
static const char *unit_user(const cap_msg *m, int u)
{
    for (int p = u; p >= 0; p = m->items[p].parent) {
        const char *v;
        if (elem_is(&m->items[p], "user") && (v = user_id(m, p)) != NULL)
            return v;
    }
    for (unsigned i = 0; i < m->n_items; i++) {
        const char *v;
        if (elem_is(&m->items[i], "user") && (v = user_id(m, (int)i)) != NULL)
            return v;
    }
    return NULL;
}

static void mark_merged(cf_cap_ctx *x, uint32_t session, const char *user, const char *call)
{
    ent *e = call ? ent_get(x, call_key(session, user, call), 0) : NULL;
    if (e)
        e->merged = 1;
}

static int value_matches(const cap_msg *m, int u, unsigned role, const char *want)
{
    if (!role)
        return 1;
    const char *v = unit_value(m, u, role);
    if (!v)
        return 0;
    return strcmp(want, "*") == 0 || strcmp(v, want) == 0;
}


static cf_str cs(const char *s)
{
    return (cf_str){ s, s ? (uint32_t)strlen(s) : 0 };
}

static cf_str call_str(cf_input *w, const char *user, const char *call)
{
    if (!call || !*call)
        return (cf_str){ NULL, 0 };
    char b[512];
    int n = snprintf(b, sizeof b, "%s/%s", user ? user : "", call);
    if (n < 0 || n >= (int)sizeof b)
        n = (int)sizeof b - 1;
    return cf_input_scratch(w, b, (size_t)n);
}

static const char *remote_of(cf_cap_ctx *x, uint32_t session, const char *user, const char *call)
{
    if (!call)
        return NULL;
    ent *e = ent_get(x, call_key(session, user, call), 0);
    return e ? e->remote : NULL;
}

static void add_party(cf_input *w, cf_str call, const char *dn, uint8_t dev)
{
    if (!dn || !*dn || w->n_parties >= CF_INPUT_MAX_PARTIES)
        return;
    w->parties[w->n_parties].call_id = call;
    w->parties[w->n_parties].dn = cs(dn);
    w->parties[w->n_parties].dev = dev;
    w->n_parties++;
}

typedef struct walkctx {
    cf_cap_ctx *x;
    const cap_msg *m;
    cf_input *w;
    cf_cap_emit emit;
    void *ud;
    uint32_t session;
    uint64_t frame;
    int64_t ts;
    int from_client;
    uint64_t hash;
    unsigned n;
    uint32_t req_id;        /* a request the engine waits an answer for (CF_F_AWAITS), 0 */
    uint32_t rsp_id;        /* the request it answers, 0 */
    const char *detail;     /* the request's actionType */
} walkctx;

static void begin_wire(walkctx *k)
{
    cf_input *w = k->w;
    cf_input_reset(w);
    w->session = k->session;
    w->frame = k->frame;
    w->ts = k->ts;
    w->from_client = k->from_client;
    if (k->n == 0 && k->m->max_sev_plus1 == CAP_SEV_ERROR + 1) {
        w->error = 1;
        for (unsigned i = 0; i < k->m->n_diags; i++)
            if (k->m->diags[i].sev == CAP_SEV_ERROR) {
                w->error_text = k->m->diags[i].text;
                break;
            }
        if (!w->error_text && k->m->xml_error)
            w->error_text = k->m->xml_error_text;
    }
}

static void send_wire(walkctx *k, size_t row, int unit, unsigned extra)
{
    cf_input *w = k->w;
    w->same_message = k->n > 0;
    if (k->req_id) {
        w->flags |= CF_F_REQUEST | CF_F_AWAITS;
        w->has_invoke = 1;
        w->invoke_id = k->req_id;
        w->msg_detail = cs(k->detail);
    } else if (k->rsp_id) {
        w->flags |= CF_F_RESPONSE;
        w->has_invoke = 1;
        w->invoke_id = k->rsp_id;
    }
    k->w->hash = k->hash ^ ((uint64_t)(row + 1) * 0x9E3779B97F4A7C15ull) ^
                 ((uint64_t)(unit + 2) * 0xC2B2AE3D27D4EB4Full) ^ ((uint64_t)extra << 48);
    k->emit(k->ud, k->w);
    k->n++;
}

/* The remote party as a call unit describes it, attached to the call's
 * events as data (the CAP counterpart of CCX's ANI and DNIS): the
 * remoteNumber, remoteName, remoteTelUri and remoteCountryCode elements
 * that are present and not empty. */
static void attach_remote(walkctx *k, int u)
{
    static const char *const names[] = { "remoteNumber", "remoteName", "remoteTelUri",
                                         "remoteCountryCode" };
    const cap_msg *m = k->m;
    cf_input *w = k->w;
    int end = subtree_end(m, u);
    for (int i = u + 1; i < end; i++) {
        const cap_item *it = &m->items[i];
        if (it->parent != u || it->kind != CAP_ITEM_ELEMENT || !it->elem || !it->value ||
            !*it->value)
            continue;
        for (size_t j = 0; j < G_N_ELEMENTS(names); j++) {
            if (strcmp(it->elem->name, names[j]) != 0)
                continue;
            if (w->n_kv >= CF_INPUT_MAX_KV) {
                w->kv_dropped++;
                break;
            }
            cf_kv *kv = &w->kv[w->n_kv++];
            kv->kind = CF_KV_FIELD;
            kv->index = 0;
            kv->key = cs(names[j]);
            kv->value = cs(it->value);
            w->flags |= CF_F_DATA;
            break;
        }
    }
}

static const char *dn_of(walkctx *k, uint8_t how, const char *user, const char *remote, const char *consult,
                         const char *number, uint8_t *dev)
{
    *dev = CF_DEV_UNKNOWN;
    switch (how) {
    case CF_CAP_DN_USER:
        *dev = CF_DEV_STATION;
        return user;
    case CF_CAP_DN_REMOTE:
        return remote;
    case CF_CAP_DN_CONSULT:
        return consult;
    case CF_CAP_DN_NUMBER:
        return number;
    case CF_CAP_DN_QUEUE:
        *dev = CF_DEV_QUEUE;
        return user;
    default:
        (void)k;
        return NULL;
    }
}

static void set_dns(walkctx *k, const cf_cap_row *r, const char *user, const char *remote,
                    const char *consult, const char *number)
{
    cf_input *w = k->w;
    uint8_t d;
    const char *t = dn_of(k, r->this_dn, user, remote, consult, number, &d);
    w->this_dn = cs(t);
    w->this_dev = d;
    const char *o = dn_of(k, r->other_dn, user, remote, consult, number, &d);
    if (o && t && strcmp(o, t) == 0)
        o = NULL;
    w->other_dn = cs(o);
    w->other_dev = o ? d : CF_DEV_UNKNOWN;
}

static void set_cause(walkctx *k, const cf_cap_row *r, int u)
{
    if (!r->cause_role)
        return;
    /* the first item with the role and a value (a <failure> element is
     * empty, its failureCause attribute says why) */
    const cap_item *it = NULL;
    int end_u = u >= 0 ? subtree_end(k->m, u) : u;
    for (int i = u + 1; i < end_u && !it; i++)
        if ((cap_item_roles(&k->m->items[i]) & r->cause_role) && has_value(&k->m->items[i]) &&
            *k->m->items[i].value)
            it = &k->m->items[i];
    if (!it)
        it = unit_item(k->m, u, r->cause_role);   /* an attribute of an ancestor */
    if (!it || !it->value || !*it->value)
        return;
    char *end;
    long long v = strtoll(it->value, &end, 10);
    if (*end) {
        /* a cause that is a word (failureCause="UnauthorizedAttendantConsole"):
         * kept by name when the tables know it (names must be static) */
        if (!it->enum_val)
            return;
        v = CF_NAMED_CAUSE;
    }
    k->w->cause = v;
    k->w->cause_name = it->enum_val ? it->enum_val->name : NULL;
    k->w->cause_field = it->attr ? it->attr->name : it->elem ? it->elem->name : NULL;
    /* a result says why in its <message> (callActionResponse: "Invalid
     * disposition code") */
    if (it->kind == CAP_ITEM_ATTRIBUTE && (cap_item_roles(it) & CAP_ROLE_RESULT) && it->parent >= 0) {
        int p = it->parent, end = subtree_end(k->m, p);
        for (int i = p + 1; i < end; i++)
            if (k->m->items[i].parent == p && elem_is(&k->m->items[i], "message") &&
                has_value(&k->m->items[i]) && *k->m->items[i].value) {
                k->w->reason = cs(k->m->items[i].value);
                break;
            }
    }
}

/* A callAction unit's actionParams: its Number, and its first two CallIds
 * (returns how many). */
static int action_params(const cap_msg *m, int u, const char **num, const char *ids[2])
{
    int end = subtree_end(m, u), nids = 0;
    for (int i = u + 1; i < end; i++) {
        const cap_item *it = &m->items[i];
        if (!(cap_item_roles(it) & CAP_ROLE_ACTION_PARAM_NAME) || !it->value)
            continue;
        const cap_item *pe = &m->items[it->parent];
        if (!pe->value)
            continue;
        if (strcmp(it->value, "Number") == 0)
            *num = pe->value;
        else if (strcmp(it->value, "CallId") == 0 && nids < 2)
            ids[nids++] = pe->value;
    }
    return nids;
}

/* One unit: every row that matches. */
static void walk_unit(walkctx *k, int u, int call_unit, const char *unit_name)
{
    const cap_msg *m = k->m;
    cf_cap_ctx *x = k->x;
    const char *cmd = m->command ? m->command->name : m->command_type;
    const char *user = unit_user(m, u);
    const char *ukey_user = user ? user : "";
    ent *ue = ent_get(x, make_key('U', k->session, ukey_user, NULL), 1);
    const char *callid = call_unit ? unit_value(m, u, CAP_ROLE_CALL_ID) : NULL;
    /* the call a callAction is about (its request's failure goes on it) */
    const char *action_call = NULL;
    if (!call_unit && cmd && strcmp(cmd, "callAction") == 0) {
        const char *num = NULL, *ids[2] = { NULL, NULL };
        if (action_params(m, u, &num, ids))
            action_call = ids[0];
    }
    ent *ce = callid ? ent_get(x, call_key(k->session, ukey_user, callid), 0) : NULL;
    const char *remote = call_unit ? unit_value(m, u, CAP_ROLE_REMOTE_NUMBER) : NULL;
    if ((!remote || !*remote) && ce)
        remote = ce->remote;
    const char *st = call_unit ? unit_value(m, u, CAP_ROLE_STATE) : NULL;
    int state = st && *st ? atoi(st) : -1;
    int prev = ce ? ce->state : -1;
    const char *pe = call_unit ? unit_value(m, u, CAP_ROLE_PERSONALITY) : NULL;
    int pers = pe && *pe ? atoi(pe) : -1;
    int same = state == prev && (pers < 0 || !ce || pers == ce->personality);
    int queue_unit = call_unit && strcmp(unit_name, "queueCall") == 0;
    int group_done = 0, dial_used = 0, xfer_used = 0, blind_used = 0;

    row_commands_init();
    for (size_t ri = 0; ri < cf_cap_map_len; ri++) {
        const cf_cap_row *r = &cf_cap_map[ri];
        if (!row_for(ri, m, cmd))
            continue;
        if (r->group == 1 && group_done)
            continue;
        if (r->role && !value_matches(m, u, r->role, r->value))
            continue;
        if (r->role2 && !value_matches(m, u, r->role2, r->value2))
            continue;
        if ((r->role == CAP_ROLE_STATE || r->role2 == CAP_ROLE_STATE) && same)
            continue;   /* state and personality did not change: no state event */
        const char *consult = NULL, *number = NULL;
        const char *survivor = NULL, *merged = NULL;
        const char *the_call = callid;
        switch (r->when) {
        case CF_CAP_W_FIRST:
            if (!callid || ce)
                continue;
            break;
        case CF_CAP_W_DIAL:
            if (!callid || ce || !ue->dial || !remote || strcmp(ue->dial, remote) != 0)
                continue;
            dial_used = 1;
            break;
        case CF_CAP_W_PREV_HELD:
            if (prev != 3)
                continue;
            break;
        case CF_CAP_W_PREV_RHELD:
            if (prev != 4)
                continue;
            break;
        case CF_CAP_W_NOT_ANSWERED:
            if (ce && ce->answered)
                continue;
            break;
        case CF_CAP_W_XFER:
            if (!callid || !ue->xa || !ue->xb ||
                (strcmp(ue->xa, callid) != 0 && strcmp(ue->xb, callid) != 0))
                continue;
            survivor = ue->xa;
            merged = ue->xb;
            consult = remote_of(x, k->session, ukey_user, merged);
            xfer_used = 1;
            break;
        case CF_CAP_W_BLIND:
            if (!callid || !ue->bcall || strcmp(ue->bcall, callid) != 0)
                continue;
            number = ue->bnum;
            blind_used = 1;
            break;
        case CF_CAP_W_LIVE:
            if (!ue->last_call)
                continue;
            the_call = ue->last_call;
            break;
        case CF_CAP_W_CONF_NEW:
            if (ue->conf != 0)
                continue;
            break;
        case CF_CAP_W_CONF_HELD:
            if (ue->conf != 2)
                continue;
            break;
        default:
            break;
        }
        if (r->role == CAP_ROLE_CONFERENCE_STATE)
            the_call = ue->conf_call;
        if (r->group == 1)
            group_done = 1;
        if (r->role == CAP_ROLE_CONFERENCE_STATE && (r->flags & CF_F_MERGE)) {
            /* every further callIn merges into the first */
            int end = subtree_end(m, u);
            const char *first = NULL;
            unsigned extra = 0;
            for (int i = u + 1; i < end; i++) {
                const cap_item *it = &m->items[i];
                if (!(cap_item_roles(it) & CAP_ROLE_CALL_ID) || !has_value(it) || !*it->value)
                    continue;
                if (!first) {
                    first = it->value;
                    continue;
                }
                begin_wire(k);
                cf_input *w = k->w;
                w->msg_name = r->label;
                w->type = r->ev;
                w->flags = r->flags;
                w->call_id = call_str(w, ukey_user, first);
                w->ref_call_id = call_str(w, ukey_user, it->value);
                const char *sr = remote_of(x, k->session, ukey_user, first);
                const char *mr = remote_of(x, k->session, ukey_user, it->value);
                set_dns(k, r, user, NULL, mr, NULL);
                add_party(w, w->call_id, user, CF_DEV_STATION);
                add_party(w, w->call_id, sr, CF_DEV_UNKNOWN);
                add_party(w, w->call_id, mr, CF_DEV_UNKNOWN);
                send_wire(k, ri, u, ++extra);
                mark_merged(x, k->session, ukey_user, it->value);
            }
            if (first)
                set_str(&ue->conf_call, first);
            continue;
        }
        if (cf_evtype_is_call(r->ev) && (!the_call || (ce && ce->merged)))
            continue;   /* no call, or a call merged away: its own updates add nothing */
        begin_wire(k);
        cf_input *w = k->w;
        w->msg_name = r->label ? r->label : m->command ? m->command->name : "CAP document";
        w->type = r->ev;
        w->flags = r->flags;
        if (cf_evtype_is_call(r->ev)) {
            w->call_id = call_str(w, ukey_user, survivor ? survivor : the_call);
            w->wire_call_id = cs(survivor ? survivor : the_call);   /* what --call finds it by too */
        }
        else if (r->flags & CF_F_REQUEST)
            w->call_id = call_str(w, ukey_user, the_call ? the_call : action_call);
        if (merged)
            w->ref_call_id = call_str(w, ukey_user, merged);
        else if (r->flags & CF_F_SECONDARY)
            w->ref_call_id = cs(unit_value(m, u, CAP_ROLE_EXT_TRACKING_ID));
        set_dns(k, r, user, remote, consult, number);
        if (merged) {
            add_party(w, w->call_id, remote_of(x, k->session, ukey_user, survivor), CF_DEV_UNKNOWN);
            add_party(w, w->call_id, consult, CF_DEV_UNKNOWN);
        }
        set_cause(k, r, u);
        if (queue_unit || r->this_dn == CF_CAP_DN_QUEUE || r->other_dn == CF_CAP_DN_QUEUE)
            w->queue = cs(user);
        if (call_unit && !queue_unit) {
            const cap_item *ct = unit_item(m, u, CAP_ROLE_CALL_TYPE);
            if (ct && ct->value && *ct->value) {
                w->call_type = atoi(ct->value);
                w->call_type_name = ct->enum_val ? ct->enum_val->name : NULL;
            }
        }
        if (call_unit && cf_evtype_is_call(r->ev))
            attach_remote(k, u);
        if (r->flags & CF_F_OPEN)
            w->client_name = cs(user);
        if (r->flags & CF_F_AGENT) {
            w->agent_id = cs(user);
            const cap_item *a = unit_item(m, u, CAP_ROLE_ACD_STATE);
            if (a) {
                w->agent_state_wire = a->enum_val ? a->enum_val->name : "acdState";
                for (size_t j = 0; j < G_N_ELEMENTS(acd_states); j++)
                    if (strcmp(acd_states[j].v, a->value) == 0)
                        w->agent_state = acd_states[j].s;
            }
        }
        send_wire(k, ri, u, 0);
        if (merged)
            mark_merged(x, k->session, ukey_user, merged);
    }

    /* remember */
    if (dial_used)
        set_str(&ue->dial, NULL);
    if (xfer_used) {
        set_str(&ue->xa, NULL);
        set_str(&ue->xb, NULL);
    }
    if (blind_used) {
        set_str(&ue->bcall, NULL);
        set_str(&ue->bnum, NULL);
    }
    if (call_unit && callid) {
        char *key = call_key(k->session, ukey_user, callid);
        int gone = queue_unit ? value_matches(m, u, CAP_ROLE_QUEUE_REASON, "CallAnswered") ||
                                    value_matches(m, u, CAP_ROLE_QUEUE_REASON, "CallTransferred") ||
                                    value_matches(m, u, CAP_ROLE_QUEUE_REASON, "CallAbandoned") ||
                                    value_matches(m, u, CAP_ROLE_QUEUE_REASON, "QueueTimeout") ||
                                    value_matches(m, u, CAP_ROLE_QUEUE_REASON, "QueueOverflow")
                              : state == 5 || state == 6;
        if (gone) {
            g_hash_table_remove(x->t, key);
            g_free(key);
            if (ue->last_call && strcmp(ue->last_call, callid) == 0)
                set_str(&ue->last_call, NULL);
        } else {
            ent *e = ent_get(x, key, 1);
            if (state >= 0)
                e->state = state;
            else if (e->state < 0)
                e->state = 0;
            if (pers >= 0)
                e->personality = pers;
            if (state == 2)
                e->answered = 1;
            if (remote && *remote && remote != e->remote)
                set_str(&e->remote, remote);
            if (!queue_unit)
                set_str(&ue->last_call, callid);
        }
    } else if (!call_unit) {
        const char *at = unit_value(m, u, CAP_ROLE_ACTION_TYPE);
        if (cmd && strcmp(cmd, "callAction") == 0 && at) {
            int what = A_NONE;
            for (size_t j = 0; j < G_N_ELEMENTS(actions); j++)
                if (strcmp(actions[j].type, at) == 0)
                    what = actions[j].what;
            const char *ids[2] = { NULL, NULL }, *num = NULL;
            int nids = action_params(m, u, &num, ids);
            if (what == A_DIAL && num)
                set_str(&ue->dial, num);
            if (what == A_XFER_CONSULT && nids == 2) {
                set_str(&ue->xa, ids[0]);
                set_str(&ue->xb, ids[1]);
            }
            if (what == A_XFER && num) {
                set_str(&ue->bcall, nids ? ids[0] : ue->last_call);
                set_str(&ue->bnum, num);
            }
        }
        const char *cst = unit_value(m, u, CAP_ROLE_CONFERENCE_STATE);
        if (cst) {
            if (strcmp(cst, "Active") == 0)
                ue->conf = 1;
            else if (strcmp(cst, "Held") == 0)
                ue->conf = 2;
            else {
                ue->conf = 0;
                set_str(&ue->conf_call, NULL);
            }
        }
    }
}

/* The document's place in a request/response exchange (cap_link.h): the
 * request it answers, and whether it waits for a response itself.  A
 * request of the client's that waits (the plugin flags the same ones when
 * none comes) is handed to the engine with a number of the adapter's
 * making; its response carries that number. */
static void link_document(cf_cap_ctx *x, const cap_msg *m, walkctx *k)
{
    const cap_command *cmd = m->command;
    if (!cmd || m->proto == CAP_DOC_OCI)
        return;
    cap_link_keys keys;
    cap_link_keys_of(m, &keys);
    k->detail = keys.action;
    GQueue *q = g_hash_table_lookup(x->waiting, GUINT_TO_POINTER(k->session));
    if (!q) {
        q = g_queue_new();
        g_hash_table_insert(x->waiting, GUINT_TO_POINTER(k->session), q);
    }
    for (GList *l = q->head; l; l = l->next) {
        link_wait *lw = l->data;
        if (lw->expect != cmd || lw->from_client == k->from_client || !cap_link_keys_agree(&lw->keys, &keys))
            continue;
        if (lw->tracked)
            k->rsp_id = lw->id;
        link_wait_free(lw);
        g_queue_delete_link(q, l);
        break;
    }
    const cap_command *expect = cap_awaited_response(m);
    if (!expect)
        return;
    link_wait *lw = g_new0(link_wait, 1);
    lw->expect = expect;
    lw->from_client = k->from_client;
    lw->tracked = cmd->dir == CAP_DIR_C2S;
    lw->id = ++x->next_id ? x->next_id : ++x->next_id;   /* never 0 */
    lw->keys.user_id = g_strdup(keys.user_id);
    lw->keys.user_uid = g_strdup(keys.user_uid);
    lw->keys.corr = g_strdup(keys.corr);
    lw->keys.action = g_strdup(keys.action);
    if (lw->tracked)
        k->req_id = lw->id;
    if (q->length >= LINK_MAX_WAITING)
        link_wait_free(g_queue_pop_head(q));
    g_queue_push_tail(q, lw);
}

unsigned cf_cap_fill(cf_cap_ctx *x, const cap_msg *m, cf_input *w, cf_cap_emit emit, void *ud)
{
    if (g_hash_table_size(x->t) >= CTX_MAX_ENTRIES)
        g_hash_table_remove_all(x->t);   /* bounded: forget rather than grow */
    walkctx k = { x, m, w, emit, ud, w->session, w->frame, w->ts, w->from_client, 0, 0, 0, 0, NULL };
    k.hash = m->buf ? cf_hash_bytes(m->buf, m->len) : 0;
    link_document(x, m, &k);
    const char *cmd = m->command ? m->command->name : m->command_type;
    const char *unit = NULL;
    for (size_t i = 0; cmd && i < G_N_ELEMENTS(units); i++)
        if (strcmp(units[i].cmd, cmd) == 0)
            unit = units[i].unit;
    int any = 0;
    if (unit)
        for (unsigned i = 0; i < m->n_items; i++)
            if (elem_is(&m->items[i], unit)) {
                walk_unit(&k, (int)i, 1, unit);
                any = 1;
            }
    if (!any)
        for (unsigned i = 0; i < m->n_items; i++)
            if (elem_is(&m->items[i], "user")) {
                walk_unit(&k, (int)i, 0, "user");
                any = 1;
            }
    if (!any && m->root >= 0)
        walk_unit(&k, m->root, 0, "BroadsoftDocument");
    if (k.n == 0) {
        /* session traffic */
        begin_wire(&k);
        w->msg_name = m->command ? m->command->name : "CAP document";
        w->type = CF_EV_NONE;
        send_wire(&k, cf_cap_map_len, -1, 0);
    }
    return k.n;
}

/* ---- the README tables ---- */

static const struct { unsigned role; const char *name; } role_names[] = {
    { CAP_ROLE_STATE, "state" }, { CAP_ROLE_PERSONALITY, "personality" },
    { CAP_ROLE_RELEASE_CAUSE, "releaseCause" }, { CAP_ROLE_QUEUE_REASON, "updateReason" },
    { CAP_ROLE_CONFERENCE_STATE, "conferenceState" }, { CAP_ROLE_OFF_HOOK, "offHook" },
    { CAP_ROLE_ACD_STATE, "acdState" }, { CAP_ROLE_FAILURE, "failure" },
    { CAP_ROLE_RESULT, "success" },
};

static const char *role_name(unsigned role)
{
    for (size_t i = 0; i < G_N_ELEMENTS(role_names); i++)
        if (role_names[i].role == role)
            return role_names[i].name;
    return "?";
}

static const char *const when_names[CF_CAP_W_COUNT] = {
    [CF_CAP_W_ANY] = NULL,
    [CF_CAP_W_FIRST] = "first of the call id",
    [CF_CAP_W_DIAL] = "first, after a Dial to its number",
    [CF_CAP_W_PREV_HELD] = "was held",
    [CF_CAP_W_PREV_RHELD] = "was remote held",
    [CF_CAP_W_NOT_ANSWERED] = "never active",
    [CF_CAP_W_XFER] = "after XferConsult",
    [CF_CAP_W_BLIND] = "after Xfer",
    [CF_CAP_W_LIVE] = "on the user's last call",
    [CF_CAP_W_CONF_NEW] = "new conference",
    [CF_CAP_W_CONF_HELD] = "conference was held",
};

static const char *const dn_names[CF_CAP_DN_COUNT] = {
    "—", "user", "remoteNumber", "consult call's remote", "Xfer Number", "call center (queue)",
};

static const struct { unsigned bit; const char *name; } flag_names[] = {
    { CF_F_CREATE, "begins" }, { CF_F_DELETE, "ends" }, { CF_F_ASSOC_END, "ends (if not yet)" },
    { CF_F_MERGE, "merges ref into call" }, { CF_F_RENAME, "ref = new id" },
    { CF_F_SECONDARY, "extTrackingId recorded" }, { CF_F_DATA, "data" }, { CF_F_QUEUE_LEAVE, "leaves queue" },
    { CF_F_REQUEST, "request" }, { CF_F_RESPONSE, "response" }, { CF_F_OPEN, "open" },
    { CF_F_OPENED, "opened" }, { CF_F_CLOSE, "close" }, { CF_F_AGENT, "agent" },
    { CF_F_SYSTEM, "server status" }, { CF_F_HEARTBEAT, "heartbeat" },
    { CF_F_ANSWERED, "answered" }, { CF_F_QUEUED_BEFORE, "already queued" },
};

char *cf_cap_map_markdown(void)
{
    GString *s = g_string_new(NULL);
    g_string_append(s, "| CAP commandType | condition | normalized event | ThisDN | OtherDN | cause | "
                       "engine flags |\n");
    g_string_append(s, "| --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < cf_cap_map_len; i++) {
        const cf_cap_row *r = &cf_cap_map[i];
        g_string_append_printf(s, "| %s | ", r->command ? r->command : "any");
        int any = 0;
        if (r->role) {
            g_string_append_printf(s, "%s %s", role_name(r->role), r->value);
            any = 1;
        }
        if (r->role2) {
            g_string_append_printf(s, "%s%s %s", any ? ", " : "", role_name(r->role2), r->value2);
            any = 1;
        }
        if (when_names[r->when]) {
            g_string_append_printf(s, "%s%s", any ? ", " : "", when_names[r->when]);
            any = 1;
        }
        if (!any)
            g_string_append(s, "—");
        g_string_append_printf(s, " | %s | %s | %s | %s | ",
                               r->ev == CF_EV_NONE ? "—"
                               : r->ev == CF_EV_AGENT_STATE ? "EventAgent* (by acdState)"
                               : cf_evtype_name(r->ev),
                               dn_names[r->this_dn], dn_names[r->other_dn],
                               r->cause_role ? role_name(r->cause_role) : "—");
        any = 0;
        for (size_t j = 0; j < G_N_ELEMENTS(flag_names); j++)
            if (r->flags & flag_names[j].bit) {
                g_string_append_printf(s, "%s%s", any ? ", " : "", flag_names[j].name);
                any = 1;
            }
        if (r->group == 1)
            g_string_append_printf(s, "%sfirst match", any ? ", " : ""), any = 1;
        if (!any)
            g_string_append(s, "—");
        g_string_append(s, " |\n");
    }
    g_string_append(s, "\n| acdState (6.9.1) | agent state | T-Library event |\n");
    g_string_append(s, "| --- | --- | --- |\n");
    for (size_t i = 0; i < G_N_ELEMENTS(acd_states); i++) {
        const char *ev = cf_agent_state_event(acd_states[i].s);
        g_string_append_printf(s, "| %s | %s | %s |\n", acd_states[i].v, cf_agent_state_name(acd_states[i].s),
                               ev ? ev : "—");
    }
    return g_string_free(s, FALSE);
}
