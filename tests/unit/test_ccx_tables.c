/* test_ccx_tables.c - the CCX tables are consistent with themselves:
 * sizes match types, tags are unique per message, count relations point at
 * fixed count fields, every field is used, filter names are unique, and
 * every message the tables define can be encoded and decoded back. */
#include <glib.h>
#include <string.h>

#include "ccx_decode.h"
#include "ccx_encode.h"
#include "ccx_facts.h"

static int int_class(ccx_dtype t)
{
    return ccx_dtype_size(t) != 0;
}

static void test_messages(void)
{
    GHashTable *ids = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *m = &ccx_messages[i];
        g_assert_false(g_hash_table_contains(ids, GUINT_TO_POINTER(m->id)));
        g_assert_false(g_hash_table_contains(names, m->name));
        g_hash_table_add(ids, GUINT_TO_POINTER(m->id));
        g_hash_table_add(names, (gpointer)m->name);
        g_assert_false(ccx_msg_id_is_reserved(m->id));
        g_assert_true(ccx_msg_by_id(m->id) == m);
        for (size_t k = 0; k < m->n_fixed; k++) {
            const ccx_field_ref *r = &m->fixed[k];
            g_assert_cmpuint(r->field, <, CCXF_COUNT);
            g_assert_cmpuint(r->tag, ==, 0);
            if (int_class(r->type) && ccx_dtype_size(r->type) != r->size)
                g_error("%s fixed %s: %s with size %u", m->name, ccx_fields[r->field].name,
                        ccx_dtype_name(r->type), r->size);
            g_assert_true(int_class(r->type) || r->type == CCX_UNSPEC || r->type == CCX_STRING);
        }
        for (size_t k = 0; k < m->n_floating; k++) {
            const ccx_field_ref *r = &m->floating[k];
            g_assert_cmpuint(r->field, <, CCXF_COUNT);
            g_assert_cmpuint(r->tag, !=, 0);
            for (size_t j = 0; j < k; j++)
                if (m->floating[j].tag == r->tag)
                    g_error("%s: FieldDataID %u listed twice", m->name, r->tag);
            /* The spec gives AutoWork (BOOL, 2 bytes) a maximum of 4: the
             * decoder accepts either length, so only wider is an error. */
            if (int_class(r->type) && (r->size < ccx_dtype_size(r->type) || r->size > 4))
                g_error("%s floating %s: %s with max size %u", m->name, ccx_fields[r->field].name,
                        ccx_dtype_name(r->type), r->size);
            if (r->count_field >= 0) {
                int found = 0;
                for (size_t j = 0; j < m->n_fixed; j++)
                    found |= (int)m->fixed[j].field == r->count_field;
                for (size_t j = 0; j < m->n_floating; j++)
                    found |= (int)m->floating[j].field == r->count_field;
                if (!found)
                    g_error("%s: %s is counted by %s, which the message does not have", m->name,
                            ccx_fields[r->field].name, ccx_fields[r->count_field].name);
                g_assert_true(ccx_fields[r->count_field].roles & CCX_ROLE_COUNT);
            }
        }
    }
    g_test_message("%zu messages, %zu reserved ids", ccx_n_messages, ccx_n_reserved_msg_ids);
    g_hash_table_destroy(ids);
    g_hash_table_destroy(names);
}

/* One field name, one kind of value: a filter field (ccxcti.<name>) has
 * one Wireshark type. */
