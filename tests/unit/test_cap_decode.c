/* test_cap_decode.c - the CAP decoder on real bytes: every XML sample of
 * the spec (tests/spec/cap_samples/, copied by extract_cap_lists.py), and
 * each decoding rule on a sample changed in one place.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cap_decode.h"
#include "test_util.h"

static char *read_sample(const char *name, gsize *len)
{
    char *rel = g_build_filename("spec", "cap_samples", name, NULL);
    char *path = cts_test_path(rel);
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, len, &err))
        g_error("%s", err->message);
    g_free(path);
    g_free(rel);
    return text;
}

/* GMarkup quotes with typographic marks in some versions and languages
 * and not in others; compare messages with plain quotes and dashes. */
static char *plain(const char *s)
{
    GString *o = g_string_new(NULL);
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == 0x201c || c == 0x201d || c == 0x2018 || c == 0x2019)
            g_string_append_c(o, '"');
        else if (c == 0x2014 || c == 0x2013)
            g_string_append_c(o, '-');
        else
            g_string_append_unichar(o, c);
    }
    return g_string_free(o, FALSE);
}

static int has_diag(const cap_msg *m, cap_severity sev, const char *text)
{
    char *want = plain(text);
    int found = 0;
    for (unsigned i = 0; i < m->n_diags && !found; i++) {
        char *got = plain(m->diags[i].text);
        found = m->diags[i].sev == sev && !strcmp(got, want);
        g_free(got);
    }
    g_free(want);
    return found;
}

static void dump_diags(const char *what, const cap_msg *m)
{
    for (unsigned i = 0; i < m->n_diags; i++)
        g_printerr("  %s: %s @%u: %s\n", what, cap_severity_name(m->diags[i].sev),
                   m->diags[i].offset, m->diags[i].text);
}

/* Every item's offset points at what it says it is. */
static void check_offsets(const char *name, const char *doc, size_t len, const cap_msg *m)
{
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        g_assert_cmpuint(it->offset, <=, len);
        g_assert_cmpuint(it->offset + it->length, <=, len);
        if (it->kind == CAP_ITEM_ELEMENT) {
            if (doc[it->offset] != '<' || memcmp(doc + it->offset + 1, it->name, it->name_len))
                g_error("%s: item %u <%s> not at offset %u", name, i, it->name, it->offset);
            if (!(it->flags & CAP_IF_UNCLOSED) && !(it->flags & CAP_IF_EMPTY_TAG)) {
                /* ends with "</name" + blanks + ">" */
                g_assert_cmpint(doc[it->offset + it->length - 1], ==, '>');
            }
            /* raw text equals the value unless entities, CR (XML 2.11) or
             * comments/CDATA were resolved */
            if (it->value && !(it->flags & CAP_IF_UNCLOSED) && it->value_len &&
                !memchr(doc + it->value_offset, '&', it->value_raw_len) &&
                !memchr(doc + it->value_offset, '\r', it->value_raw_len) &&
                !memchr(doc + it->value_offset, '<', it->value_raw_len))
                g_assert_cmpint(memcmp(doc + it->value_offset, it->value, it->value_len), ==, 0);
        } else if (it->kind == CAP_ITEM_ATTRIBUTE) {
            if (memcmp(doc + it->offset, it->name, it->name_len))
                g_error("%s: attribute %u %s not at offset %u", name, i, it->name, it->offset);
            /* entities resolved, and blanks normalised (XML 3.3.3) */
            int plain_raw = !memchr(doc + it->value_offset, '&', it->value_raw_len) &&
                            !memchr(doc + it->value_offset, '\n', it->value_raw_len) &&
                            !memchr(doc + it->value_offset, '\r', it->value_raw_len) &&
                            !memchr(doc + it->value_offset, '\t', it->value_raw_len);
            if (plain_raw) {
                g_assert_cmpuint(it->value_raw_len, ==, it->value_len);
                g_assert_cmpint(memcmp(doc + it->value_offset, it->value, it->value_len), ==, 0);
            }
            g_assert_cmpint(doc[it->offset + it->length - 1], ==, doc[it->value_offset - 1]);
        } else {
            g_assert_cmpint(memcmp(doc + it->value_offset, it->value, it->value_len), ==, 0);
        }
        if (it->parent >= 0) {
            g_assert_cmpint(it->parent, <, (int)i);
            g_assert_cmpint(m->items[it->parent].kind, ==, CAP_ITEM_ELEMENT);
            g_assert_cmpuint(m->items[it->parent].depth + 1, ==, it->depth);
        } else {
            g_assert_cmpuint(it->depth, ==, 0);
        }
    }
}

/* ------------------------------------------------------------------------
 * The spec's samples.
 * ---------------------------------------------------------------------- */

/* The samples that are not well-formed XML, and exactly what GMarkup says
 * (line and column within the sample file, offset, message).  Each comment
 * quotes the broken line of the spec. */
