/* cf_map_ccx.c - Cisco Unified CCX CTI -> the call-flow engine's vocabulary.
 *
 * The mapping is data: cf_ccx_map[] (one row per message), the agent-state
 * and device-type tables below (by the names of the CCX tables: a value's
 * number is never written here).  cf_ccx_fill() walks a decoded message once
 * and fills a cf_input by those tables; it has no per-message code.
 *
 * Choices the rows encode (README.md, "Call flows", explains them):
 *  - ThisDN is the device the event happens at (the alerting, answering,
 *    holding, releasing ... device), falling back to ConnectionDeviceID;
 *    OtherDN the other party named (the calling device; the called device
 *    when ThisDN is the caller).
 *  - BEGIN_CALL_EVENT begins a call; CALL_CLEARED_EVENT ends it;
 *    END_CALL_EVENT ("the association ... is dissolved") ends it too when
 *    no CALL_CLEARED_EVENT came first.
 *  - CALL_TRANSFERRED_EVENT / CALL_CONFERENCED_EVENT merge SecondaryCallID
 *    (the consult call) into PrimaryCallID (the engine prefers the call id
 *    of the ConnectedParty list when the two disagree, as in chapter 11).
 *  - CALL_DATA_UPDATE_EVENT's NewCallID is a new id of the same call; the
 *    device it names as the connection (ConnectionDeviceID) is a party.
 *  - CALL_DELIVERED_EVENT's SecondaryCallID is recorded, not merged.
 *  - "Unknown" as a device id (chapter 11 prints AnsweringDeviceID:
 *    Unknown) is no device.  A value that says "no value" (the decoder's
 *    ccx_value_is_none: NULL_CALL_ID, NULL_CSQ, EventCause CEC_NONE,
 *    EventReasonCode 0, a SecondaryCallID or NewCallID of 0) is no call,
 *    no queue, no cause.
 */
#include "cf_map_ccx.h"
#include "ccx_facts.h"

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "fast_append.h"   /* fa_digits: call ids are numbers made text for every event */
#include "small_mem.h"

#define F(x) CCXF_##x
#define L0 { -1, -1, -1 }
#define L1(a) { F(a), -1, -1 }
#define L2(a, b) { F(a), F(b), -1 }
#define L3(a, b, c) { F(a), F(b), F(c) }

