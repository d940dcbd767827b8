/* ccx_summary.c - the key facts of a message on one line.
 *
 * Shared by the CLI's header line and --brief output and by the plugin's
 * Info column, so both read the same:
 *   CALL_DELIVERED_EVENT call=16777507 2005 -> 2006 LCS_ALERTING
 *   AGENT_STATE_EVENT agt2006 (2006) AGENT_STATE_READY
 *   CONTROL_FAILURE_CONF invoke=7 CF_INVALID_CSTA_CALL_ID CCX_CALL_ID_INVALID
 * Which fields count is decided by field roles and enums, not per message;
 * a failure message's code(s) are the fields ccx_msg_failure names.
 */
#include "ccx_decode.h"
#include "ccx_facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <glib.h>
#include <string.h>

#include "fast_append.h"   /* fa_digits */

/* Device pairs shown as "from -> to", most specific first. */
static const struct { int from, to; } device_pairs[] = {
    { CCXF_CallingDeviceID, CCXF_AlertingDeviceID },
    { CCXF_CallingDeviceID, CCXF_AnsweringDeviceID },
    { CCXF_TransferringDeviceID, CCXF_TransferredDeviceID },
    { CCXF_ControllerDeviceID, CCXF_AddedPartyDeviceID },
    { CCXF_CallingDeviceID, CCXF_CalledDeviceID },
};

/* Single devices, when no pair applies. */
static const int device_single[] = {
    CCXF_ReleasingDeviceID, CCXF_HoldingDeviceID, CCXF_RetrievingDeviceID,
    CCXF_FailingDeviceID, CCXF_DivertingDeviceID, CCXF_ConnectionDeviceID,
    CCXF_AgentInstrument,
};

/* Fields whose value names say what happened (CSQState is not one: it is
 * 0, AGENT_STATE_LOGIN, whenever one event covers every CSQ), besides the
 * failure code(s) of a failure message (ccx_msg_failure). */
static const int state_fields[] = {
    CCXF_LocalConnectionState, CCXF_AgentState, CCXF_Status, CCXF_SystemEventID,
};

/* The fields the summary looks at, found in one pass over the message.
 * slot_of[field] is 1 + the slot of a field of interest, built once. */
enum { SLOT_MAX = 32 };
static uint8_t slot_of[CCXF_COUNT];
static uint8_t is_state[CCXF_COUNT];
static int slot_field[SLOT_MAX];
static int n_slots;

static void add_slot(int field)
{
    if (!slot_of[field] && n_slots < SLOT_MAX) {
        slot_field[n_slots] = field;
        slot_of[field] = (uint8_t)++n_slots;
    }
}

static void init_slots(void)
{
    static gsize once;
    if (!g_once_init_enter(&once))
        return;
    add_slot(CCXF_InvokeID);
    add_slot(CCXF_AgentID);
    add_slot(CCXF_AgentExtension);
    for (size_t i = 0; i < sizeof device_pairs / sizeof device_pairs[0]; i++) {
        add_slot(device_pairs[i].from);
        add_slot(device_pairs[i].to);
    }
    for (size_t i = 0; i < sizeof device_single / sizeof device_single[0]; i++)
        add_slot(device_single[i]);
    for (size_t i = 0; i < sizeof state_fields / sizeof state_fields[0]; i++)
        is_state[state_fields[i]] = 1;
    g_once_init_leave(&once, 1);
}

typedef struct seen {
    const ccx_decoded_field *f[SLOT_MAX];
} seen;

static const ccx_decoded_field *find(const seen *sn, int field)
{
    return slot_of[field] ? sn->f[slot_of[field] - 1] : NULL;
}

static int str_nonempty(const ccx_decoded_field *f)
{
    return f && f->type == CCX_STRING && f->str_len > 0;
}

typedef struct out_buf {
    char *p;
    size_t n, o;
} out_buf;

static void put_len(out_buf *b, const char *z, size_t l)
{
    if (l > b->n - 1 - b->o)
        l = b->n - 1 - b->o;   /* cut at the end of out */
    memcpy(b->p + b->o, z, l);
    b->o += l;
    b->p[b->o] = '\0';
}

static void put_raw(out_buf *b, const char *z)
{
    put_len(b, z, strlen(z));
}

static void put_u32(out_buf *b, uint32_t v)
{
    char t[24];
    const char *d = fa_digits(t + sizeof t, v);
    put_len(b, d, (size_t)(t + sizeof t - d));
}

static void sep(out_buf *b)
{
    if (b->o)
        put_raw(b, " ");
}

/* Print a STRING field's text, at most 40 bytes, non-printables as '?'. */
static void put_str(out_buf *b, const ccx_decoded_field *f)
{
    char t[41];
    uint32_t n = f->str_len < 40 ? f->str_len : 40;
    for (uint32_t i = 0; i < n; i++)
        t[i] = (f->data[i] >= 0x20 && f->data[i] < 0x7f) ? (char)f->data[i] : '?';
    put_len(b, t, n);
}

/* A call id worth showing: a number, not one that says "no call"
 * (NULL_CALL_ID, a SecondaryCallID of 0: ccx_value_is_none), not one of a
 * list (ConnectedPartyCallID). */