static const struct {
    const char *file;
    unsigned line, column, offset;
    const char *message;
} malformed[] = {
    /* 6.10.1, spec line 2955:
     *   <linePort>2403649001@192.168.1.76<linePort>          (no '/': never closed) */
    { "6.10.1_callUpdate_1.xml", 22, 15, 1029,
      "Element \"call\" was closed, but the currently open element is \"linePort\"" },
    /* 6.10.1, spec line 2992:
     *   <DNISNumber>7034556766</localAltType>                 (wrong end tag) */
    { "6.10.1_callUpdate_2.xml", 22, 50, 957,
      "Element \"localAltType\" was closed, but the currently open element is \"DNISNumber\"" },
    /* 6.10.1 (CCC2 sample), spec line 3056:
     *   applicationId></applicationId>                        (lost its '<') */
    { "6.10.1_callUpdate_4.xml", 21, 38, 931,
      "Element \"applicationId\" was closed, but the currently open element is \"user\"" },
    /* 6.20, spec line 4838:
     *   <queueCall callId="localHost3435:0 >                  (no closing quote: the value
     *   runs to the end of the document) */
    { "6.20_queueUpdate_1.xml", 32, 21, 1293,
      "Document ended unexpectedly while inside an attribute value" },
    /* 6.20, spec line 4864:
     *   <queueCall callId="localHost3234:0 />                 (no closing quote; and the
     *   queue is closed by "<queue>") */
    { "6.20_queueUpdate_2.xml", 13, 21, 383,
      "Document ended unexpectedly while inside an attribute value" },
    /* 6.20, spec line 4882: the same line, in the CallTransferred sample */
    { "6.20_queueUpdate_3.xml", 13, 21, 437,
      "Document ended unexpectedly while inside an attribute value" },
    /* 6.20, spec line 4899:
     *   <queueCall callId="localHost3234:0>                   (no closing quote) */
    { "6.20_queueUpdate_4.xml", 15, 21, 478,
      "Document ended unexpectedly while inside an attribute value" },
    /* 6.24, spec line 5332:
     *   <numCallsInQueue>2</ numCallsInQueue >                (a blank after "</") */
    { "6.24_queueInfoResponse_1.xml", 8, 31, 319,
      "\" \" is not a valid character following the characters \"</\"; \" \" may not begin an "
      "element name" },
};

/* Everything the decoder says about the samples (well-formed or not),
 * besides the XML errors above.  Every other sample decodes without a
 * single diagnostic. */
static const struct {
    const char *file;
    cap_severity sev;
    const char *text;
} sample_diags[] = {
    /* the never-closed linePort swallows the rest of the call */
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "text \"2403649001@192.168.1.76\" inside <linePort>, which holds elements" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<linePort> is not expected inside <linePort> (the spec puts it in: call)" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<redirectFromCountryCode> is not expected inside <linePort> (the spec puts it in: call)" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<redirectFromNumber> is not expected inside <linePort> (the spec puts it in: call)" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<redirectFromName> is not expected inside <linePort> (the spec puts it in: call)" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<redirectFromReason> is not expected inside <linePort> (the spec puts it in: call)" },
    { "6.10.1_callUpdate_1.xml", CAP_SEV_WARN,
      "<callStartTime> is not expected inside <linePort> (the spec puts it in: call)" },
    /* the CCC2 sample says redirectToNumber, the DTD redirectToNum */
    { "6.10.1_callUpdate_4.xml", CAP_SEV_NOTE,
      "<redirectToNumber> is the prose/sample spelling of <redirectToNum>" },
    { "6.10.1_callUpdate_4.xml", CAP_SEV_WARN,
      "text \"applicationId>\" inside <user>, which holds elements" },
    /* 6.12 failure sample: <action actiontype=...> (lower-case t) */
    { "6.12_callActionResponse_2.xml", CAP_SEV_WARN, "unknown attribute actiontype of <action>" },
    { "6.12_callActionResponse_2.xml", CAP_SEV_WARN,
      "<action> lacks its required attribute actionType" },
    { "6.12_callActionResponse_2.xml", CAP_SEV_NOTE,
      "result: success=\"False\": the call action failed" },
    { "6.19_monitoringUsersResponse_2.xml", CAP_SEV_NOTE,
      "monResult: success=\"False\": at least one user could not be added or removed" },
    { "6.19_monitoringUsersResponse_2.xml", CAP_SEV_NOTE,
      "failedUser: failureReason UnauthorizedUser (not in the attendant console user's group "
      "or enterprise)" },
    /* 6.21 refresh sample: a second applicationId directly in commandData */
    { "6.21_queueAction_3.xml", CAP_SEV_WARN,
      "<applicationId> is not expected inside <commandData> (the spec puts it in: user)" },
    /* 6.24 sample: <callcenter>, the DTD's callCenter */
    { "6.24_queueInfoResponse_1.xml", CAP_SEV_NOTE,
      "<callcenter> is the prose/sample spelling of <callCenter>" },
    { "6.3.2_responseAuthentication_1.xml", CAP_SEV_NOTE,
      "failure: failureCause NetworkServerConnectivityFailure (the Open Client Server cannot "
      "connect to the Network Server)" },
    { "6.5.3_registerResponse_1.xml", CAP_SEV_NOTE,
      "failure: failureCause UnauthorizedAttendantConsole (the user has no attendant console "
      "functionality)" },
    /* 6.9.3 sample: <voiceMessaging> twice */
    { "6.9.3_profileUpdate_1.xml", CAP_SEV_NOTE,
      "<voiceMessaging> appears again inside <user>: the spec allows it once" },
};

