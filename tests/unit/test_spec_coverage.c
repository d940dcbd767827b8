/* test_spec_coverage.c - the CCX tables against the spec's own lists.
 *
 * the TSV files in tests/spec/ are copied mechanically from the spec text by
 * tests/spec/extract_spec_lists.py (so the tests need no ../shared): Table
 * 10 and 11 (message ids, names, classes, senders), Table 188 (FieldDataIDs),
 * every enum/mask table, and every fixed and floating row of the message
 * definitions.  Any entry missing from the tables, or spelled differently,
 * fails the test; every mismatch is listed before it fails.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccx_decode.h"
#include "spec_check.h"


/* Spellings the spec uses for one field in different places; the tables
 * use the first.  Each pair is a spec inconsistency, not a typo of ours. */
static const char *const aliases[][2] = {
    { "NumCSQs", "numCSQs" },                  /* AGENT_STATE_EVENT Table 56 */
    { "CallVariable1", "CallVar1" },           /* Table 188 abbreviates */
    { "NumCSQs", "NumCSQ" },                   /* CONFIG_AGENT_EVENT Table 47 */
    { "CSQConfigKey", "CSQueueConfigKey" },    /* CONFIG_BEGIN_EVENT Table 38; Table 188 says CSQConfigKey */
    { "QueueDeviceID", "QueuedDeviceID" },     /* CALL_QUEUED_EVENT Table 96; Table 188 and CALL_DEQUEUED say QueueDeviceID */
    { "ClientAddress", "clientAddress" },      /* RTP_STARTED_EVENT Table 100; Table 188 says ClientAddress */
    { NULL, NULL },
};

static int field_named(const char *name)
{
    int f = ccx_field_by_name(name);
    for (int i = 0; f < 0 && aliases[i][0]; i++)
        if (!strcmp(name, aliases[i][1]))
            f = ccx_field_by_name(aliases[i][0]);
    return f;
}

static void test_message_ids(void)
{
    GPtrArray *rows = load("spec/ccx_messages.tsv");
    unsigned named = 0, reserved = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        uint32_t id = (uint32_t)strtoul(r[0], NULL, 10);
        if (!strcmp(r[1], "reserved")) {
            reserved++;
            if (!ccx_msg_id_is_reserved(id))
                problem("MessageTypeID %u is reserved in Table 11 but not in the tables", id);
            continue;
        }
        named++;
        /* "RTP_STARTED_EVENT (OPTIONAL)": the name is the first word */
        char *name = g_strdup(r[1]);
        char *sp = strchr(name, ' ');
        if (sp)
            *sp = '\0';
        const ccx_msg_def *d = ccx_msg_by_id(id);
        if (!d)
            problem("Table 11: %u %s is missing", id, name);
        else if (strcmp(d->name, name))
            problem("Table 11: %u is %s, the tables say %s", id, name, d->name);
        g_free(name);
    }
    if (named != ccx_n_messages)
        problem("Table 11 names %u message types, the tables define %zu", named, ccx_n_messages);
    if (reserved != ccx_n_reserved_msg_ids)
        problem("Table 11 lists %u reserved ids, the tables %zu", reserved, ccx_n_reserved_msg_ids);
    g_print("# spec coverage: Table 11: %u named message types, %u reserved ids\n", named, reserved);
    finish("message list (Table 11)", rows->len);
    done(rows);
}

static void test_message_classes(void)
{
    static const struct { const char *spec; ccx_msg_class cls; } classes[] = {
        { "Session messages", CCX_CLASS_SESSION },
        { "Error messages", CCX_CLASS_ERROR },
        { "Configuration messages", CCX_CLASS_CONFIG },
        { "Agent-State Messages", CCX_CLASS_AGENT_STATE },
        { "Call-Event Messages", CCX_CLASS_CALL_EVENT },
        { "Client-Control (Call-Control) messages", CCX_CLASS_CALL_CONTROL },
        { "Miscellaneous messages", CCX_CLASS_MISC },
    };
    GPtrArray *rows = load("spec/ccx_message_classes.tsv");
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        if (!strcmp(r[0], "name"))
            continue;
        char *name = g_strdup(r[0]);
        char *sp = strchr(name, ' ');
        if (sp)
            *sp = '\0';
        const ccx_msg_def *d = ccx_msg_by_name(name);
        if (!d) {
            problem("Table 10: %s is missing", name);
            g_free(name);
            continue;
        }
        if (d->id != (uint32_t)strtoul(r[3], NULL, 10))
            problem("Table 10: %s has id %s, the tables %u", name, r[3], d->id);
        int found = 0;
        for (size_t k = 0; k < G_N_ELEMENTS(classes); k++)
            if (!strcmp(classes[k].spec, r[1])) {
                found = 1;
                if (classes[k].cls != d->cls)
                    problem("Table 10: %s is in class \"%s\", the tables say %s", name, r[1],
                            ccx_class_name(d->cls));
            }
        if (!found)
            problem("Table 10: unknown class \"%s\"", r[1]);
        ccx_sender s = !strcmp(r[2], "Client") ? CCX_FROM_CLIENT
                       : !strcmp(r[2], "Unified CCX") ? CCX_FROM_SERVER : CCX_FROM_EITHER;
        if (s != d->sender)
            problem("Table 10: %s is sent by \"%s\", the tables differ", name, r[2]);
        g_free(name);
    }
    finish("message classes (Table 10)", rows->len);
    done(rows);
}