const cf_ccx_row cf_ccx_map[] = {
    /* session */
    { CCXM_OPEN_REQ, CF_EV_NONE, -1, -1, L0, L0, -1, -1, CF_F_REQUEST | CF_F_OPEN },
    { CCXM_OPEN_CONF, CF_EV_LINK_CONNECTED, -1, -1, L0, L0, -1, -1, CF_F_RESPONSE | CF_F_OPENED },
    { CCXM_HEARTBEAT_REQ, CF_EV_NONE, -1, -1, L0, L0, -1, -1, CF_F_REQUEST | CF_F_HEARTBEAT },
    { CCXM_HEARTBEAT_CONF, CF_EV_NONE, -1, -1, L0, L0, -1, -1, CF_F_RESPONSE | CF_F_HEARTBEAT },
    { CCXM_CLOSE_REQ, CF_EV_NONE, -1, -1, L0, L0, -1, -1, CF_F_REQUEST | CF_F_CLOSE },
    { CCXM_CLOSE_CONF, CF_EV_LINK_DISCONNECTED, -1, -1, L0, L0, -1, -1, CF_F_RESPONSE | CF_F_CLOSE },
    { CCXM_SYSTEM_EVENT, CF_EV_NONE, -1, -1, L1(EventDeviceID), L0, F(SystemEventID), -1, CF_F_SYSTEM },
    /* errors */
    { CCXM_FAILURE_CONF, CF_EV_ERROR, -1, -1, L0, L0, CF_CCX_FAILURE, -1, CF_F_RESPONSE },
    { CCXM_FAILURE_EVENT, CF_EV_ERROR, -1, -1, L0, L0, CF_CCX_FAILURE, -1, 0 },
    { CCXM_CONTROL_FAILURE_CONF, CF_EV_ERROR, -1, -1, L0, L0, CF_CCX_FAILURE, -1, CF_F_RESPONSE },
    /* calls */
    { CCXM_BEGIN_CALL_EVENT, CF_EV_CALL_CREATED, F(CallID), -1,
      L1(ConnectionDeviceID), L0, -1, -1, CF_F_CREATE | CF_F_DATA },
    { CCXM_CALL_DATA_UPDATE_EVENT, CF_EV_CALL_DATA_CHANGED, F(CallID), F(NewCallID),
      L1(ConnectionDeviceID), L0, -1, -1, CF_F_DATA | CF_F_RENAME },
    { CCXM_SET_CALL_DATA_REQ, CF_EV_ATTACHED_DATA_CHANGED, F(CallID), -1,
      L0, L0, -1, -1, CF_F_DATA | CF_F_REQUEST },
    { CCXM_CALL_SERVICE_INITIATED_EVENT, CF_EV_OFF_HOOK, F(CallID), -1,
      L2(CallingDeviceID, ConnectionDeviceID), L0, F(EventCause), -1, 0 },
    { CCXM_CALL_ORIGINATED_EVENT, CF_EV_DIALING, F(CallID), -1,
      L2(CallingDeviceID, ConnectionDeviceID), L1(CalledDeviceID), F(EventCause), -1, 0 },
    { CCXM_CALL_DELIVERED_EVENT, CF_EV_RINGING, F(CallID), F(SecondaryCallID),
      L2(AlertingDeviceID, ConnectionDeviceID), L1(CallingDeviceID),
      F(EventCause), -1, CF_F_DATA | CF_F_SECONDARY },
    { CCXM_CALL_ESTABLISHED_EVENT, CF_EV_ESTABLISHED, F(CallID), -1,
      L2(AnsweringDeviceID, ConnectionDeviceID), L2(CallingDeviceID, CalledDeviceID), F(EventCause), -1, 0 },
    { CCXM_CALL_HELD_EVENT, CF_EV_HELD, F(CallID), -1,
      L2(HoldingDeviceID, ConnectionDeviceID), L0, F(EventCause), -1, 0 },
    { CCXM_CALL_RETRIEVED_EVENT, CF_EV_RETRIEVED, F(CallID), -1,
      L2(RetrievingDeviceID, ConnectionDeviceID), L0, F(EventCause), -1, 0 },
    { CCXM_CALL_QUEUED_EVENT, CF_EV_QUEUED, F(CallID), -1,
      L1(QueueDeviceID), L1(CallingDeviceID), F(EventCause), -1, 0 },
    { CCXM_CALL_DEQUEUED_EVENT, CF_EV_DIVERTED, F(CallID), -1,
      L1(QueueDeviceID), L0, F(EventCause), -1, CF_F_QUEUE_LEAVE },
    { CCXM_CALL_DIVERTED_EVENT, CF_EV_DIVERTED, F(CallID), -1,
      L2(DivertingDeviceID, ConnectionDeviceID), L1(CalledDeviceID), F(EventCause), -1, 0 },
    { CCXM_CALL_TRANSFERRED_EVENT, CF_EV_PARTY_CHANGED, F(PrimaryCallID), F(SecondaryCallID),
      L2(TransferringDeviceID, PrimaryDeviceID), L2(TransferredDeviceID, SecondaryDeviceID),
      F(EventCause), -1, CF_F_MERGE },
    { CCXM_CALL_CONFERENCED_EVENT, CF_EV_PARTY_ADDED, F(PrimaryCallID), F(SecondaryCallID),
      L2(ControllerDeviceID, PrimaryDeviceID), L2(AddedPartyDeviceID, SecondaryDeviceID),
      F(EventCause), -1, CF_F_MERGE },
    { CCXM_CALL_CONNECTION_CLEARED_EVENT, CF_EV_RELEASED, F(CallID), -1,
      L2(ReleasingDeviceID, ConnectionDeviceID), L0, F(EventCause), -1, 0 },
    { CCXM_CALL_FAILED_EVENT, CF_EV_DESTINATION_BUSY, F(CallID), -1,
      L2(FailingDeviceID, ConnectionDeviceID), L1(CalledDeviceID), F(EventCause), -1, 0 },
    { CCXM_CALL_CLEARED_EVENT, CF_EV_CALL_DELETED, F(CallID), -1, L0, L0, F(EventCause), -1, CF_F_DELETE },
    { CCXM_END_CALL_EVENT, CF_EV_CALL_DELETED, F(CallID), -1, L0, L0, -1, -1, CF_F_ASSOC_END },
    /* agents */
    { CCXM_AGENT_STATE_EVENT, CF_EV_AGENT_STATE, -1, -1,
      L2(AgentExtension, AgentInstrument), L0, F(EventReasonCode), -1, CF_F_AGENT },
};
const size_t cf_ccx_map_len = sizeof cf_ccx_map / sizeof cf_ccx_map[0];