static void test_samples(void)
{
    char *dir = cts_test_path("spec/cap_samples");
    GDir *d = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(d);
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    const char *f;
    while ((f = g_dir_read_name(d)))
        if (g_str_has_suffix(f, ".xml"))
            g_ptr_array_add(files, g_strdup(f));
    g_dir_close(d);
    g_free(dir);
    g_ptr_array_sort(files, (GCompareFunc)g_strcmp0);
    g_assert_cmpuint(files->len, ==, 76);

    cap_msg m;
    cap_msg_init(&m);
    unsigned n_malformed = 0, n_expected = 0;
    for (guint i = 0; i < files->len; i++) {
        const char *name = files->pdata[i];
        gsize len;
        char *doc = read_sample(name, &len);
        cap_decode((const uint8_t *)doc, len, &m);
        check_offsets(name, doc, len, &m);
        g_assert_cmpint(m.proto, ==, CAP_DOC_CAP);
        g_assert_nonnull(m.command);
        /* the file name says the command */
        char *cmd = g_strdup(strchr(name, '_') + 1);
        *strrchr(cmd, '_') = '\0';
        g_assert_cmpstr(m.command_type, ==, cmd);
        g_free(cmd);

        int bad = -1;
        for (size_t k = 0; k < G_N_ELEMENTS(malformed); k++)
            if (!strcmp(malformed[k].file, name))
                bad = (int)k;
        unsigned expected = 0;
        if (bad >= 0) {
            n_malformed++;
            expected++;
            if (!m.xml_error)
                g_error("%s: expected to be malformed", name);
            char *got = plain(m.xml_error_text);
            if (strcmp(got, malformed[bad].message) || m.xml_error_line != malformed[bad].line ||
                m.xml_error_column != malformed[bad].column ||
                m.xml_error_offset != malformed[bad].offset)
                g_error("%s: XML error at line %u column %u offset %u: %s", name,
                        m.xml_error_line, m.xml_error_column, m.xml_error_offset, got);
            g_free(got);
            /* the error is also a diagnostic, and elements before it are kept */
            char text[CAP_DIAG_TEXT];
            snprintf(text, sizeof text, "not well-formed XML at line %u column %u: %s",
                     malformed[bad].line, malformed[bad].column, malformed[bad].message);
            g_assert_true(has_diag(&m, CAP_SEV_ERROR, text));
            g_assert_cmpuint(m.n_items, >, 6);
            g_assert_true(m.items[0].flags & CAP_IF_UNCLOSED);
        } else if (m.xml_error) {
            g_error("%s: unexpected XML error at line %u column %u: %s", name, m.xml_error_line,
                    m.xml_error_column, m.xml_error_text);
        } else {
            for (unsigned k = 0; k < m.n_items; k++)
                g_assert_false(m.items[k].flags & CAP_IF_UNCLOSED);
        }
        for (size_t k = 0; k < G_N_ELEMENTS(sample_diags); k++) {
            if (strcmp(sample_diags[k].file, name))
                continue;
            expected++;
            n_expected++;
            if (!has_diag(&m, sample_diags[k].sev, sample_diags[k].text)) {
                dump_diags(name, &m);
                g_error("%s: missing %s \"%s\"", name, cap_severity_name(sample_diags[k].sev),
                        sample_diags[k].text);
            }
        }
        if (m.n_diags != expected) {
            dump_diags(name, &m);
            g_error("%s: %u diagnostics, expected %u", name, m.n_diags, expected);
        }
        g_free(doc);
    }
    g_print("# %u samples: %u well-formed, %u malformed; %u other diagnostics expected\n",
            files->len, files->len - n_malformed, n_malformed, n_expected);
    g_assert_cmpuint(n_malformed, ==, G_N_ELEMENTS(malformed));
    cap_msg_free(&m);
    g_ptr_array_unref(files);
}

/* ------------------------------------------------------------------------
 * Items and values on real bytes.
 * ---------------------------------------------------------------------- */

static int find_item(const cap_msg *m, cap_item_kind kind, const char *name, int from)
{
    for (unsigned i = from < 0 ? 0 : (unsigned)from; i < m->n_items; i++)
        if (m->items[i].kind == kind && m->items[i].name && !strcmp(m->items[i].name, name))
            return (int)i;
    return -1;
}

static void test_call_update(void)
{
    gsize len;
    char *doc = read_sample("6.10.1_callUpdate_3.xml", &len);
    cap_msg m;
    cap_msg_init(&m);
    g_assert_cmpint(cap_decode((const uint8_t *)doc, len, &m), ==, 0);
    g_assert_cmpuint(m.n_diags, ==, 0);
    g_assert_cmpint(m.proto, ==, CAP_DOC_CAP);
    g_assert_cmpstr(m.protocol, ==, "CAP");
    g_assert_cmpstr(m.version, ==, "17.0");
    g_assert_cmpstr(m.command->name, ==, "callUpdate");
    g_assert_cmpint(m.root, ==, 0);
    g_assert_cmpint(m.command->dir, ==, CAP_DIR_S2C);

    int call = find_item(&m, CAP_ITEM_ELEMENT, "call", 0);
    g_assert_cmpint(call, >, 0);
    const cap_item *c = &m.items[call];
    g_assert_cmpstr(c->elem->name, ==, "call");
    g_assert_true(c->flags & CAP_IF_HAS_CHILDREN);
    g_assert_null(c->value);
    g_assert_cmpuint(c->depth, ==, 4);
    g_assert_cmpstr(m.items[c->parent].name, ==, "user");
    /* <call callId="localHost220352:0" extTrackingId="102:1"> */
    const cap_item *id = &m.items[call + 1];
    g_assert_cmpint(id->kind, ==, CAP_ITEM_ATTRIBUTE);
    g_assert_cmpstr(id->name, ==, "callId");
    g_assert_cmpstr(id->value, ==, "localHost220352:0");
    g_assert_true(id->attr->roles & CAP_ROLE_CALL_ID);
    g_assert_cmpstr(id->attr->field, ==, "call_id");
    g_assert_cmpint(id->parent, ==, call);
    g_assert_cmpuint(id->depth, ==, 5);
    g_assert_cmpint(memcmp(doc + id->offset, "callId=\"localHost220352:0\"", id->length), ==, 0);
    const cap_item *ext = &m.items[call + 2];
    g_assert_cmpstr(ext->value, ==, "102:1");
    g_assert_true(ext->attr->roles & CAP_ROLE_EXT_TRACKING_ID);

    int st = find_item(&m, CAP_ITEM_ELEMENT, "state", call);
    g_assert_cmpstr(m.items[st].value, ==, "5");
    g_assert_cmpstr(m.items[st].enum_val->name, ==, "released");
    g_assert_cmpint(memcmp(doc + m.items[st].offset, "<state>5</state>", 16), ==, 0);
    g_assert_cmpuint(m.items[st].length, ==, 16);
    g_assert_cmpuint(m.items[st].value_offset, ==, m.items[st].offset + 7);
    g_assert_cmpuint(m.items[st].value_raw_len, ==, 1);
    int pers = find_item(&m, CAP_ITEM_ELEMENT, "personality", call);
    g_assert_cmpstr(m.items[pers].enum_val->name, ==, "Originator");
    int rc = find_item(&m, CAP_ITEM_ELEMENT, "releaseCause", call);
    g_assert_cmpstr(m.items[rc].enum_val->name, ==, "Normal");
    int lat = find_item(&m, CAP_ITEM_ELEMENT, "localAltType", call);
    g_assert_cmpstr(m.items[lat].enum_val->name, ==, "Main");
    int rn = find_item(&m, CAP_ITEM_ELEMENT, "remoteName", call);
    g_assert_cmpstr(m.items[rn].value, ==, "Jane Doe");
    g_assert_true(m.items[rn].elem->roles & CAP_ROLE_REMOTE_NAME);

    /* this sample's user has no id attribute: the summary falls back on userUid */
    char sum[256];
    g_assert_cmpstr(cap_summary(&m, sum, sizeof sum), ==,
                    "callUpdate user=141466199 call=localHost220352:0 state=5 (released) "
                    "personality=1 (Originator) cause=0 (Normal) remote=3015554000");
    g_assert_cmpstr(cap_role_value(&m, CAP_ROLE_APPLICATION_ID), ==, "broadSoftExample");
    g_assert_cmpint(cap_find_role(&m, CAP_ROLE_STATE, 0), ==, st);
    g_assert_cmpstr(cap_item_field(&m.items[st]), ==, "state");
    cap_msg_free(&m);
    g_free(doc);
}

