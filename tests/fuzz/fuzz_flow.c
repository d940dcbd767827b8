/* fuzz_flow - the call-flow engine fed decoded messages, and every one of
 * its outputs.
 *
 * Input: one byte of options, then records:
 *   byte  what: bits 0-2  0 a CCX session, 1 a CAP session, 2 a CCX
 *         message, 3 a CAP document, 4 a stream problem, 5 a capture gap,
 *         6 the end of a session, 7 a stream problem of error severity;
 *         bits 3-7: time passing before it, in steps of 131 ms (0-4 s;
 *         some records are 2 s apart, the grace and the copy window)
 *   byte  the session (which of those created so far, modulo their
 *         number); bit 7: sent by the client
 *   2 bytes length, then that many bytes: the message, the document, the
 *         problem's text, the gap's missing byte count (as text)
 * Records for a session before any was created create a CCX one.  Options:
 * bit 0 keep agent steps (--agents), bit 1 no event notes (--calls --csv),
 * bits 2-3 a filter (none, --call 16777507, --dn 2005, --from/--to around
 * the first record), bits 4-5 the clock's start (2026, 1970, year 9999 less
 * a day, an hour before midnight).
 * Every call is printed as it is emitted, as a ladder, JSON and CSV; at the
 * end the calls left, agents, queues and the summary, in text and JSON.
 * Checks: ASan and UBSan find nothing; the engine's live calls are none
 * after the end.
 */
#include "fuzz_common.h"

#include <glib.h>

#include "cap_decode.h"
#include "ccx_decode.h"
#include "ccx_framer.h"
#include "cf_engine.h"
#include "cf_map_cap.h"
#include "cf_map_ccx.h"
#include "cf_output.h"

static ccx_msg *msg;
static cap_msg doc;
static cf_input *wire;
static GString *scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    msg = g_new(ccx_msg, 1);
    cap_msg_init(&doc);
    wire = g_new0(cf_input, 1);
    scratch = g_string_sized_new(4096);
    return 0;
}

static void on_call(void *ctx, const cf_engine *e, const cf_call *c)
{
    (void)ctx;
    g_string_truncate(scratch, 0);
    cf_call_text(scratch, e, c, 0);
    cf_call_text(scratch, e, c, 1);
    cf_call_json(scratch, e, c);
    cf_call_csv(scratch, e, c);
    fwrite(scratch->str, 1, scratch->len, fz_sink());
}

static void emit_cap(void *ud, cf_input *w)
{
    cf_engine_feed(ud, w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    uint8_t opt = fz_u8(&in);
    static const int64_t starts[] = { INT64_C(1795313296) * 1000000, 0,
                                      (INT64_C(253402300799) - 86400) * 1000000,
                                      INT64_C(1795391999) * 1000000 - 3600000000 };
    int64_t ts = starts[(opt >> 4) & 3];
    cf_options o;
    cf_options_default(&o);
    o.keep_agent_steps = opt & 1;
    o.no_event_notes = (opt >> 1) & 1;
    cf_filter filt;
    cf_filter_init(&filt);
    switch ((opt >> 2) & 3) {
    case 1: filt.call_id = "16777507"; break;
    case 2: filt.dn = "2005"; break;
    case 3: filt.from = ts + 1000000; filt.to = ts + 30000000; break;
    }
    cf_engine *e = cf_engine_new(&o, &filt, on_call, NULL);
    cf_cap_ctx *capx = cf_cap_ctx_new();
    uint32_t sessions[16];
    unsigned versions[16] = { 0 };
    unsigned n_sessions = 0;
    uint64_t frame = 0;
    char text[512];

    while (in.n) {
        uint8_t what = fz_u8(&in), who = fz_u8(&in);
        size_t len;
        const uint8_t *p = fz_bytes(&in, fz_u16(&in), &len);
        ts += (int64_t)(what >> 3) * 131000;
        frame++;
        int kind = what & 7, from_client = who >> 7;
        if (kind <= 1 || !n_sessions) {
            if (n_sessions == G_N_ELEMENTS(sessions))
                continue;
            char server[32], client[32];
            snprintf(server, sizeof server, "10.0.0.%u:%u", 1 + n_sessions % 2, kind == 1 ? 2208 : 42027);
            snprintf(client, sizeof client, "10.0.1.%u:%u", n_sessions, 50000 + n_sessions);
            versions[n_sessions] = 0;
            sessions[n_sessions++] = cf_engine_session(e, kind == 1 ? "cap" : "ccx", server, client, frame, ts);
            if (kind <= 1)
                continue;
        }
        unsigned k = (who & 0x7f) % n_sessions;
        uint32_t sid = sessions[k];
        switch (kind) {
        case 2: {
            ccx_decode(p, len, versions[k], msg);
            unsigned v = ccx_open_req_version(p, len);
            if (v)
                versions[k] = v;
            cf_ccx_fill(wire, msg);
            wire->session = sid;
            wire->frame = frame;
            wire->ts = ts;
            wire->from_client = from_client;
            cf_engine_feed(e, wire);
            break;
        }
        case 3:
            cap_decode(p, len, &doc);
            cf_input_reset(wire);
            wire->session = sid;
            wire->frame = frame;
            wire->ts = ts;
            wire->from_client = from_client;
            cf_cap_fill(capx, &doc, wire, emit_cap, e);
            break;
        case 4:
        case 7:
            snprintf(text, sizeof text, "%.*s", (int)len, (const char *)p);
            cf_engine_problem(e, sid, frame, ts, kind == 7, from_client, text);
            break;
        case 5: {
            uint64_t missing = 0;
            for (size_t i = 0; i < len && i < 8; i++)
                missing = missing << 8 | p[i];
            cf_engine_gap(e, sid, frame, ts, missing ? missing : 1, from_client);
            break;
        }
        case 6:
            cf_engine_session_end(e, sid, len && p[0] & 1 ? "RST" : "FIN", frame, ts);
            break;
        }
    }
    cf_engine_finish(e);
    FZ_CHECK(cf_engine_live_calls(e) == 0, "%zu calls live after the end", cf_engine_live_calls(e));
    for (int fmt = CF_FMT_TEXT; fmt <= CF_FMT_JSON; fmt++) {
        cf_out *out = cf_out_new(fz_sink(), (cf_fmt)fmt, fmt == CF_FMT_TEXT && (opt & 64));
        cf_out_calls_end(out, e);
        cf_out_agents(out, e);
        cf_out_queues(out, e);
        cf_out_summary(out, e);
        cf_out_free(out);
    }
    cf_cap_ctx_free(capx);
    cf_engine_free(e);
    return 0;
}