/* Table 3 AgentState -> engine agent state. */
static const struct { const char *name; uint8_t s; } agent_states[] = {
    { "AGENT_STATE_LOGIN", CF_AS_LOGIN },
    { "AGENT_STATE_LOGOUT", CF_AS_LOGOUT },
    { "AGENT_STATE_NOT_READY", CF_AS_NOT_READY },
    { "AGENT_STATE_READY", CF_AS_READY },
    { "AGENT_STATE_TALKING", CF_AS_TALKING },
    { "AGENT_STATE_WORK", CF_AS_WORK },
    { "BUSY_OTHER", CF_AS_BUSY_OTHER },
    { "AGENT_STATE_RESERVED", CF_AS_RESERVED },
    { "AGENT_STATE_UNKNOWN", CF_AS_UNKNOWN },
};

/* Table 189 DeviceType -> what the DN is. */
static const struct { const char *name; uint8_t d; } device_types[] = {
    { "DEVID_DEVICE_IDENTIFIER", CF_DEV_STATION },   /* an IP phone */
    { "DEVID_CTI_PORT", CF_DEV_IVR },
    { "DEVID_ROUTE_POINT", CF_DEV_ROUTE_POINT },
    { "DEVID_AGENT_DEVICE", CF_DEV_AGENT },
    { "DEVID_QUEUE", CF_DEV_QUEUE },
    { "DEVID_NON_ACD_DEVICE_IDENTIFIER", CF_DEV_STATION },
};

/* Their values, from the tables (init_tables). */
static uint32_t agent_state_v[G_N_ELEMENTS(agent_states)];
static uint32_t device_type_v[G_N_ELEMENTS(device_types)];

/* Each *DeviceID with the *DeviceType (Table 189) that types it. */
static const struct { int id, type; } device_pairs[] = {
    { F(AlertingDeviceID), F(AlertingDeviceType) },
    { F(CallingDeviceID), F(CallingDeviceType) },
    { F(CalledDeviceID), F(CalledDeviceType) },
    { F(AnsweringDeviceID), F(AnsweringDeviceType) },
    { F(LastRedirectDeviceID), F(LastRedirectDeviceType) },
    { F(HoldingDeviceID), F(HoldingDeviceType) },
    { F(RetrievingDeviceID), F(RetrievingDeviceType) },
    { F(ReleasingDeviceID), F(ReleasingDeviceType) },
    { F(FailingDeviceID), F(FailingDeviceType) },
    { F(DivertingDeviceID), F(DivertingDeviceType) },
    { F(QueueDeviceID), F(QueueDeviceType) },
    { F(TransferringDeviceID), F(TransferringDeviceType) },
    { F(TransferredDeviceID), F(TransferredDeviceType) },
    { F(ControllerDeviceID), F(ControllerDeviceType) },
    { F(AddedPartyDeviceID), F(AddedPartyDeviceType) },
    { F(EventDeviceID), F(EventDeviceType) },
};


/* Attached data: these fields, plus NamedVariable and NamedArray. */
static const int data_fields[] = {
    F(ANI), F(DNIS), F(DialedNumber), F(CallerEnteredDigits),
    F(CallVariable1), F(CallVariable2), F(CallVariable3), F(CallVariable4), F(CallVariable5),
    F(CallVariable6), F(CallVariable7), F(CallVariable8), F(CallVariable9), F(CallVariable10),
    F(CallWrapupData), F(CustomerPhoneNumber), F(CustomerAccountNumber),
};

/* ---- the walker's view of the fields ---- */

enum { K_NONE, K_SCALAR, K_DATA, K_VAR, K_ARRAY, K_CSQ, K_PCALL, K_PDEV };
static uint8_t kind_of[CCXF_COUNT];
static uint16_t name_len[CCXF_COUNT];     /* strlen(ccx_fields[f].name), attached-data keys */
static uint8_t used_fields[CCXF_COUNT];   /* kind_of != K_NONE */
static int type_of_id[CCXF_COUNT];   /* 1 + the *DeviceType field of a *DeviceID, 0 */
static const cf_ccx_row *row_by_id[256];