static void test_empty_elements_and_features(void)
{
    gsize len;
    char *doc = read_sample("6.9.1_profileUpdate_1.xml", &len);
    cap_msg m;
    cap_msg_init(&m);
    g_assert_cmpint(cap_decode((const uint8_t *)doc, len, &m), ==, 0);
    int i = find_item(&m, CAP_ITEM_ELEMENT, "threeWayCall", 0);   /* <threeWayCall/> */
    g_assert_true(m.items[i].flags & CAP_IF_EMPTY_TAG);
    g_assert_cmpstr(m.items[i].value, ==, "");
    g_assert_cmpstr(m.items[i].enum_val->name, ==, "not assigned");
    g_assert_cmpuint(m.items[i].length, ==, strlen("<threeWayCall/>"));
    i = find_item(&m, CAP_ITEM_ELEMENT, "cfa", 0);
    g_assert_cmpstr(m.items[i].enum_val->desc, ==, "assigned but inactive");
    i = find_item(&m, CAP_ITEM_ELEMENT, "cpe", 0);
    g_assert_cmpstr(m.items[i].value, ==, "Available: In Office");
    g_assert_null(m.items[i].enum_val);
    i = find_item(&m, CAP_ITEM_ELEMENT, "initialUpdate", 0);
    g_assert_cmpstr(m.items[i].value, ==, "");
    cap_msg_free(&m);
    g_free(doc);

    /* <remoteName></remoteName>: empty, not EMPTY_TAG */
    doc = read_sample("6.10.1_callUpdate_4.xml", &len);
    cap_msg_init(&m);
    cap_decode((const uint8_t *)doc, len, &m);
    i = find_item(&m, CAP_ITEM_ELEMENT, "remoteName", 0);
    g_assert_cmpstr(m.items[i].value, ==, "");
    g_assert_false(m.items[i].flags & CAP_IF_EMPTY_TAG);
    i = find_item(&m, CAP_ITEM_ELEMENT, "redirectToNumber", 0);   /* alias */
    g_assert_cmpstr(m.items[i].elem->name, ==, "redirectToNum");
    g_assert_cmpstr(m.items[i].elem->field, ==, "redirect_to_num");
    i = find_item(&m, CAP_ITEM_ELEMENT, "redirectToReason", 0);
    g_assert_cmpstr(m.items[i].enum_val->value, ==, "user-busy");
    cap_msg_free(&m);
    g_free(doc);
}

/* Decode text; returns the message (caller frees). */
static cap_msg *decode_str(const char *text)
{
    cap_msg *m = g_new(cap_msg, 1);
    cap_msg_init(m);
    cap_decode((const uint8_t *)text, strlen(text), m);
    return m;
}

static void free_msg(cap_msg *m)
{
    cap_msg_free(m);
    g_free(m);
}

/* A sample with one substring replaced. */
static char *edited(const char *sample, const char *from, const char *to)
{
    gsize len;
    char *doc = read_sample(sample, &len);
    char *p = strstr(doc, from);
    g_assert_nonnull(p);
    char *out = g_strdup_printf("%.*s%s%s", (int)(p - doc), doc, to, p + strlen(from));
    g_free(doc);
    return out;
}

static void test_unknown_element_and_attribute(void)
{
    char *doc = edited("6.10.1_callUpdate_3.xml", "<state>5</state>",
                       "<state>5</state><fooBar x=\"1\">z</fooBar>");
    cap_msg *m = decode_str(doc);
    g_assert_false(m->xml_error);
    int i = find_item(m, CAP_ITEM_ELEMENT, "fooBar", 0);
    g_assert_cmpint(i, >, 0);
    g_assert_null(m->items[i].elem);
    g_assert_true(m->items[i].flags & CAP_IF_UNKNOWN);
    g_assert_cmpstr(m->items[i].value, ==, "z");
    g_assert_cmpstr(m->items[m->items[i].parent].name, ==, "call");
    g_assert_true(has_diag(m, CAP_SEV_WARN, "unknown element <fooBar> inside <call>"));
    /* its attribute is recorded; an unknown element's attributes are not warned about */
    g_assert_cmpstr(m->items[i + 1].name, ==, "x");
    g_assert_null(m->items[i + 1].attr);
    g_assert_cmpuint(m->n_diags, ==, 1);
    free_msg(m);
    g_free(doc);

    doc = edited("6.10.1_callUpdate_3.xml", "extTrackingId=", "fooId=\"9\" extTrackingId=");
    m = decode_str(doc);
    g_assert_true(has_diag(m, CAP_SEV_WARN, "unknown attribute fooId of <call>"));
    i = find_item(m, CAP_ITEM_ATTRIBUTE, "fooId", 0);
    g_assert_null(m->items[i].attr);
    g_assert_nonnull(m->items[i].elem);
    free_msg(m);
    g_free(doc);

    /* a known element where the spec does not put it */
    doc = edited("6.10.1_callUpdate_3.xml", "<state>5</state>", "<state>5</state><queue/>");
    m = decode_str(doc);
    i = find_item(m, CAP_ITEM_ELEMENT, "queue", 0);
    g_assert_true(m->items[i].flags & CAP_IF_UNEXPECTED);
    g_assert_true(has_diag(m, CAP_SEV_WARN,
                           "<queue> is not expected inside <call> (the spec puts it in: "
                           "commandData)"));
    g_assert_true(has_diag(m, CAP_SEV_WARN, "<queue> lacks its required attribute updateReason"));
    free_msg(m);
    g_free(doc);
}