static void test_field_types_agree(void)
{
    int cls[CCXF_COUNT];
    const char *where[CCXF_COUNT];
    for (int f = 0; f < CCXF_COUNT; f++)
        cls[f] = -1;
    int used[CCXF_COUNT] = { 0 };
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *m = &ccx_messages[i];
        for (int part = 0; part < 2; part++) {
            const ccx_field_ref *refs = part ? m->floating : m->fixed;
            size_t n = part ? m->n_floating : m->n_fixed;
            for (size_t k = 0; k < n; k++) {
                unsigned f = refs[k].field;
                used[f] = 1;
                if (f == CCXF_reserved)
                    continue;
                int c = int_class(refs[k].type) ? 0 : (int)refs[k].type;
                if (cls[f] >= 0 && cls[f] != c)
                    g_error("%s is %s in %s but another kind in %s", ccx_fields[f].name,
                            ccx_dtype_name(refs[k].type), m->name, where[f]);
                cls[f] = c;
                where[f] = m->name;
            }
        }
    }
    for (size_t t = 0; t < ccx_n_tags; t++)
        if (ccx_tags[t].field >= 0)
            used[ccx_tags[t].field] = 1;
    for (int f = 0; f < CCXF_COUNT; f++)
        if (!used[f])
            g_error("field %s is used by no message and no FieldDataID", ccx_fields[f].name);
}

static void test_filter_names(void)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int f = 0; f < CCXF_COUNT; f++) {
        char s[64];
        ccx_snake_name(ccx_fields[f].name, s, sizeof s);
        g_assert_true(g_regex_match_simple("^[a-z][a-z0-9_]*$", s, 0, 0));
        if (g_hash_table_contains(seen, s))
            g_error("two fields map to filter name %s", s);
        g_hash_table_add(seen, g_strdup(s));
    }
    g_hash_table_destroy(seen);
    char s[64];
    g_assert_cmpstr(ccx_snake_name("ConnectionDeviceID", s, sizeof s), ==, "connection_device_id");
    g_assert_cmpstr(ccx_snake_name("CSQID", s, sizeof s), ==, "csqid");
    g_assert_cmpstr(ccx_snake_name("NumCSQs", s, sizeof s), ==, "num_csqs");
    g_assert_cmpstr(ccx_snake_name("DTMFString", s, sizeof s), ==, "dtmf_string");
    g_assert_cmpstr(ccx_snake_name("CallVariable10", s, sizeof s), ==, "call_variable10");
    g_assert_cmpstr(ccx_snake_name("CTIClientSignature", s, sizeof s), ==, "cti_client_signature");
    g_assert_cmpstr(ccx_snake_name("MR Domain ID", s, sizeof s), ==, "mr_domain_id");
    g_assert_cmpstr(ccx_snake_name("LocalConnectionState", s, sizeof s), ==, "local_connection_state");
}

static void test_tags(void)
{
    for (size_t i = 0; i < ccx_n_tags; i++) {
        if (i)
            g_assert_cmpuint(ccx_tags[i - 1].tag, <, ccx_tags[i].tag);
        g_assert_true(ccx_tag_by_id(ccx_tags[i].tag) == &ccx_tags[i]);
    }
    /* Every floating reference's tag is in Table 188 (the spec uses some
     * tags Table 188 calls reserved, e.g. reserved[72], that is fine). */
    for (size_t i = 0; i < ccx_n_messages; i++)
        for (size_t k = 0; k < ccx_messages[i].n_floating; k++) {
            const ccx_field_ref *r = &ccx_messages[i].floating[k];
            const ccx_tag_def *t = ccx_tag_by_id(r->tag);
            if (!t)
                g_test_message("%s: FieldDataID %u (%s) is not in Table 188", ccx_messages[i].name,
                               r->tag, ccx_fields[r->field].name);
        }
}

static void test_enums(void)
{
    for (size_t i = 0; i < ccx_n_enums; i++) {
        const ccx_enum *e = ccx_all_enums[i];
        g_assert_nonnull(e->name);
        g_assert_cmpuint(e->n_vals, >, 0);
        for (size_t k = 0; k < e->n_vals; k++) {
            g_assert_true(e->vals[k].name && e->vals[k].name[0]);
            g_assert_cmpuint(e->vals[k].lo, <=, e->vals[k].hi);
        }
    }
}

/* Every defined message encodes (fixed part from the table, no floating
 * fields) and decodes back to itself with nothing worse than warnings
 * about missing required fields. */
