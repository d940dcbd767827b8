/* ccx_compact_check.h - what "the fast path agrees with the full decoder"
 * means, in one place: test_ccx_decode's /decode/compact-same-as-full runs
 * it on the flow scripts' messages and their corruptions, the fuzz target
 * tests/fuzz/fuzz_ccx_decode.c on whatever libFuzzer makes.  A
 * disagreement aborts (g_error / g_assert), which both report. */
#ifndef CCX_COMPACT_CHECK_H
#define CCX_COMPACT_CHECK_H

#include <glib.h>
#include <string.h>
#include "ccx_decode.h"

typedef struct compact_tally {
    unsigned fast, declined_clean, declined_bad;
} compact_tally;

static inline void check_compact(const uint8_t *p, size_t n, unsigned version, const ccx_field_filter *keep,
                                 compact_tally *t)
{
    static ccx_msg full;
    static ccx_field_value want[CCX_MAX_FIELDS];
    enum { ROOM = 48 };
    ccx_field_value got[ROOM];
    ccx_decode_some(p, n, version, keep, &full);
    unsigned nw = ccx_compact(&full, keep, want);
    ccx_msg_head head;
    head.def = (const ccx_msg_def *)&full;   /* must be overwritten */
    int ng = ccx_decode_compact(p, n, version, keep, got, ROOM, &head);
    int clean = full.max_sev_plus1 <= CCX_SEV_NOTE + 1;
    g_assert_true(head.def == full.def);
    if (ng >= 0) {
        if (!clean)
            g_error("compact decoded a message with \"%s\"", full.diags[0].text);
        g_assert_cmpint(ng, ==, (int)nw);
        /* the head as the full decoder's, but for the notes it does not count */
        g_assert_cmpuint(head.body_len, ==, full.body_len);
        g_assert_cmpuint(head.type_id, ==, full.type_id);
        g_assert_cmpuint(head.len, ==, full.len);
        g_assert_cmpuint(head.fixed_end, ==, full.fixed_end);
        g_assert_cmpuint(head.version, ==, full.version);
        g_assert_cmpuint(head.n_fields, ==, nw);
        g_assert_cmpuint(head.n_diags, ==, 0);
        g_assert_cmpuint(head.diags_dropped, ==, 0);
        g_assert_cmpuint(head.max_sev_plus1, ==, 0);
        for (int i = 0; i < ng; i++)
            if (memcmp(&got[i], &want[i], sizeof got[i]) != 0)
                g_error("compact field %d (%s) differs from the full decoder's", i,
                        ccx_fields[want[i].field].name);
        t->fast++;
        return;
    }
    if (!clean) {
        t->declined_bad++;
        return;
    }
    /* a clean message may be declined only for the reasons the API gives */
    int gated = 0;
    for (size_t i = 0; full.def && i < full.def->n_fixed; i++)
        gated |= full.def->fixed[i].min_version != 0;
    int no_body = !full.def || full.def->n_fixed + full.def->n_floating == 0;
    if (!no_body && !gated && full.n_fields <= ROOM)
        g_error("compact declined a clean %s message (%zu bytes)", full.def->name, n);
    t->declined_clean++;
}

#endif
