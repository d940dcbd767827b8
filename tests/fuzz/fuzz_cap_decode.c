/* fuzz_cap_decode - one BroadWorks CAP document, every way it is read.
 *
 * Input: the bytes of one document, as the framer hands it out.  Checks:
 *   - decoding does not depend on what was decoded before: the CLI decodes
 *     a connection's documents in stream order with one reused cap_msg,
 *     the plugin decodes them again on every pass Wireshark makes, in the
 *     order the user clicks, so the same bytes must give the same items
 *     and diagnostics in a cap_msg that decoded the previous inputs (its
 *     GMarkup context reused) and in a fresh one;
 *   - the summary line, the OCI labels and the text, --brief and JSON
 *     printers run to the end (ASan and UBSan watch them all).
 */
#include "fuzz_common.h"

#include "cap_decode.h"
#include "cap_framer.h"
#include "printer.h"

static cts_printer *printers[3];
static cap_msg reused;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    printers[0] = cts_printer_new(fz_sink(), CTS_TEXT);
    printers[1] = cts_printer_new(fz_sink(), CTS_BRIEF);
    printers[2] = cts_printer_new(fz_sink(), CTS_JSON);
    cap_msg_init(&reused);
    return 0;
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* a and b decoded the same bytes: the same result. */
static void check_same(const cap_msg *a, const cap_msg *b)
{
    FZ_CHECK(a->proto == b->proto && a->command == b->command && a->root == b->root,
             "document kind: %d/%d, command %p/%p, root %d/%d", a->proto, b->proto,
             (const void *)a->command, (const void *)b->command, a->root, b->root);
    FZ_CHECK(same_str(a->protocol, b->protocol) && same_str(a->version, b->version) &&
                 same_str(a->command_type, b->command_type), "root attributes differ");
    FZ_CHECK(a->n_items == b->n_items && a->items_dropped == b->items_dropped, "items: %u/%u",
             a->n_items, b->n_items);
    for (unsigned i = 0; i < a->n_items; i++) {
        const cap_item *x = &a->items[i], *y = &b->items[i];
        FZ_CHECK(x->kind == y->kind && x->depth == y->depth && x->flags == y->flags &&
                     x->parent == y->parent && x->elem == y->elem && x->attr == y->attr &&
                     x->enum_val == y->enum_val && x->offset == y->offset && x->length == y->length &&
                     x->value_offset == y->value_offset && x->value_raw_len == y->value_raw_len &&
                     x->name_len == y->name_len && x->value_len == y->value_len &&
                     same_str(x->name, y->name) && same_str(x->value, y->value),
                 "item %u differs (offset %u/%u, flags %u/%u)", i, x->offset, y->offset, x->flags,
                 y->flags);
    }
    FZ_CHECK(a->n_diags == b->n_diags && a->diags_dropped == b->diags_dropped &&
                 a->max_sev_plus1 == b->max_sev_plus1, "diagnostics: %u/%u", a->n_diags, b->n_diags);
    for (unsigned i = 0; i < a->n_diags; i++)
        FZ_CHECK(a->diags[i].sev == b->diags[i].sev && a->diags[i].offset == b->diags[i].offset &&
                     a->diags[i].item == b->diags[i].item && !strcmp(a->diags[i].text, b->diags[i].text),
                 "diagnostic %u: \"%s\" / \"%s\"", i, a->diags[i].text, b->diags[i].text);
    FZ_CHECK(a->xml_error == b->xml_error && a->xml_error_offset == b->xml_error_offset &&
                 a->xml_error_line == b->xml_error_line && a->xml_error_column == b->xml_error_column &&
                 !strcmp(a->xml_error_text, b->xml_error_text), "XML error: \"%s\" / \"%s\"",
             a->xml_error_text, b->xml_error_text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cap_decode(data, size, &reused);
    cap_msg fresh;
    cap_msg_init(&fresh);
    cap_decode(data, size, &fresh);
    check_same(&reused, &fresh);
    cap_msg_free(&fresh);

    char sum[1024];
    cap_summary(&reused, sum, sizeof sum);
    cap_oci oci;
    cap_oci_info(&reused, &oci);
    cap_awaited_response(&reused);
    for (unsigned i = 0; i < reused.n_items; i++) {
        cap_item_is_call_id(&reused, i);
        cap_release_cause_shown(&reused, i);
        cap_item_says_failed(&reused.items[i]);
        cap_item_field(&reused.items[i]);
    }
    cts_item_ctx ic = { 9, 1795000000, 654321, "10.0.0.1:2208", "10.0.0.2:40000",
                        reused.proto == CAP_DOC_OCI ? "oci" : "cap", 0 };
    for (size_t p = 0; p < G_N_ELEMENTS(printers); p++) {
        cts_print_cap(printers[p], &ic, &reused);
        cts_printer_flush(printers[p]);
    }
    /* the framer's stateless helpers on the same bytes */
    size_t start, end;
    cap_find_document(data, size, &start, &end);
    cap_looks_like(data, size);
    return 0;
}