static void test_roundtrip(void)
{
    static ccx_msg m;
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        GByteArray *b = g_byte_array_new();
        char err[256];
        if (ccx_encode_text(d->name, b, err, sizeof err) < 0)
            g_error("%s: %s", d->name, err);
        ccx_decode(b->data, b->len, 0, &m);
        g_assert_true(m.def == d);
        for (unsigned k = 0; k < m.n_diags; k++) {
            if (m.diags[k].sev == CCX_SEV_ERROR ||
                (d->n_fixed + d->n_floating && !strstr(m.diags[k].text, "is missing")))
                g_error("%s: %s", d->name, m.diags[k].text);
        }
        g_assert_true(ccx_message_clean(b->data, b->len) || d->n_fixed + d->n_floating == 0);
        g_byte_array_unref(b);
    }
}

/* ccx_enum_lookup answers through a direct index for values below 256:
 * it must give the entry a scan of the table gives (the first range that
 * covers the value), for every enum, for values inside, between and past
 * the listed ones. */
static void test_enum_lookup(void)
{
    unsigned checked = 0, named = 0;
    for (size_t k = 0; k < ccx_n_enums; k++) {
        const ccx_enum *e = ccx_all_enums[k];
        for (uint32_t v = 0; v < 300; v++) {
            const ccx_enum_val *want = NULL;
            for (size_t i = 0; i < e->n_vals && !want; i++)
                if (v >= e->vals[i].lo && v <= e->vals[i].hi)
                    want = &e->vals[i];
            const ccx_enum_val *got = ccx_enum_lookup(e, v);
            if (got != want)
                g_test_message("%s value %u: got %s, want %s", e->name, v,
                               got ? got->name : "none", want ? want->name : "none");
            g_assert_true(got == want);
            checked++;
            named += want != NULL;
        }
    }
    g_assert_cmpuint(checked, ==, 300 * ccx_n_enums);
    g_assert_cmpuint(named, >, 200);   /* the tables do name values */
    /* a known value, to be sure the check above compared real entries */
    const ccx_enum_val *v = ccx_enum_lookup(&ccx_enum_lcs, 2);
    g_assert_nonnull(v);
    g_assert_cmpstr(v->name, ==, "LCS_ALERTING");
}

/* The "no value" facts come from the tables' none rows and Table 198. */
static void test_none_values(void)
{
    uint32_t null_call = ccx_enum_by_name(&ccx_enum_special, "NULL_CALL_ID")->lo;
    uint32_t cec_none = ccx_enum_by_name(&ccx_enum_event_cause, "CEC_NONE")->lo;
    g_assert_cmpstr(ccx_null_name(CCXF_CallID, CCX_UINT, null_call), ==, "NULL_CALL_ID");
    g_assert_cmpstr(ccx_null_name(CCXF_CSQID, CCX_INT, null_call), ==, "NULL_CSQ");
    g_assert_cmpstr(ccx_null_name(CCXF_ApplicationID, CCX_UINT, null_call), ==, "NULL_APPLICATION");
    g_assert_null(ccx_null_name(CCXF_CallID, CCX_UINT, 16777507));
    g_assert_null(ccx_null_name(CCXF_EventCause, CCX_USHORT, cec_none));
    g_assert_null(ccx_field_null(CCXF_EventCause));
    g_assert_true(ccx_value_is_none(CCXF_SecondaryCallID, NULL, CCX_UINT, null_call));
    g_assert_true(ccx_value_is_none(CCXF_SecondaryCallID, NULL, CCX_UINT, 0));
    g_assert_true(ccx_value_is_none(CCXF_NewCallID, NULL, CCX_UINT, 0));
    g_assert_false(ccx_value_is_none(CCXF_CallID, NULL, CCX_UINT, 0));
    g_assert_false(ccx_value_is_none(CCXF_CallID, NULL, CCX_UINT, 16777507));
    g_assert_true(ccx_value_is_none(CCXF_EventCause, NULL, CCX_USHORT, cec_none));
    g_assert_false(ccx_value_is_none(CCXF_EventCause, NULL, CCX_USHORT, 22));   /* CEC_NEW_CALL */
    g_assert_true(ccx_value_is_none(CCXF_EventReasonCode, NULL, CCX_USHORT, 0));
    g_assert_true(ccx_value_is_none(CCXF_LocalConnectionState, NULL, CCX_USHORT,
                                    ccx_enum_by_name(&ccx_enum_lcs, "LCS_NONE")->lo));
    g_assert_false(ccx_value_is_none(CCXF_LocalConnectionState, NULL, CCX_USHORT, 0));   /* LCS_NULL */
    g_assert_false(ccx_value_is_none(CCXF_CallID, NULL, CCX_STRING, 0));
    /* every none row is a "no value" row of its list */
    for (size_t k = 0; k < ccx_n_enums; k++)
        for (size_t i = 0; i < ccx_all_enums[k]->n_vals; i++)
            if (ccx_all_enums[k]->vals[i].none)
                g_assert_true(strstr(ccx_all_enums[k]->vals[i].name, "NONE") ||
                              strncmp(ccx_all_enums[k]->vals[i].name, "NULL_", 5) == 0);
}