/* The value of a name of a CCX value list; a name the list lacks is a
 * mistake of this file's tables. */
static uint32_t table_value(const ccx_enum *e, const char *name)
{
    const ccx_enum_val *v = ccx_enum_by_name(e, name);
    if (!v)
        g_error("cf_map_ccx: %s (%s) has no value %s", e->name, e->spec_ref, name);
    return v->lo;
}

static void init_tables(void)
{
    static gsize once;
    if (!g_once_init_enter(&once))
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(agent_states); i++)
        agent_state_v[i] = table_value(&ccx_enum_agent_state, agent_states[i].name);
    for (size_t i = 0; i < G_N_ELEMENTS(device_types); i++)
        device_type_v[i] = table_value(&ccx_enum_device_type, device_types[i].name);
    for (size_t i = 0; i < cf_ccx_map_len; i++)
        if (cf_ccx_map[i].msg < 256)
            row_by_id[cf_ccx_map[i].msg] = &cf_ccx_map[i];
    for (int f = 0; f < CCXF_COUNT; f++) {
        unsigned r = ccx_fields[f].roles;
        if (r & (CCX_ROLE_CALL_ID | CCX_ROLE_DEVICE_ID | CCX_ROLE_INVOKE_ID | CCX_ROLE_AGENT_ID))
            kind_of[f] = K_SCALAR;
        if (ccx_fields[f].enm == &ccx_enum_device_type)
            kind_of[f] = K_SCALAR;
    }
    for (size_t i = 0; i < cf_ccx_map_len; i++) {
        int c1, c2;
        cf_ccx_row_causes(&cf_ccx_map[i], &c1, &c2);
        if (c1 >= 0)
            kind_of[c1] = K_SCALAR;
        if (c2 >= 0)
            kind_of[c2] = K_SCALAR;
    }
    static const int scalars[] = { F(CallType), F(IdleTimeout), F(ServicesRequested), F(ClientID),
                                   F(AgentState) };
    for (size_t i = 0; i < G_N_ELEMENTS(scalars); i++)
        kind_of[scalars[i]] = K_SCALAR;
    for (size_t i = 0; i < G_N_ELEMENTS(data_fields); i++)
        kind_of[data_fields[i]] = K_DATA;
    for (size_t i = 0; i < G_N_ELEMENTS(device_pairs); i++)
        type_of_id[device_pairs[i].id] = device_pairs[i].type + 1;
    kind_of[F(NamedVariable)] = K_VAR;
    kind_of[F(NamedArray)] = K_ARRAY;
    kind_of[F(CSQID)] = K_CSQ;
    kind_of[F(ConnectedPartyCallID)] = K_PCALL;
    kind_of[F(ConnectedPartyDeviceID)] = K_PDEV;
    for (int f = 0; f < CCXF_COUNT; f++) {
        used_fields[f] = kind_of[f] != K_NONE;
        name_len[f] = (uint16_t)strlen(ccx_fields[f].name);   /* names are a few dozen bytes */
    }
    g_once_init_leave(&once, 1);
}

void cf_ccx_row_causes(const cf_ccx_row *r, int *cause, int *cause2)
{
    *cause = r->cause;
    *cause2 = r->cause2;
    if (r->cause == CF_CCX_FAILURE) {
        const ccx_failure *f = ccx_msg_failure(ccx_msg_by_id(r->msg));
        *cause = f ? f->code : -1;
        *cause2 = f ? f->detail : -1;
    }
}

const uint8_t *cf_ccx_used_fields(void)
{
    init_tables();
    return used_fields;
}

const cf_ccx_row *cf_ccx_row_for(uint32_t msg_id)
{
    init_tables();
    return msg_id < 256 ? row_by_id[msg_id] : NULL;
}


/* ---- the walker ---- */

#define MAX_GOT 64

/* The fields of interest of the message being walked: got[] in order, and
 * slot[field] = 1 + index into got[] when stamp[field] is this walk's. */
typedef struct walk {
    const cf_ccx_msg *m;
    const ccx_field_value *got[MAX_GOT];
    unsigned n;
    const ccx_field_value *dev[MAX_GOT];   /* the STRING *DeviceID fields of got[], in order */
    unsigned n_dev;
} walk;

static _Thread_local uint32_t stamp_of[CCXF_COUNT];
static _Thread_local uint8_t slot_of[CCXF_COUNT];
static _Thread_local uint32_t cur_stamp;

