/* ccx_summary.c - the key facts of a message on one line.
 *
 * Shared by the CLI's header line and --brief output and by the plugin's
 * Info column, so both read the same:
 *   CALL_DELIVERED_EVENT call=16777507 2005 -> 2006 LCS_ALERTING
 *   AGENT_STATE_EVENT agt2006 (2006) AGENT_STATE_READY
 *   CONTROL_FAILURE_CONF invoke=7 CF_INVALID_CSTA_CALL_ID
 * Which fields count is decided by field roles and enums, not per message.
 */
#include "ccx_decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
 * 0, AGENT_STATE_LOGIN, whenever one event covers every CSQ). */
static const int state_fields[] = {
    CCXF_LocalConnectionState, CCXF_AgentState, CCXF_FailureCode, CCXF_Status,
    CCXF_SystemEventID,
};

static const ccx_dfield *find(const ccx_msg *m, int field)
{
    for (unsigned i = 0; i < m->n_fields && i < CCX_MAX_FIELDS; i++)
        if (m->fields[i].field == field && m->fields[i].valid)
            return &m->fields[i];
    return NULL;
}

static int str_nonempty(const ccx_dfield *f)
{
    return f && f->type == CCX_STRING && f->str_len > 0;
}

typedef struct out_buf {
    char *p;
    size_t n, o;
} out_buf;

static void put(out_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out_buf *b, const char *fmt, ...)
{
    if (b->o >= b->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->p + b->o, b->n - b->o, fmt, ap);
    va_end(ap);
    if (k > 0)
        b->o = b->o + (size_t)k < b->n ? b->o + (size_t)k : b->n - 1;
}

static void sep(out_buf *b)
{
    if (b->o)
        put(b, " ");
}

/* Print a STRING field's text, at most 40 bytes, non-printables as '?'. */
static void put_str(out_buf *b, const ccx_dfield *f)
{
    char t[41];
    uint32_t n = f->str_len < 40 ? f->str_len : 40;
    for (uint32_t i = 0; i < n; i++)
        t[i] = (f->data[i] >= 0x20 && f->data[i] < 0x7f) ? (char)f->data[i] : '?';
    t[n] = '\0';
    put(b, "%s", t);
}

char *ccx_summary(const ccx_msg *m, const char *arrow, char *out, size_t n)
{
    out_buf b = { out, n, 0 };
    if (n)
        out[0] = '\0';
    if (!m->def)
        return out;

    const ccx_dfield *f = find(m, CCXF_InvokeID);
    if (f)
        put(&b, "invoke=%u", f->u);

    /* Call ids: every call-id field of the fixed part, then the first of
     * each single floating one (lists such as ConnectedPartyCallID are not
     * key facts). */
    for (unsigned i = 0; i < m->n_fields && i < CCX_MAX_FIELDS; i++) {
        const ccx_dfield *c = &m->fields[i];
        if (c->field < 0 || !c->valid || !(ccx_fields[c->field].roles & CCX_ROLE_CALL_ID))
            continue;
        if (!ccx_dtype_is_int(c->type) || c->u == 0xFFFFFFFFu)
            continue;
        if (c->ref && c->ref->count_field >= 0)
            continue;
        const char *name = ccx_fields[c->field].name;
        size_t l = strlen(name);
        sep(&b);
        if (c->field == CCXF_CallID || l <= 6)
            put(&b, "call=%u", c->u);
        else {
            /* "PrimaryCallID" -> "primary", "NewCallID" -> "new" */
            char k[48];
            size_t kl = l - 6 < sizeof k - 1 ? l - 6 : sizeof k - 1;
            for (size_t j = 0; j < kl; j++)
                k[j] = (char)(name[j] | 0x20);
            k[kl] = '\0';
            put(&b, "%s=%u", k, c->u);
        }
    }

    /* Devices. */
    int done = 0;
    for (size_t i = 0; i < sizeof device_pairs / sizeof device_pairs[0] && !done; i++) {
        const ccx_dfield *a = find(m, device_pairs[i].from);
        const ccx_dfield *z = find(m, device_pairs[i].to);
        if (str_nonempty(a) && str_nonempty(z)) {
            sep(&b);
            put_str(&b, a);
            put(&b, " %s ", arrow);
            put_str(&b, z);
            done = 1;
        }
    }
    for (size_t i = 0; i < sizeof device_single / sizeof device_single[0] && !done; i++) {
        const ccx_dfield *a = find(m, device_single[i]);
        if (str_nonempty(a)) {
            sep(&b);
            put(&b, "dev=");
            put_str(&b, a);
            done = 1;
        }
    }

    /* Agent: "agt2006 (2006)". */
    const ccx_dfield *ag = find(m, CCXF_AgentID);
    const ccx_dfield *ext = find(m, CCXF_AgentExtension);
    if (str_nonempty(ag)) {
        sep(&b);
        put_str(&b, ag);
        if (str_nonempty(ext)) {
            put(&b, " (");
            put_str(&b, ext);
            put(&b, ")");
        }
    } else if (str_nonempty(ext)) {
        sep(&b);
        put(&b, "ext=");
        put_str(&b, ext);
    }

    /* States and outcomes, from the fixed part. */
    for (unsigned i = 0; i < m->n_fields && i < CCX_MAX_FIELDS; i++) {
        const ccx_dfield *c = &m->fields[i];
        if (c->kind != CCX_D_FIXED || c->field < 0 || !c->valid)
            continue;
        for (size_t k = 0; k < sizeof state_fields / sizeof state_fields[0]; k++) {
            if (c->field != state_fields[k])
                continue;
            const char *name = ccx_value_name(c);
            sep(&b);
            if (name)
                put(&b, "%s", name);
            else
                put(&b, "%s=%u", ccx_fields[c->field].name, c->u);
        }
    }
    return out;
}
