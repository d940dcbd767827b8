/* ccx_facts.c - the facts of ccx_facts.h, worked out once from the tables.
 */
#include "ccx_facts.h"

#include <glib.h>

#include "ccx_decode.h"   /* ccx_dtype_is_int */

/* Table 198's NULL constants and the fields that carry them (the table
 * says "no call ID", "no CSQ", "no Service", not which fields): by the
 * constant's name, for a field or for every field of a role. */
static const struct {
    const char *name;
    int field;        /* CCXF_*, or -1: every field of role */
    unsigned role;
} null_carriers[] = {
    { "NULL_CALL_ID", -1, CCX_ROLE_CALL_ID },
    { "NULL_CSQ", CCXF_CSQID, 0 },
    { "NULL_APPLICATION", CCXF_ApplicationID, 0 },
};

/* The Table 22 bits that say the session's mode. */
static const struct {
    const char *name;
    unsigned mode;
} mode_bits[] = {
    { "CTI_SERVICE_ALL_EVENTS", CCX_MODE_BRIDGE },
    { "CTI_SERVICE_CLIENT_EVENTS", CCX_MODE_AGENT },
};
static uint32_t mode_bit[G_N_ELEMENTS(mode_bits)];

static const ccx_enum_val *null_of[CCXF_COUNT];   /* the field's Table 198 constant */
static const ccx_enum_val *own_none[CCXF_COUNT];  /* the none row of the field's own value list */
static uint8_t zero_none[CCXF_COUNT];             /* 0 means none */

static void facts_init(void)
{
    static gsize once;
    if (!g_once_init_enter(&once))
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(null_carriers); i++) {
        const ccx_enum_val *v = ccx_enum_by_name(&ccx_enum_special, null_carriers[i].name);
        if (!v || !v->none)
            g_error("ccx tables: Table 198 has no none row %s", null_carriers[i].name);
        for (int f = 0; f < CCXF_COUNT; f++)
            if (f == null_carriers[i].field ||
                (null_carriers[i].field < 0 && (ccx_fields[f].roles & null_carriers[i].role)))
                null_of[f] = v;
    }
    for (int f = 0; f < CCXF_COUNT; f++) {
        const ccx_enum *e = ccx_fields[f].enm;
        for (size_t i = 0; e && !e->is_mask && i < e->n_vals && !own_none[f]; i++)
            if (e->vals[i].none)
                own_none[f] = &e->vals[i];
        /* a call id of 0 is no call, but CallID's own (the summary shows
         * call=0 rather than hide the call a message is about) */
        if ((ccx_fields[f].roles & CCX_ROLE_CALL_ID) && f != CCXF_CallID)
            zero_none[f] = 1;
    }
    zero_none[CCXF_EventReasonCode] = 1;
    for (size_t i = 0; i < G_N_ELEMENTS(mode_bits); i++) {
        const ccx_enum_val *v = ccx_enum_by_name(&ccx_enum_service_mask, mode_bits[i].name);
        if (!v)
            g_error("ccx tables: Table 22 has no %s", mode_bits[i].name);
        mode_bit[i] = v->lo;
    }
    g_once_init_leave(&once, 1);
}

/* The failure messages and the fields that carry their failure. */
static const struct {
    uint32_t msg;          /* CCXM_* */
    ccx_failure f;
} failures[] = {
    { CCXM_FAILURE_CONF, { CCXF_Status, -1 } },
    { CCXM_FAILURE_EVENT, { CCXF_Status, -1 } },
    { CCXM_CONTROL_FAILURE_CONF, { CCXF_FailureCode, CCXF_UnifiedCCXErrorCode } },
};

const ccx_failure *ccx_msg_failure(const ccx_msg_def *d)
{
    for (size_t i = 0; d && i < G_N_ELEMENTS(failures); i++)
        if (failures[i].msg == d->id)
            return &failures[i].f;
    return NULL;
}

const ccx_enum_val *ccx_field_null(int field)
{
    if (field < 0 || field >= CCXF_COUNT)
        return NULL;
    facts_init();
    return null_of[field];
}

const char *ccx_null_name(int field, ccx_dtype type, uint32_t u)
{
    if (type != CCX_UINT && type != CCX_INT)
        return NULL;
    const ccx_enum_val *n = ccx_field_null(field);
    return n && n->lo == u ? n->name : NULL;
}

int ccx_value_is_none(int field, const ccx_field_ref *ref, ccx_dtype type, uint32_t u)
{
    if (field < 0 || field >= CCXF_COUNT || !ccx_dtype_is_int(type))
        return 0;
    facts_init();
    if (u == 0 && zero_none[field])
        return 1;
    if (null_of[field] && null_of[field]->lo == u && (type == CCX_UINT || type == CCX_INT))
        return 1;   /* as ccx_null_name */
    if (ref && ref->enm && ref->enm != ccx_fields[field].enm) {   /* the message's own list */
        if (ref->enm->is_mask)
            return 0;
        const ccx_enum_val *v = ccx_enum_lookup(ref->enm, u);
        return v && v->none;
    }
    return own_none[field] && u >= own_none[field]->lo && u <= own_none[field]->hi;
}

unsigned ccx_service_modes(uint32_t services)
{
    facts_init();
    unsigned modes = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(mode_bits); i++)
        if (services & mode_bit[i])
            modes |= mode_bits[i].mode;
    return modes;
}