static int key_call_id(const ccx_decoded_field *c)
{
    if (!ccx_dtype_is_int(c->type) || ccx_value_is_none(c->field, c->ref, (ccx_dtype)c->type, c->u))
        return 0;
    return !(c->ref && c->ref->count_field >= 0);
}

char *ccx_summary(const ccx_msg *m, const char *arrow, char *out, size_t n)
{
    out_buf b = { out, n, 0 };
    if (n)
        out[0] = '\0';
    if (!m->def || n < 2)
        return out;
    init_slots();
    static const seen none;
    seen sn;
    memcpy(&sn, &none, sizeof sn);
    /* One pass: the fields of interest, the call ids and the states, in
     * message order. */
    unsigned nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    /* (128 call ids fill a summary line; a fixed part has at most 64
     * fields) */
    const ccx_decoded_field *ids[128], *states[64];
    unsigned n_ids = 0, n_states = 0;
    const ccx_failure *fl = ccx_msg_failure(m->def);
    for (unsigned i = 0; i < nf; i++) {
        const ccx_decoded_field *c = &m->fields[i];
        if (c->field < 0 || !c->valid)
            continue;
        if (slot_of[c->field] && !sn.f[slot_of[c->field] - 1])
            sn.f[slot_of[c->field] - 1] = c;
        if ((ccx_fields[c->field].roles & CCX_ROLE_CALL_ID) && n_ids < 128 && key_call_id(c))
            ids[n_ids++] = c;
        if (c->kind == CCX_D_FIXED && n_states < 64 &&
            (is_state[c->field] || (fl && (c->field == fl->code || c->field == fl->detail))))
            states[n_states++] = c;
    }

    const ccx_decoded_field *f = find(&sn, CCXF_InvokeID);
    if (f) {
        put_raw(&b, "invoke=");
        put_u32(&b, f->u);
    }

    /* Call ids: every call-id field of the fixed part, then the first of
     * each single floating one (lists such as ConnectedPartyCallID are not
     * key facts). */
    for (unsigned i = 0; i < n_ids; i++) {
        const ccx_decoded_field *c = ids[i];
        const char *name = ccx_fields[c->field].name;
        size_t l = strlen(name);
        sep(&b);
        if (c->field == CCXF_CallID || l <= 6) {
            put_raw(&b, "call=");
            put_u32(&b, c->u);
        }
        else {
            /* "PrimaryCallID" -> "primary", "NewCallID" -> "new" */
            char k[48];
            size_t kl = l - 6 < sizeof k - 1 ? l - 6 : sizeof k - 1;
            for (size_t j = 0; j < kl; j++)
                k[j] = (char)(name[j] | 0x20);
            k[kl] = '\0';
            put_raw(&b, k);
            put_raw(&b, "=");
            put_u32(&b, c->u);
        }
    }

    /* Devices. */
    int done = 0;
    for (size_t i = 0; i < sizeof device_pairs / sizeof device_pairs[0] && !done; i++) {
        const ccx_decoded_field *a = find(&sn, device_pairs[i].from);
        const ccx_decoded_field *z = find(&sn, device_pairs[i].to);
        if (str_nonempty(a) && str_nonempty(z)) {
            sep(&b);
            put_str(&b, a);
            put_raw(&b, " ");
            put_raw(&b, arrow);
            put_raw(&b, " ");
            put_str(&b, z);
            done = 1;
        }
    }
    for (size_t i = 0; i < sizeof device_single / sizeof device_single[0] && !done; i++) {
        const ccx_decoded_field *a = find(&sn, device_single[i]);
        if (str_nonempty(a)) {
            sep(&b);
            put_raw(&b, "dev=");
            put_str(&b, a);
            done = 1;
        }
    }

    /* Agent: "agt2006 (2006)". */
    const ccx_decoded_field *ag = find(&sn, CCXF_AgentID);
    const ccx_decoded_field *ext = find(&sn, CCXF_AgentExtension);
    if (str_nonempty(ag)) {
        sep(&b);
        put_str(&b, ag);
        if (str_nonempty(ext)) {
            put_raw(&b, " (");
            put_str(&b, ext);
            put_raw(&b, ")");
        }
    } else if (str_nonempty(ext)) {
        sep(&b);
        put_raw(&b, "ext=");
        put_str(&b, ext);
    }

    /* States and outcomes, from the fixed part. */
    for (unsigned i = 0; i < n_states; i++) {
        const ccx_decoded_field *c = states[i];
        /* AgentState without an agent (OPEN_CONF in bridge mode) and a
         * Status of 0 (no error) say nothing. */
        if (c->field == CCXF_AgentState && !str_nonempty(ag) && !str_nonempty(ext))
            continue;
        if (c->field == CCXF_Status && c->u == 0)
            continue;
        const char *name = ccx_value_name(c);
        sep(&b);
        if (name) {
            put_raw(&b, name);
        } else {
            put_raw(&b, ccx_fields[c->field].name);
            put_raw(&b, "=");
            put_u32(&b, c->u);
        }
    }
    return out;
}