static void test_values_outside(void)
{
    char *doc = edited("6.10.1_callUpdate_3.xml", "<state>5</state>", "<state>9</state>");
    cap_msg *m = decode_str(doc);
    int i = find_item(m, CAP_ITEM_ELEMENT, "state", 0);
    g_assert_null(m->items[i].enum_val);
    g_assert_true(m->items[i].flags & CAP_IF_BAD_VALUE);
    g_assert_true(has_diag(m, CAP_SEV_WARN, "<state>: \"9\" is not one of its allowed values "
                                            "(0, 1, 2, 3, 4, 5, 6, 7)"));
    g_assert_cmpint(cap_decode(m->buf, m->len, m), ==, -1);
    free_msg(m);
    g_free(doc);

    /* an attribute value */
    doc = edited("6.11_callAction_1.xml", "actionType=\"Dial\"", "actionType=\"dial\"");
    m = decode_str(doc);
    i = find_item(m, CAP_ITEM_ATTRIBUTE, "actionType", 0);
    g_assert_true(m->items[i].flags & CAP_IF_BAD_VALUE);
    g_assert_cmpuint(m->n_diags, ==, 1);
    g_assert_true(g_str_has_prefix(m->diags[0].text,
                                   "action@actionType: \"dial\" is not one of its allowed values "
                                   "(Dial, Redial, Hold,"));
    g_assert_cmpuint(m->diags[0].offset, ==, m->items[i].value_offset);
    free_msg(m);
    g_free(doc);

    /* blanks around a value: matched, and said */
    doc = edited("6.10.1_callUpdate_3.xml", "<state>5</state>", "<state> 5\n</state>");
    m = decode_str(doc);
    i = find_item(m, CAP_ITEM_ELEMENT, "state", 0);
    g_assert_cmpstr(m->items[i].enum_val->name, ==, "released");
    g_assert_true(has_diag(m, CAP_SEV_NOTE, "<state>: value \" 5\n\" has whitespace around \"5\""));
    free_msg(m);
    g_free(doc);

    /* an open list: another appearance, another version */
    doc = edited("6.10.1_callUpdate_3.xml", "<appearance>1</appearance>",
                 "<appearance>4</appearance>");
    m = decode_str(doc);
    g_assert_cmpuint(m->n_diags, ==, 0);
    free_msg(m);
    g_free(doc);
    doc = edited("6.10.1_callUpdate_3.xml", "version=\"17.0\"", "version=\"14.0\"");
    m = decode_str(doc);
    g_assert_true(has_diag(m, CAP_SEV_NOTE, "version \"14.0\": decoded with the Release 17.0 tables"));
    g_assert_cmpuint(m->max_sev_plus1, ==, CAP_SEV_NOTE + 1);
    free_msg(m);
    g_free(doc);
}

static void test_failures(void)
{
    gsize len;
    char *doc = read_sample("6.5.3_registerResponse_1.xml", &len);
    cap_msg *m = decode_str(doc);
    int i = find_item(m, CAP_ITEM_ATTRIBUTE, "failureCause", 0);
    g_assert_cmpstr(m->items[i].enum_val->value, ==, "UnauthorizedAttendantConsole");
    g_assert_true(m->items[i].attr->roles & CAP_ROLE_FAILURE);
    g_assert_cmpstr(cap_role_value(m, CAP_ROLE_FAILURE), ==, "UnauthorizedAttendantConsole");
    g_assert_cmpint(m->diags[0].item, ==, i);
    g_assert_cmpuint(m->diags[0].offset, ==, m->items[i].value_offset);
    free_msg(m);
    g_free(doc);

    doc = edited("6.7_unRegister_1.xml", "ClientLogout", "ForceLogoutD");
    m = decode_str(doc);
    g_assert_true(has_diag(m, CAP_SEV_NOTE, "forced logout: ForceLogoutD (duplicate login: the "
                                            "user logged in on another terminal)"));
    free_msg(m);
    g_free(doc);
}