static void walk_add(walk *k, const ccx_field_value *f)
{
    if (k->n >= MAX_GOT)
        return;
    if (stamp_of[f->field] != cur_stamp) {   /* the first occurrence counts */
        stamp_of[f->field] = cur_stamp;
        slot_of[f->field] = (uint8_t)k->n;
    }
    k->got[k->n++] = f;
    if (type_of_id[f->field] && f->type == CCX_STRING)
        k->dev[k->n_dev++] = f;
}

static const ccx_field_value *got_field(const walk *k, int field)
{
    if (field < 0 || stamp_of[field] != cur_stamp)
        return NULL;
    return k->got[slot_of[field]];
}

static cf_str dstr(const cf_ccx_msg *m, const ccx_field_value *f)
{
    cf_str s = { NULL, 0 };
    if (f && f->type == CCX_STRING) {
        s.p = (const char *)m->buf + f->off;
        s.n = f->len;
    }
    return s;
}

static int is_unknown(cf_str s)
{
    return s.n == 7 && (s.p[0] == 'U' || s.p[0] == 'u') &&
           g_ascii_strncasecmp(s.p, "Unknown", 7) == 0;
}

/* Decimal text of recent numbers: the call id of a message came with the
 * call's other messages, the queue id with every queued call.  Indexed by
 * the low bits (call ids are consecutive); a hit is one 16-byte copy. */
typedef struct num_slot {
    uint32_t v;
    uint8_t n, set;
    char d[10];
} num_slot;
static _Thread_local num_slot num_cache[64];

/* A UINT field as decimal text in the scratch (none for a value that says
 * "no value": NULL_CALL_ID, NULL_CSQ, a SecondaryCallID of 0). */
static cf_str num_str(cf_input *w, const ccx_field_value *f)
{
    cf_str s = { NULL, 0 };
    if (!f || !ccx_dtype_is_int(f->type) || ccx_value_is_none(f->field, NULL, (ccx_dtype)f->type, f->v.u))
        return s;
    if (w->scratch_used + sizeof(num_slot) > sizeof w->scratch)
        return s;   /* (a message with a hundred ids) */
    num_slot *c = &num_cache[f->v.u & 63u];
    if (!c->set || c->v != f->v.u) {
        char *end = c->d + sizeof c->d;
        char *p = fa_digits(end, f->v.u);   /* a UINT has at most 10 digits */
        c->n = (uint8_t)(end - p);
        memmove(c->d, p, c->n);
        c->v = f->v.u;
        c->set = 1;
    }
    char *at = w->scratch + w->scratch_used;
    memcpy(at, c->d, sizeof c->d);   /* fixed size: two moves */
    s.p = at;
    s.n = c->n;
    w->scratch_used += c->n;
    return s;
}

static cf_str pick_dn(const walk *k, const int *cands, cf_str not_this)
{
    for (int i = 0; i < 3 && cands[i] >= 0; i++) {
        cf_str s = dstr(k->m, got_field(k, cands[i]));
        if (!s.n || is_unknown(s))
            continue;
        if (not_this.n == s.n && cts_short_eq(not_this.p, s.p, s.n))
            continue;
        return s;
    }
    return (cf_str){ NULL, 0 };
}

/* What the DN is, from the *DeviceType paired with any *DeviceID holding it. */
static uint8_t dn_dev(const walk *k, cf_str dn)
{
    if (!dn.n)
        return CF_DEV_UNKNOWN;
    for (unsigned i = 0; i < k->n_dev; i++) {
        const ccx_field_value *f = k->dev[i];
        int tf = type_of_id[f->field];
        if (f->len != dn.n || !cts_short_eq((const char *)k->m->buf + f->off, dn.p, dn.n))
            continue;
        const ccx_field_value *t = got_field(k, tf - 1);
        if (!t)
            continue;
        for (size_t j = 0; j < G_N_ELEMENTS(device_types); j++)
            if (device_type_v[j] == t->v.u)
                return device_types[j].d;
    }
    return CF_DEV_UNKNOWN;
}

/* The table entry a compact field names (ref_no), or NULL. */
static const ccx_field_ref *ref_of(const ccx_msg_def *d, uint8_t i)
{
    if (!i || !d)
        return NULL;
    return i <= d->n_fixed ? &d->fixed[i - 1] : &d->floating[i - 1 - d->n_fixed];
}