static void test_fielddataids(void)
{
    GPtrArray *rows = load("spec/ccx_fielddataids.tsv");
    unsigned n = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        if (!strcmp(r[0], "tag"))
            continue;
        unsigned lo, hi;
        if (sscanf(r[0], "%u-%u", &lo, &hi) != 2)
            hi = lo = (unsigned)strtoul(r[0], NULL, 10);
        for (unsigned t = lo; t <= hi; t++) {
            n++;
            const ccx_tag_def *td = ccx_tag_by_id((uint8_t)t);
            if (!td) {
                problem("Table 188: FieldDataID %u (%s) is missing", t, r[1]);
                continue;
            }
            if (!strcmp(r[1], "reserved")) {
                if (strcmp(td->name, "reserved"))
                    problem("Table 188: FieldDataID %u is reserved, the tables call it %s", t, td->name);
            } else if (lo == hi && strcmp(td->name, r[1])) {
                problem("Table 188: FieldDataID %u is \"%s\", the tables \"%s\"", t, r[1], td->name);
            } else if (lo != hi && td->field < 0) {
                problem("Table 188: FieldDataID %u (%s) has no field", t, r[1]);
            }
        }
    }
    g_print("# spec coverage: Table 188: %u FieldDataIDs\n", n);
    finish("FieldDataIDs (Table 188)", n);
    done(rows);
}

static const ccx_enum *enum_by_ref(const char *ref)
{
    for (size_t i = 0; i < ccx_n_enums; i++)
        if (!strcmp(ccx_all_enums[i]->spec_ref, ref))
            return ccx_all_enums[i];
    return NULL;
}

static void test_enums(void)
{
    GPtrArray *rows = load("spec/ccx_enums.tsv");
    GHashTable *tables = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        if (!strcmp(r[0], "table"))
            continue;
        g_hash_table_add(tables, r[0]);
        const ccx_enum *e = enum_by_ref(r[0]);
        if (!e) {
            problem("%s: no enum table", r[0]);
            continue;
        }
        char *end;
        unsigned long v = strtoul(r[2], &end, 0);
        int found = 0;
        for (size_t k = 0; k < e->n_vals; k++)
            if (!strcmp(e->vals[k].name, r[1]) && (*end || (v >= e->vals[k].lo && v <= e->vals[k].hi)))
                found = 1;
        if (!found)
            problem("%s: %s = %s is missing", r[0], r[1], r[2]);
    }
    g_print("# spec coverage: %u enum and mask tables, %u values\n", g_hash_table_size(tables),
            rows->len);
    g_hash_table_destroy(tables);
    finish("enum and mask values", rows->len);
    done(rows);
}

static void test_fixed_parts(void)
{
    GPtrArray *rows = load("spec/ccx_fixed_fields.tsv");
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        if (!strcmp(r[0], "message"))
            continue;
        const ccx_msg_def *d = ccx_msg_by_name(r[0]);
        if (!d) {
            problem("%s: message missing", r[0]);
            continue;
        }
        size_t idx = strtoul(r[1], NULL, 10);
        if (idx >= d->n_fixed) {
            problem("%s fixed field %zu (%s) missing", r[0], idx, r[2]);
            continue;
        }
        const ccx_field_ref *f = &d->fixed[idx];
        int fid = field_named(r[2]);
        if ((int)f->field != fid)
            problem("%s fixed field %zu: spec %s, tables %s", r[0], idx, r[2], ccx_fields[f->field].name);
        if (strcmp(ccx_dtype_name(f->type), r[3]))
            problem("%s.%s: spec type %s, tables %s", r[0], r[2], r[3], ccx_dtype_name(f->type));
        if (f->size != strtoul(r[4], NULL, 10))
            problem("%s.%s: spec size %s, tables %u", r[0], r[2], r[4], f->size);
    }
    /* And no fixed field the spec does not have. */
    GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        g_hash_table_insert(count, r[0],
                            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(count, r[0])) + 1));
    }
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, d->name));
        if (n != d->n_fixed)
            problem("%s: spec lists %u fixed fields, tables %zu", d->name, n, d->n_fixed);
    }
    g_hash_table_destroy(count);
    finish("fixed parts (Tables 12-183)", rows->len);
    done(rows);
}