static void test_structure_errors(void)
{
    cap_msg *m = decode_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "no root element"));
    g_assert_cmpint(m->proto, ==, CAP_DOC_NONE);
    free_msg(m);

    m = decode_str("   \r\n ");
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "empty document (6 bytes of whitespace)"));
    free_msg(m);

    m = decode_str("<BroadWorksDocument protocol=\"CAP\"/>");
    g_assert_true(has_diag(m, CAP_SEV_ERROR,
                           "the root element is <BroadWorksDocument>, not <BroadsoftDocument>"));
    g_assert_cmpint(m->root, ==, -1);
    free_msg(m);

    m = decode_str("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\"></BroadsoftDocument>");
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "<BroadsoftDocument> has no <command>"));
    free_msg(m);

    m = decode_str("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\"><command>"
                   "<commandData/></command></BroadsoftDocument>");
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "<command> lacks its required attribute commandType"));
    g_assert_null(m->command);
    free_msg(m);

    m = decode_str("<BroadsoftDocument version=\"17.0\"><command commandType=\"fooUpdate\">"
                   "<commandData/></command></BroadsoftDocument>");
    g_assert_true(has_diag(m, CAP_SEV_WARN,
                           "<BroadsoftDocument> lacks its required attribute protocol"));
    g_assert_true(g_str_has_prefix(m->diags[1].text, "command@commandType: \"fooUpdate\" is not "
                                                     "one of its allowed values"));
    g_assert_cmpstr(m->command_type, ==, "fooUpdate");
    g_assert_null(m->command);
    g_assert_cmpint(m->proto, ==, CAP_DOC_CAP);
    free_msg(m);

    m = decode_str("<BroadsoftDocument protocol=\"XYZ\" version=\"17.0\"><command "
                   "commandType=\"infoRequest\"><commandData><capVersionRequest/></commandData>"
                   "</command></BroadsoftDocument>");
    g_assert_cmpint(m->proto, ==, CAP_DOC_OTHER);
    g_assert_true(has_diag(m, CAP_SEV_WARN,
                           "BroadsoftDocument protocol=\"XYZ\" is neither CAP nor OCI: decoded as CAP"));
    free_msg(m);

    /* bytes that are not UTF-8 end the document there */
    char *u = edited("6.10.1_callUpdate_3.xml", "Jane Doe", "Ren\xe9 Doe");
    m = decode_str(u);
    g_assert_true(m->xml_error);
    g_assert_cmpstr(m->xml_error_text, ==, "Invalid UTF-8 encoded text: byte 0xe9");
    g_assert_cmpuint(m->xml_error_offset, ==, (size_t)(strstr(u, "\xe9") - u));
    g_assert_cmpuint(m->xml_error_line, ==, 13);
    g_assert_cmpuint(m->xml_error_column, ==, 26);
    int rn = find_item(m, CAP_ITEM_ELEMENT, "remoteName", 0);
    g_assert_true(m->items[rn].flags & CAP_IF_UNCLOSED);
    g_assert_cmpstr(m->items[rn].value, ==, "Ren");
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "not well-formed XML at line 13 column 26: Invalid "
                                             "UTF-8 encoded text: byte 0xe9"));
    free_msg(m);
    g_free(u);

    /* a second root */
    gsize len;
    char *doc = read_sample("6.15_infoRequest_1.xml", &len);
    char *two = g_strconcat(doc, "<BroadsoftDocument protocol=\"CAP\"/>", NULL);
    m = decode_str(two);
    g_assert_true(has_diag(m, CAP_SEV_WARN,
                           "<BroadsoftDocument> after the end of the root element: a document "
                           "has one root"));
    free_msg(m);
    g_free(two);
    g_free(doc);
}

static void test_oci(void)
{
    const char *oci =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<BroadsoftDocument protocol=\"OCI\" xmlns=\"C\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<sessionId xmlns=\"\">169.254.1.1,1234,5678</sessionId>"
        "<command xsi:type=\"UserGetRequest17sp4\" xmlns=\"\"><userId>joe@abc.com</userId>"
        "</command></BroadsoftDocument>";
    cap_msg *m = decode_str(oci);
    g_assert_cmpint(m->proto, ==, CAP_DOC_OCI);
    g_assert_cmpstr(m->protocol, ==, "OCI");
    g_assert_null(m->command_type);
    g_assert_null(m->command);
    /* the root and its attributes only */
    g_assert_cmpuint(m->n_items, ==, 4);
    g_assert_true(m->items[0].flags & CAP_IF_SKIPPED);
    g_assert_cmpstr(m->items[1].enum_val->name, ==, "OCI");
    g_assert_cmpuint(m->items[0].length, ==, strlen(oci) - (size_t)(strchr(oci, '\n') + 1 - oci));
    g_assert_true(has_diag(m, CAP_SEV_NOTE, "encoding \"ISO-8859-1\": decoded as UTF-8"));
    g_assert_true(has_diag(m, CAP_SEV_NOTE,
                           "BroadWorks OCI document (protocol=\"OCI\"): not CAP, not decoded"));
    g_assert_cmpuint(m->n_diags, ==, 2);
    g_assert_cmpint(cap_decode(m->buf, m->len, m), ==, 0);
    char sum[64];
    g_assert_cmpstr(cap_summary(m, sum, sizeof sum), ==, "OCI UserGetRequest17sp4");
    /* what an OCI document is, read from its bytes */
    cap_oci o;
    cap_oci_info(m, &o);
    g_assert_cmpstr(o.commands, ==, "UserGetRequest17sp4");
    g_assert_cmpmem(oci + o.command_off, o.command_len, "UserGetRequest17sp4", 19);
    g_assert_cmpmem(oci + o.session_off, o.session_len, "169.254.1.1,1234,5678", 21);
    g_assert_true(o.latin1);
    free_msg(m);
    /* a summary is printable UTF-8 whatever the document holds */
    m = decode_str("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">"
                   "<command commandType=\"callUpdate\"><commandData><user id=\"a&#x9;b\xff\">"
                   "</user></commandData></command></BroadsoftDocument>");
    char sum2[128];
    cap_summary(m, sum2, sizeof sum2);
    g_assert_true(g_utf8_validate(sum2, -1, NULL));
    g_assert_cmpstr(sum2, ==, "callUpdate (not well-formed XML)");
    free_msg(m);
}

/* With and without the XML declaration, with blanks around: the same items,
 * shifted. */
static void test_declaration(void)
{
    gsize len;
    char *doc = read_sample("6.11_callAction_6.xml", &len);
    cap_msg a, b;
    cap_msg_init(&a);
    cap_msg_init(&b);
    g_assert_cmpint(cap_decode((const uint8_t *)doc, len, &a), ==, 0);
    const char *root = strstr(doc, "<BroadsoftDocument");
    size_t shift = (size_t)(root - doc);
    char *bare = g_strconcat("\xEF\xBB\xBF \n\t", root, "\n\n", NULL);
    size_t bshift = 6;   /* BOM, blank, newline, tab */
    g_assert_cmpint(cap_decode((const uint8_t *)bare, strlen(bare), &b), ==, 0);
    g_assert_cmpuint(a.n_items, ==, b.n_items);
    g_assert_cmpuint(a.n_diags, ==, 0);
    g_assert_cmpuint(b.n_diags, ==, 0);
    for (unsigned i = 0; i < a.n_items; i++) {
        g_assert_cmpstr(a.items[i].name, ==, b.items[i].name);
        g_assert_cmpstr(a.items[i].value, ==, b.items[i].value);
        g_assert_cmpuint(a.items[i].offset - shift, ==, b.items[i].offset - bshift);
        g_assert_cmpuint(a.items[i].length, ==, b.items[i].length);
        g_assert_true(a.items[i].elem == b.items[i].elem);
    }
    check_offsets("bare", bare, strlen(bare), &b);
    cap_msg_free(&a);
    cap_msg_free(&b);
    g_free(bare);
    g_free(doc);
}