/* The same few causes, call types and states come message after message:
 * a small cache in front of ccx_value_name_of (a table probe per call).
 * The name depends on the value list (the field's, or its message's own),
 * the field and the type. */
typedef struct vn_slot {
    const ccx_enum *enm;
    uint32_t u;
    int16_t field;
    uint8_t type, set;
    const char *name;
} vn_slot;
static _Thread_local vn_slot vn_cache[64];

static const char *value_name(const walk *k, const ccx_field_value *f)
{
    const ccx_field_ref *ref = ref_of(k->m->def, f->ref_no);
    const ccx_enum *enm = ccx_ref_enum(f->field, ref);
    vn_slot *v = &vn_cache[(f->v.u * 37u + (uint32_t)f->field * 11u) & 63u];
    if (!v->set || v->enm != enm || v->u != f->v.u || v->field != f->field || v->type != f->type) {
        v->enm = enm;
        v->u = f->v.u;
        v->field = f->field;
        v->type = f->type;
        v->set = 1;
        v->name = ccx_value_name_of(f->field, ref, (ccx_dtype)f->type, f->v.u);
    }
    return v->name;
}

static void set_cause(const walk *k, const ccx_field_value *f, int64_t *v, const char **name,
                      const char **field)
{
    if (!f || !ccx_dtype_is_int(f->type) ||
        ccx_value_is_none(f->field, ref_of(k->m->def, f->ref_no), (ccx_dtype)f->type, f->v.u))
        return;
    /* signed types sign-extended from their size, as the decoder does */
    *v = f->type == CCX_INT     ? (int64_t)(int32_t)f->v.u
         : f->type == CCX_SHORT ? (int64_t)(int16_t)f->v.u
         : f->type == CCX_CHAR  ? (int64_t)(int8_t)f->v.u
                                : (int64_t)f->v.u;
    *name = value_name(k, f);
    *field = ccx_fields[f->field].name;
}

/* Party i of a merge exists (the triplets of a NumParties list). */
static int ensure_party(cf_input *w, unsigned i)
{
    if (i >= CF_INPUT_MAX_PARTIES)
        return 0;
    while (w->n_parties <= i)
        memset(&w->parties[w->n_parties++], 0, sizeof w->parties[0]);
    return 1;
}

static void add_kv(cf_input *w, uint8_t kind, int32_t index, const char *key, size_t kn,
                   const char *val, size_t vn)
{
    if (w->n_kv >= CF_INPUT_MAX_KV) {
        w->kv_dropped++;
        return;
    }
    cf_kv *k = &w->kv[w->n_kv++];
    k->kind = kind;
    k->index = index;
    k->key.p = key;
    k->key.n = (uint32_t)kn;
    k->value.p = val;
    k->value.n = (uint32_t)vn;
}