/* Where the tables deliberately depart from a floating row of the spec,
 * because the spec contradicts itself there.  Each is explained in
 * ccx_messages.c beside the message. */
static const struct {
    const char *msg, *name;
    unsigned spec_tag, table_tag;
    const char *table_name;
} float_deviations[] = {
    /* "reserved _[184] (Version 11)" right before "CSQID _[184]": the other
     * CONFIG_*_EVENTs put this reserved field at 208, so do we. */
    { "CONFIG_CSQ_EVENT", "reserved", 184, 208, "reserved" },
    /* The reserved STRING row of Table 80 prints no FieldDataID; the
     * chapter-11 flows show ConnectionDeviceID there. */
    { "CALL_CLEARED_EVENT", "reserved", 0, 25, "ConnectionDeviceID" },
};

/* Floating fields the tables add to a message: NumCTIClients "indicates
 * the number of client signatures and timestamps that are present in the
 * floating part", yet Tables 66 and 70 do not list them. */
static const struct {
    const char *msg;
    unsigned extra;
} float_additions[] = {
    { "BEGIN_CALL_EVENT", 2 },
    { "CALL_DATA_UPDATE_EVENT", 2 },
};

static void test_floating_parts(void)
{
    GPtrArray *rows = load("spec/ccx_floating_fields.tsv");
    GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        if (!strcmp(r[0], "message"))
            continue;
        g_hash_table_insert(count, r[0],
                            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(count, r[0])) + 1));
        const ccx_msg_def *d = ccx_msg_by_name(r[0]);
        if (!d) {
            problem("%s: message missing", r[0]);
            continue;
        }
        unsigned tag = (unsigned)strtoul(r[2], NULL, 10);
        const char *spec_name = r[1];
        for (size_t k = 0; k < G_N_ELEMENTS(float_deviations); k++)
            if (!strcmp(float_deviations[k].msg, r[0]) && !strcmp(float_deviations[k].name, r[1]) &&
                float_deviations[k].spec_tag == tag) {
                tag = float_deviations[k].table_tag;
                spec_name = float_deviations[k].table_name;
                break;
            }
        const ccx_field_ref *f = NULL;
        for (size_t k = 0; k < d->n_floating; k++)
            if (d->floating[k].tag == tag)
                f = &d->floating[k];
        if (!f) {
            problem("%s: floating %s[%u] missing", r[0], r[1], tag);
            continue;
        }
        int fid = field_named(spec_name);
        if ((int)f->field != fid)
            problem("%s[%u]: spec %s, tables %s", r[0], tag, r[1], ccx_fields[f->field].name);
        const char *ty = !strcmp(r[3], "NAMEDARR") ? "NAMEDARRAY" : r[3];
        if (strcmp(ccx_dtype_name(f->type), ty))
            problem("%s.%s: spec type %s, tables %s", r[0], r[1], r[3], ccx_dtype_name(f->type));
        if (f->size != strtoul(r[4], NULL, 10))
            problem("%s.%s: spec maximum %s, tables %u", r[0], r[1], r[4], f->size);
        /* "unmarked": the spec prints neither required nor optional; the
         * Value text may still say "required for Agent mode". */
        int req = !strcmp(r[5], "required"), agent = !strcmp(r[5], "required_agent_mode");
        int unmarked = !strcmp(r[5], "unmarked");
        if (req != !!(f->flags & CCX_REQ) ||
            (!unmarked && agent != !!(f->flags & CCX_REQ_AGENT)))
            problem("%s.%s: spec says %s, tables differ", r[0], r[1], r[5]);
    }
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, d->name));
        for (size_t k = 0; k < G_N_ELEMENTS(float_additions); k++)
            if (!strcmp(float_additions[k].msg, d->name))
                n += float_additions[k].extra;
        if (n != d->n_floating)
            problem("%s: spec lists %u floating fields, tables %zu", d->name, n, d->n_floating);
    }
    g_hash_table_destroy(count);
    finish("floating parts (Tables 12-183)", rows->len);
    done(rows);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/spec/message-ids", test_message_ids);
    g_test_add_func("/spec/message-classes", test_message_classes);
    g_test_add_func("/spec/fielddataids", test_fielddataids);
    g_test_add_func("/spec/enums", test_enums);
    g_test_add_func("/spec/fixed-parts", test_fixed_parts);
    g_test_add_func("/spec/floating-parts", test_floating_parts);
    return g_test_run();
}