/* The fields that carry a failure message's failure. */
static void test_failure_fields(void)
{
    const ccx_failure *f = ccx_msg_failure(ccx_msg_by_id(CCXM_CONTROL_FAILURE_CONF));
    g_assert_nonnull(f);
    g_assert_cmpint(f->code, ==, CCXF_FailureCode);
    g_assert_cmpint(f->detail, ==, CCXF_UnifiedCCXErrorCode);
    f = ccx_msg_failure(ccx_msg_by_name("FAILURE_CONF"));
    g_assert_nonnull(f);
    g_assert_cmpint(f->code, ==, CCXF_Status);
    g_assert_cmpint(f->detail, ==, -1);
    g_assert_nonnull(ccx_msg_failure(ccx_msg_by_name("FAILURE_EVENT")));
    g_assert_null(ccx_msg_failure(ccx_msg_by_name("CLOSE_REQ")));   /* has a Status, is no failure */
    g_assert_null(ccx_msg_failure(NULL));
    /* each is a fixed field of its message */
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        if (!(f = ccx_msg_failure(d)))
            continue;
        int seen = 0;
        for (size_t j = 0; j < d->n_fixed; j++)
            seen += (int)d->fixed[j].field == f->code || (int)d->fixed[j].field == f->detail;
        g_assert_cmpint(seen, ==, f->detail >= 0 ? 2 : 1);
    }
}

/* The session modes come from the Table 22 bits. */
static void test_service_modes(void)
{
    uint32_t all = ccx_enum_by_name(&ccx_enum_service_mask, "CTI_SERVICE_ALL_EVENTS")->lo;
    uint32_t client = ccx_enum_by_name(&ccx_enum_service_mask, "CTI_SERVICE_CLIENT_EVENTS")->lo;
    uint32_t control = ccx_enum_by_name(&ccx_enum_service_mask, "CTI_SERVICE_CLIENT_CONTROL")->lo;
    g_assert_cmpuint(ccx_service_modes(all), ==, CCX_MODE_BRIDGE);
    g_assert_cmpuint(ccx_service_modes(client | control), ==, CCX_MODE_AGENT);
    g_assert_cmpuint(ccx_service_modes(all | client), ==, CCX_MODE_AGENT | CCX_MODE_BRIDGE);
    g_assert_cmpuint(ccx_service_modes(control), ==, 0);
    g_assert_null(ccx_enum_by_name(&ccx_enum_service_mask, "CTI_SERVICE_NO_SUCH_BIT"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tables/messages", test_messages);
    g_test_add_func("/tables/field-types-agree", test_field_types_agree);
    g_test_add_func("/tables/filter-names", test_filter_names);
    g_test_add_func("/tables/tags", test_tags);
    g_test_add_func("/tables/enums", test_enums);
    g_test_add_func("/tables/enum-lookup", test_enum_lookup);
    g_test_add_func("/tables/none-values", test_none_values);
    g_test_add_func("/tables/failure-fields", test_failure_fields);
    g_test_add_func("/tables/service-modes", test_service_modes);
    g_test_add_func("/tables/roundtrip", test_roundtrip);
    return g_test_run();
}
