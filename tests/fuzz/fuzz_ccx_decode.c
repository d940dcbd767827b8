/* fuzz_ccx_decode - one CCX CTI message, every way the decoder reads it.
 *
 * Input: the bytes of one message (header included), as a framer hands it
 * out.  Checks:
 *   - the fast path agrees with the full decoder (ccx_decode_compact vs
 *     ccx_decode_some + ccx_compact; what "agree" means is
 *     tests/unit/ccx_compact_check.h, the unit test's own check), for
 *     protocol versions 0 (unknown), 10 and 13 and three field filters
 *     (none, every other field, CallID only);
 *   - the full decode, its summary line and the text, --brief and JSON
 *     printers run to the end, and so do the framer's helpers on the
 *     same bytes (ASan and UBSan watch them all).
 */
#include "fuzz_common.h"

#include "ccx_compact_check.h"
#include "ccx_decode.h"
#include "ccx_framer.h"
#include "printer.h"

static ccx_field_filter *keeps[3];
static cts_printer *printers[3];
static ccx_msg *msg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    uint8_t some[CCXF_COUNT] = { 0 }, call_only[CCXF_COUNT] = { 0 };
    for (int f = 0; f < CCXF_COUNT; f += 2)
        some[f] = 1;
    call_only[CCXF_CallID] = 1;
    keeps[1] = ccx_field_filter_new(some);
    keeps[2] = ccx_field_filter_new(call_only);
    printers[0] = cts_printer_new(fz_sink(), CTS_TEXT);
    printers[1] = cts_printer_new(fz_sink(), CTS_BRIEF);
    printers[2] = cts_printer_new(fz_sink(), CTS_JSON);
    printers[0]->show_reserved = 1;
    printers[2]->show_reserved = 1;
    msg = g_new(ccx_msg, 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned versions[] = { 0, 10, 13 };
    compact_tally t = { 0, 0, 0 };
    for (size_t k = 0; k < G_N_ELEMENTS(keeps); k++)
        for (size_t v = 0; v < G_N_ELEMENTS(versions); v++)
            check_compact(data, size, versions[v], keeps[k], &t);

    for (size_t v = 0; v < G_N_ELEMENTS(versions); v++) {
        ccx_decode(data, size, versions[v], msg);
        char name[64], sum[512];
        ccx_msg_name(msg, name, sizeof name);
        ccx_summary(msg, "\u2192", sum, sizeof sum);
        ccx_first_error(msg);
        cts_item_ctx ic = { 7, 1795000000, 123456, "10.0.0.1:42027", "10.0.0.2:50000", "ccx", 0 };
        for (size_t p = 0; p < G_N_ELEMENTS(printers); p++)
            cts_print_ccx(printers[p], &ic, msg);
    }
    ccx_message_clean(data, size);
    ccx_open_req_version(data, size);
    ccx_looks_like(data, size);
    if (size >= CCX_HEADER_LEN)
        ccx_header_plausible(data, 0), ccx_header_plausible(data, 1);
    for (size_t p = 0; p < G_N_ELEMENTS(printers); p++)
        cts_printer_flush(printers[p]);
    return 0;
}