void cf_ccx_fill_picked(cf_input *w, const cf_ccx_msg *m)
{
    init_tables();
    cf_input_reset(w);
    const cf_ccx_row *row = m->type_id < 256 ? row_by_id[m->type_id] : NULL;
    const char *buf = (const char *)m->buf;
    w->msg_id = m->type_id;
    w->msg_name = m->def ? m->def->name : ccx_msg_id_is_reserved(m->type_id) ? "RESERVED" : "UNKNOWN";
    w->hash = m->hash;
    w->error = m->error;
    w->error_text = m->error_text;
    if (row) {
        w->type = row->ev;
        w->flags = row->flags;
    } else if (m->def) {
        w->flags = m->def->kind == CCX_KIND_REQUEST ? CF_F_REQUEST
                   : m->def->kind == CCX_KIND_RESPONSE ? CF_F_RESPONSE : 0;
    }
    int want_data = row && (row->flags & CF_F_DATA);
    walk k;
    k.m = m;
    k.n = 0;
    k.n_dev = 0;
    if (++cur_stamp == 0) {   /* wrapped: forget every stamp */
        memset(stamp_of, 0, sizeof stamp_of);
        cur_stamp = 1;
    }
    const ccx_field_value *first_call = NULL;
    for (unsigned i = 0; i < m->n_fields; i++) {
        const ccx_field_value *f = &m->fields[i];
        uint8_t kind = kind_of[f->field];
        /* most fields are scalars: a plain branch, not the switch's
         * indirect jump (which the kinds' mix keeps mispredicting) */
        if (G_LIKELY(kind == K_SCALAR)) {
            if (!first_call && (ccx_fields[f->field].roles & CCX_ROLE_CALL_ID))
                first_call = f;
            walk_add(&k, f);
            continue;
        }
        switch (kind) {
        case K_DATA:
            if (want_data && f->type == CCX_STRING)
                add_kv(w, CF_KV_FIELD, 0, ccx_fields[f->field].name, name_len[f->field],
                       buf + f->off, f->len);
            break;
        case K_VAR:
        case K_ARRAY:
            if (want_data && (f->type == CCX_NAMEDVAR || f->type == CCX_NAMEDARRAY))
                add_kv(w, kind_of[f->field] == K_VAR ? CF_KV_VAR : CF_KV_ARRAY,
                       kind_of[f->field] == K_VAR ? 0 : f->nv_index, buf + f->off, f->len,
                       buf + f->v.val.off, f->v.val.len);
            break;
        case K_CSQ:
            if (!w->queue.n)
                w->queue = num_str(w, f);
            break;
        case K_PCALL:
            if (ensure_party(w, f->instance))
                w->parties[f->instance].call_id = num_str(w, f);
            break;
        case K_PDEV:
            if (ensure_party(w, f->instance)) {
                cf_str s = dstr(m, f);
                w->parties[f->instance].dn = is_unknown(s) ? (cf_str){ NULL, 0 } : s;
            }
            break;
        default:
            break;
        }
    }
    /* the call */
    if (row && row->call >= 0)
        w->call_id = num_str(w, got_field(&k, row->call));
    else if (!row && first_call && (w->flags & CF_F_REQUEST))
        w->call_id = num_str(w, first_call);   /* a request about a call: for its failure */
    if (row && row->ref >= 0)
        w->ref_call_id = num_str(w, got_field(&k, row->ref));
    /* ThisDN, OtherDN and what they are */
    if (row) {
        w->this_dn = pick_dn(&k, row->this_dn, (cf_str){ NULL, 0 });
        w->other_dn = pick_dn(&k, row->other_dn, w->this_dn);
        w->this_dev = dn_dev(&k, w->this_dn);
        w->other_dev = dn_dev(&k, w->other_dn);
        int c1, c2;
        cf_ccx_row_causes(row, &c1, &c2);
        set_cause(&k, got_field(&k, c1), &w->cause, &w->cause_name, &w->cause_field);
        set_cause(&k, got_field(&k, c2), &w->cause2, &w->cause2_name, &w->cause2_field);
    }
    for (unsigned i = 0; i < w->n_parties; i++)
        w->parties[i].dev = dn_dev(&k, w->parties[i].dn);
    const ccx_field_value *f;
    if ((f = got_field(&k, F(CallType))) != NULL) {
        w->call_type = f->v.u;
        w->call_type_name = value_name(&k, f);
    }
    if ((f = got_field(&k, F(InvokeID))) != NULL) {
        w->has_invoke = 1;
        w->invoke_id = f->v.u;
        w->invoke_field = ccx_fields[F(InvokeID)].name;
        if (w->flags & CF_F_REQUEST)
            w->flags |= CF_F_AWAITS;   /* every CCX request is confirmed (or fails) */
    }
    if (w->flags & CF_F_OPEN) {
        if ((f = got_field(&k, F(IdleTimeout))) != NULL)
            w->idle_timeout = f->v.u;
        if ((f = got_field(&k, F(ServicesRequested))) != NULL) {
            unsigned modes = ccx_service_modes(f->v.u);
            w->mode = (modes & CCX_MODE_BRIDGE) ? "bridge" : (modes & CCX_MODE_AGENT) ? "agent" : NULL;
        }
        if (dstr(m, got_field(&k, F(AgentExtension))).n || dstr(m, got_field(&k, F(AgentID))).n)
            w->mode = "agent";
        w->client_name = dstr(m, got_field(&k, F(ClientID)));
    }
    if (w->flags & CF_F_AGENT) {
        w->agent_id = dstr(m, got_field(&k, F(AgentID)));
        if ((f = got_field(&k, F(AgentState))) != NULL) {
            w->agent_state_wire = value_name(&k, f);
            for (size_t i = 0; i < G_N_ELEMENTS(agent_states); i++)
                if (agent_state_v[i] == f->v.u)
                    w->agent_state = agent_states[i].s;
        }
    }
}