static void test_text_entities_cdata(void)
{
    char *doc = edited("6.10.1_callUpdate_3.xml", "<remoteName>Jane Doe</remoteName>",
                       "<remoteName>Jane &amp; <!-- x -->John<![CDATA[ <Doe>]]></remoteName>");
    cap_msg *m = decode_str(doc);
    g_assert_cmpuint(m->n_diags, ==, 0);
    int i = find_item(m, CAP_ITEM_ELEMENT, "remoteName", 0);
    g_assert_cmpstr(m->items[i].value, ==, "Jane & John <Doe>");
    const char *raw = "Jane &amp; <!-- x -->John<![CDATA[ <Doe>]]>";
    g_assert_cmpuint(m->items[i].value_raw_len, ==, strlen(raw));
    g_assert_cmpint(memcmp(doc + m->items[i].value_offset, raw, strlen(raw)), ==, 0);
    free_msg(m);
    g_free(doc);

    /* text beside elements: a text item, in document order */
    doc = edited("6.10.1_callUpdate_3.xml", "<appearance>", "stray <appearance>");
    m = decode_str(doc);
    i = find_item(m, CAP_ITEM_ELEMENT, "call", 0);
    const cap_item *t = &m->items[i + 3];   /* after callId, extTrackingId */
    g_assert_cmpint(t->kind, ==, CAP_ITEM_TEXT);
    g_assert_cmpint(t->parent, ==, i);
    g_assert_true(g_str_has_suffix(t->value, "stray "));
    g_assert_cmpstr(m->items[i + 4].name, ==, "appearance");
    g_assert_true(has_diag(m, CAP_SEV_WARN, "text \"stray\" inside <call>, which holds elements"));
    check_offsets("stray", doc, strlen(doc), m);
    free_msg(m);
    g_free(doc);
}

static void test_truncated(void)
{
    /* every prefix of a sample: no crash, items within bounds, an error
     * unless the prefix is the whole document */
    gsize len;
    char *doc = read_sample("6.13_callControlInfo_1.xml", &len);
    cap_msg m;
    cap_msg_init(&m);
    size_t whole = (size_t)(strstr(doc, "</BroadsoftDocument>") - doc) + 20;
    for (size_t n = 0; n <= len; n++) {
        int r = cap_decode((const uint8_t *)doc, n, &m);
        check_offsets("prefix", doc, n, &m);
        if (n < whole) {
            g_assert_cmpint(r, ==, -1);
            if (n > 60)
                g_assert_true(m.xml_error);
        } else {
            g_assert_cmpint(r, ==, 0);
        }
    }
    /* cut inside <control>: the open elements are kept, unclosed */
    size_t cut = (size_t)(strstr(doc, "Hold\">True") - doc) + 8;   /* ...>Tr */
    cap_decode((const uint8_t *)doc, cut, &m);
    int i = find_item(&m, CAP_ITEM_ELEMENT, "control", 0);
    i = find_item(&m, CAP_ITEM_ELEMENT, "control", i + 1);
    g_assert_true(m.items[i].flags & CAP_IF_UNCLOSED);
    g_assert_cmpstr(m.items[i].value, ==, "Tr");
    char *msg = plain(m.xml_error_text);
    g_assert_cmpstr(msg, ==, "Document ended unexpectedly with elements still open - \"control\" "
                             "was the last element opened");
    g_free(msg);
    cap_msg_free(&m);
    g_free(doc);
}

static void test_reuse(void)
{
    /* one cap_msg for every sample, three times over, malformed ones in
     * between (GMarkup's context is replaced after those): the same
     * result each time */
    char *dir = cts_test_path("spec/cap_samples");
    GDir *d = g_dir_open(dir, 0, NULL);
    GPtrArray *docs = g_ptr_array_new_with_free_func(g_free);
    GArray *lens = g_array_new(FALSE, FALSE, sizeof(gsize));
    const char *f;
    while ((f = g_dir_read_name(d)))
        if (g_str_has_suffix(f, ".xml")) {
            gsize len;
            g_ptr_array_add(docs, read_sample(f, &len));
            g_array_append_val(lens, len);
        }
    g_dir_close(d);
    g_free(dir);
    cap_msg m;
    cap_msg_init(&m);
    GArray *first = g_array_new(FALSE, FALSE, sizeof(unsigned));
    for (int round = 0; round < 3; round++)
        for (guint i = 0; i < docs->len; i++) {
            cap_decode(docs->pdata[i], g_array_index(lens, gsize, i), &m);
            unsigned sig = m.n_items * 1000u + m.n_diags * 10u + (unsigned)m.xml_error;
            for (unsigned k = 0; k < m.n_items; k++)
                sig += m.items[k].offset + m.items[k].value_len;
            if (round == 0)
                g_array_append_val(first, sig);
            else
                g_assert_cmpuint(sig, ==, g_array_index(first, unsigned, i));
        }
    cap_msg_free(&m);
    cap_msg_free(&m);   /* twice is harmless */
    g_array_unref(first);
    g_array_unref(lens);
    g_ptr_array_unref(docs);
}

