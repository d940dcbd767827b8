/* test_flow_map.c - the CCX -> T-Library mapping table is consistent with
 * the CCX tables, covers every call event, and README.md shows exactly it
 * (and exactly the CSV columns of the code).
 *
 * To refresh README.md after changing the table or the columns:
 *   CTS_UPDATE_README=1 CTS_TEST_DIR=tests build/tests/test_flow_map */
#include <glib.h>
#include <string.h>

#include "cf_map_cap.h"
#include "cf_map_ccx.h"
#include "cf_output.h"
#include "test_util.h"

static int msg_has_field(const ccx_msg_def *d, int field)
{
    for (size_t i = 0; i < d->n_fixed; i++)
        if ((int)d->fixed[i].field == field)
            return 1;
    for (size_t i = 0; i < d->n_floating; i++)
        if ((int)d->floating[i].field == field)
            return 1;
    return 0;
}

/* Every field a row names belongs to its message. */
static void test_rows_match_messages(void)
{
    for (size_t i = 0; i < cf_ccx_map_len; i++) {
        const cf_ccx_row *r = &cf_ccx_map[i];
        const ccx_msg_def *d = ccx_msg_by_id(r->msg);
        g_assert_nonnull(d);
        int cause, cause2;
        cf_ccx_row_causes(r, &cause, &cause2);
        int fields[10] = { r->call, r->ref, r->this_dn[0], r->this_dn[1], r->this_dn[2],
                           r->other_dn[0], r->other_dn[1], r->other_dn[2], cause, cause2 };
        if (r->cause == CF_CCX_FAILURE)   /* a failure message: the decoder names its fields */
            g_assert_cmpint(cause, >=, 0);
        for (int k = 0; k < 10; k++)
            if (fields[k] >= 0 && !msg_has_field(d, fields[k]))
                g_error("%s: the map names %s, which the message does not have", d->name,
                        ccx_fields[fields[k]].name);
        for (size_t j = 0; j < i; j++)
            g_assert_cmpuint(cf_ccx_map[j].msg, !=, r->msg);
        g_assert_true(cf_ccx_row_for(r->msg) == r);
        /* the flags agree with the event */
        if (r->flags & CF_F_MERGE)
            g_assert_true(r->ref >= 0 && r->call >= 0 &&
                          (r->ev == CF_EV_PARTY_CHANGED || r->ev == CF_EV_PARTY_ADDED));
        if (r->flags & (CF_F_DELETE | CF_F_ASSOC_END))
            g_assert_cmpint(r->ev, ==, CF_EV_CALL_DELETED);
        if (r->flags & CF_F_CREATE)
            g_assert_cmpint(r->ev, ==, CF_EV_CALL_CREATED);
        if (cf_evtype_is_call(r->ev))
            g_assert_cmpint(r->call, >=, 0);
        if (r->flags & (CF_F_RENAME | CF_F_SECONDARY))
            g_assert_cmpint(r->ref, >=, 0);
    }
}

/* Every call event of Table 10 is mapped, but the RTP media events. */
static void test_call_events_covered(void)
{
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        if (d->cls != CCX_CLASS_CALL_EVENT)
            continue;
        int rtp = strcmp(d->name, "RTP_STARTED_EVENT") == 0 || strcmp(d->name, "RTP_STOPPED_EVENT") == 0;
        const cf_ccx_row *r = cf_ccx_row_for(d->id);
        if (rtp)
            g_assert_null(r);
        else if (!r)
            g_error("call event %s is not in the map", d->name);
    }
    g_assert_nonnull(cf_ccx_row_for(CCXM_AGENT_STATE_EVENT));
    g_assert_nonnull(cf_ccx_row_for(CCXM_CONTROL_FAILURE_CONF));
    g_assert_nonnull(cf_ccx_row_for(CCXM_FAILURE_CONF));
}

static char *csv_markdown(void)
{
    GString *s = g_string_new("| column | what |\n| --- | --- |\n");
    for (size_t i = 0; i < cf_csv_n_columns; i++)
        g_string_append_printf(s, "| `%s` | %s |\n", cf_csv_columns[i].name, cf_csv_columns[i].what);
    return g_string_free(s, FALSE);
}

/* The text between "<!-- NAME..." and "<!-- /NAME -->" must be `want`. */
static void check_block(const char *name, const char *want)
{
    char *path = cts_test_path("../README.md");
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    char *open = g_strdup_printf("<!-- %s:", name), *close = g_strdup_printf("<!-- /%s -->", name);
    char *a = strstr(text, open);
    g_assert_nonnull(a);
    a = strstr(a, "-->");
    g_assert_nonnull(a);
    a += 3;
    while (*a == '\n')
        a++;
    char *b = strstr(a, close);
    g_assert_nonnull(b);
    char *have = g_strndup(a, (gsize)(b - a));
    g_strchomp(have);
    char *w = g_strdup(want);
    g_strchomp(w);
    if (strcmp(have, w) != 0) {
        if (g_getenv("CTS_UPDATE_README")) {
            GString *s = g_string_new_len(text, (gssize)(a - text));
            g_string_append_printf(s, "%s\n", w);
            g_string_append(s, b);
            g_assert_true(g_file_set_contents(path, s->str, (gssize)s->len, NULL));
            g_string_free(s, TRUE);
            g_printerr("README.md: %s block rewritten\n", name);
        } else {
            g_printerr("README.md's %s block differs from the code; it should read:\n%s\n"
                       "(CTS_UPDATE_README=1 rewrites it)\n", name, w);
            g_assert_cmpstr(have, ==, w);
        }
    }
    g_free(w);
    g_free(have);
    g_free(open);
    g_free(close);
    g_free(text);
    g_free(path);
}

static void test_readme_map(void)
{
    char *md = cf_ccx_map_markdown();
    check_block("cf_ccx_map", md);
    g_free(md);
}

static void test_readme_cap_map(void)
{
    char *md = cf_cap_map_markdown();
    check_block("cf_cap_map", md);
    g_free(md);
}

static void test_readme_csv(void)
{
    char *md = csv_markdown();
    check_block("cf_csv_columns", md);
    g_free(md);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/map/rows-match-messages", test_rows_match_messages);
    g_test_add_func("/flow/map/call-events-covered", test_call_events_covered);
    g_test_add_func("/flow/map/readme-table", test_readme_map);
    g_test_add_func("/flow/map/readme-cap-table", test_readme_cap_map);
    g_test_add_func("/flow/map/readme-csv-columns", test_readme_csv);
    return g_test_run();
}