void cf_ccx_fill(cf_input *w, const ccx_msg *m)
{
    static _Thread_local ccx_field_value picked[CCX_MAX_FIELDS];
    cf_ccx_msg pm = { m->def, m->type_id, m->len, m->buf, cf_hash_bytes(m->buf, m->len),
                      m->max_sev_plus1 == CCX_SEV_ERROR + 1, ccx_first_error(m), 0, picked };
    pm.n_fields = ccx_compact(m, NULL, picked);
    cf_ccx_fill_picked(w, &pm);
}

/* ---- the README tables ---- */

static void md_fields(GString *s, const int *l)
{
    int any = 0;
    for (int i = 0; i < 3 && l[i] >= 0; i++) {
        g_string_append_printf(s, "%s%s", any ? ", " : "", ccx_fields[l[i]].name);
        any = 1;
    }
    if (!any)
        g_string_append(s, "—");
}

static const struct { unsigned bit; const char *name; } flag_names[] = {
    { CF_F_CREATE, "begins" }, { CF_F_DELETE, "ends" }, { CF_F_ASSOC_END, "ends (if not yet)" },
    { CF_F_MERGE, "merges ref into call" }, { CF_F_RENAME, "ref = new id" },
    { CF_F_SECONDARY, "ref recorded" }, { CF_F_DATA, "data" }, { CF_F_QUEUE_LEAVE, "leaves queue" },
    { CF_F_REQUEST, "request" }, { CF_F_RESPONSE, "response" }, { CF_F_OPEN, "IdleTimeout, mode" },
    { CF_F_OPENED, "opened" }, { CF_F_CLOSE, "close" }, { CF_F_AGENT, "agent" },
    { CF_F_SYSTEM, "server status" }, { CF_F_HEARTBEAT, "heartbeat" },
};

char *cf_ccx_map_markdown(void)
{
    init_tables();
    GString *s = g_string_new(NULL);
    g_string_append(s, "| CCX message | normalized event | call | ref | ThisDN (first present) | "
                       "OtherDN | cause | engine flags |\n");
    g_string_append(s, "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < cf_ccx_map_len; i++) {
        const cf_ccx_row *r = &cf_ccx_map[i];
        const ccx_msg_def *d = ccx_msg_by_id(r->msg);
        g_string_append_printf(s, "| %s (%u) | %s | %s | %s | ", d ? d->name : "?", r->msg,
                               r->ev == CF_EV_NONE ? "—"
                               : r->ev == CF_EV_AGENT_STATE ? "EventAgent* (by AgentState)"
                               : cf_evtype_name(r->ev),
                               r->call >= 0 ? ccx_fields[r->call].name : "—",
                               r->ref >= 0 ? ccx_fields[r->ref].name : "—");
        md_fields(s, r->this_dn);
        g_string_append(s, " | ");
        md_fields(s, r->other_dn);
        int c1, c2;
        cf_ccx_row_causes(r, &c1, &c2);
        g_string_append_printf(s, " | %s", c1 >= 0 ? ccx_fields[c1].name : "—");
        if (c2 >= 0)
            g_string_append_printf(s, ", %s", ccx_fields[c2].name);
        g_string_append(s, " | ");
        int any = 0;
        for (size_t j = 0; j < G_N_ELEMENTS(flag_names); j++)
            if (r->flags & flag_names[j].bit) {
                g_string_append_printf(s, "%s%s", any ? ", " : "", flag_names[j].name);
                any = 1;
            }
        if (!any)
            g_string_append(s, "—");
        g_string_append(s, " |\n");
    }
    g_string_append(s, "\n| AgentState (Table 3) | agent state | T-Library event |\n");
    g_string_append(s, "| --- | --- | --- |\n");
    for (size_t i = 0; i < G_N_ELEMENTS(agent_states); i++) {
        const char *ev = cf_agent_state_event(agent_states[i].s);
        g_string_append_printf(s, "| %s (%u) | %s | %s |\n", agent_states[i].name, agent_state_v[i],
                               cf_agent_state_name(agent_states[i].s), ev ? ev : "—");
    }
    g_string_append(s, "\n| DeviceType (Table 189) | the DN is |\n");
    g_string_append(s, "| --- | --- |\n");
    for (size_t i = 0; i < G_N_ELEMENTS(device_types); i++)
        g_string_append_printf(s, "| %s (%u) | %s |\n", device_types[i].name, device_type_v[i],
                               cf_dev_name(device_types[i].d));
    return g_string_free(s, FALSE);
}