static void test_garbage(void)
{
    /* random bytes and random edits of a sample: never out of bounds */
    GRand *r = g_rand_new_with_seed(4);
    gsize len;
    char *doc = read_sample("6.9.1_profileUpdate_1.xml", &len);
    cap_msg m;
    cap_msg_init(&m);
    for (int n = 0; n < 2000; n++) {
        char *copy = g_memdup2(doc, len);
        int edits = g_rand_int_range(r, 1, 8);
        for (int e = 0; e < edits; e++)
            copy[g_rand_int_range(r, 0, (gint32)len)] = (char)g_rand_int_range(r, 0, 256);
        cap_decode((const uint8_t *)copy, len, &m);
        check_offsets("edit", copy, len, &m);
        g_free(copy);
    }
    for (int n = 0; n < 200; n++) {
        size_t l = (size_t)g_rand_int_range(r, 0, 300);
        char *junk = g_malloc(l + 1);
        for (size_t k = 0; k < l; k++)
            junk[k] = "<>/=\"' ab?!-&;x\n"[g_rand_int_range(r, 0, 16)];
        g_assert_cmpint(cap_decode((const uint8_t *)junk, l, &m), ==, -1);
        check_offsets("junk", junk, l, &m);
        g_free(junk);
    }
    cap_msg_free(&m);
    g_free(doc);
    g_rand_free(r);
}

static void test_limits(void)
{
    /* nesting deeper than CAP_MAX_DEPTH */
    GString *s = g_string_new("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">"
                              "<command commandType=\"infoRequest\">");
    for (int i = 0; i < 80; i++)
        g_string_append(s, "<x>");
    for (int i = 0; i < 80; i++)
        g_string_append(s, "</x>");
    g_string_append(s, "</command></BroadsoftDocument>");
    cap_msg *m = decode_str(s->str);
    g_assert_false(m->xml_error);
    g_assert_cmpuint(m->n_items, ==, 5 + CAP_MAX_DEPTH - 2);   /* root + 2, command + 1, <x> at levels 2..63 */
    g_assert_true(has_diag(m, CAP_SEV_WARN, "elements nested deeper than 64 levels: not decoded"));
    free_msg(m);
    g_string_free(s, TRUE);

    /* 50000 repeats of an element the spec allows once: each said in O(1),
     * the diagnostics capped */
    s = g_string_new("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">"
                     "<command commandType=\"sessionUpdate\"><commandData>"
                     "<user userType=\"CallClient\">");
    for (int i = 0; i < 50000; i++)
        g_string_append(s, "<offHook>True</offHook>");
    g_string_append(s, "<applicationId>a</applicationId></user></commandData></command>"
                       "</BroadsoftDocument>");
    m = decode_str(s->str);
    g_assert_cmpuint(m->n_items, ==, 50000 + 9);   /* + root, 2 attributes, command, commandType, commandData, user, userType, applicationId */
    g_assert_cmpuint(m->n_diags, ==, CAP_MAX_DIAGS);
    g_assert_cmpuint(m->diags_dropped, ==, 49999 - CAP_MAX_DIAGS);
    g_assert_true(m->items[m->n_items - 2].flags & CAP_IF_REPEATED);   /* the last offHook */
    free_msg(m);
    g_string_free(s, TRUE);

    /* ... and when an error comes after them (the document is cut short
     * inside an element), it is kept: errors first, then warnings */
    s = g_string_new("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">"
                     "<command commandType=\"sessionUpdate\"><commandData>"
                     "<user userType=\"CallClient\">");
    for (int i = 0; i < 100; i++)
        g_string_append(s, "<offHook>True</offHook>");
    g_string_append(s, "<applicationId>a</app");
    m = decode_str(s->str);
    g_assert_cmpuint(m->n_diags, ==, CAP_MAX_DIAGS);
    g_assert_cmpuint(m->max_sev_plus1, ==, CAP_SEV_ERROR + 1);
    g_assert_cmpint(m->diags[CAP_MAX_DIAGS - 1].sev, ==, CAP_SEV_ERROR);
    g_assert_true(g_str_has_prefix(m->diags[CAP_MAX_DIAGS - 1].text, "not well-formed XML at line 1"));
    g_assert_cmpuint(m->diags_dropped, >, 0);
    free_msg(m);
    g_string_free(s, TRUE);

    /* more items than CAP_MAX_ITEMS */
    s = g_string_new("<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">"
                     "<command commandType=\"monitoringUsersRequest\"><commandData>"
                     "<user userType=\"AttendantConsole\">");
    for (int i = 0; i < CAP_MAX_ITEMS; i++)
        g_string_append(s, "<monUser/>");
    g_string_append(s, "<applicationId>a</applicationId></user></commandData></command>"
                       "</BroadsoftDocument>");
    m = decode_str(s->str);
    g_assert_cmpuint(m->n_items, ==, CAP_MAX_ITEMS);
    g_assert_cmpuint(m->items_dropped, ==, 9);
    g_assert_true(has_diag(m, CAP_SEV_ERROR, "more than 65536 items in one document: the rest is "
                                             "not decoded"));
    free_msg(m);
    g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cap-decode/samples", test_samples);
    g_test_add_func("/cap-decode/call-update", test_call_update);
    g_test_add_func("/cap-decode/empty-and-features", test_empty_elements_and_features);
    g_test_add_func("/cap-decode/unknown", test_unknown_element_and_attribute);
    g_test_add_func("/cap-decode/values", test_values_outside);
    g_test_add_func("/cap-decode/failures", test_failures);
    g_test_add_func("/cap-decode/structure", test_structure_errors);
    g_test_add_func("/cap-decode/oci", test_oci);
    g_test_add_func("/cap-decode/declaration", test_declaration);
    g_test_add_func("/cap-decode/text", test_text_entities_cdata);
    g_test_add_func("/cap-decode/truncated", test_truncated);
    g_test_add_func("/cap-decode/reuse", test_reuse);
    g_test_add_func("/cap-decode/garbage", test_garbage);
    g_test_add_func("/cap-decode/limits", test_limits);
    return g_test_run();
}
