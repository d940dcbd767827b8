/* test_cap_coverage.c - the CAP tables against the spec's own lists.
 *
 * The TSV files and samples in tests/spec/ are copied mechanically from the
 * BroadWorks CAP interface specification (Release 17.0) by
 * tests/spec/extract_cap_lists.py, so the tests need no ../shared:
 *   cap_commands.tsv        the 24 commandTypes (chapter 5 table, chapter 6
 *                           Protocols / Message direction, both DTDs)
 *   cap_dtd_elements.tsv    every <!ELEMENT> of both DTDs, content models
 *   cap_dtd_attributes.tsv  every attribute of every <!ATTLIST>
 *   cap_values.tsv          every row of the chapter 6 allowed-values lists
 *   cap_tags.tsv            every row of the chapter 6 tag tables (names)
 * Every entry missing from the tables, spelled differently, or placed
 * differently fails the test (every mismatch is listed before it fails);
 * so does every table fact that no source states.  Where the spec
 * contradicts itself, the mapping below says what the tables do, one
 * commented line per inconsistency.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cap_decode.h"
#include "spec_check.h"


static unsigned dtd_bit(const char *dtd)
{
    return !strcmp(dtd, "CAP-C") ? CAP_SRC_CAPC : CAP_SRC_CCC2;
}

/* An element by its DTD name only (not an alias). */
static const cap_element *element_exact(const char *name)
{
    const cap_element *e = cap_element_by_name(name, (size_t)-1);
    return e && !strcmp(e->name, name) ? e : NULL;
}

/* ------------------------------------------------------------------------
 * Commands
 * ---------------------------------------------------------------------- */

/* Chapter 6 headings that do not spell the commandType as chapters 5, 10
 * and 11 do. */
static const char *const title_quirks[][2] = {
    { "callActionResponse", "CallActionResponse" },                 /* 6.12 heading */
    { "datagram", "datagram (this command is deprecated)" },        /* 6.25 heading, a remark */
};

static cap_direction parse_direction(const char *s, int *ok)
{
    *ok = 1;
    if (!strcmp(s, "Client to server"))
        return CAP_DIR_C2S;
    if (!strcmp(s, "Server to client"))
        return CAP_DIR_S2C;
    if (!strcmp(s, "Client to server or server to client") ||
        !strcmp(s, "Client to server / Server to client"))   /* 6.25: two lines */
        return CAP_DIR_BOTH;
    *ok = 0;
    return CAP_DIR_BOTH;
}

static void test_commands(void)
{
    GPtrArray *rows = load("spec/cap_commands.tsv");
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        const char *name = r[0];
        const cap_command *c = cap_command_by_name(name);
        if (!c) {
            problem("command %s (chapter 5) is missing", name);
            continue;
        }
        unsigned want = (!strcmp(r[1], "yes") ? CAP_PROTO_CAPC : 0) |
                        (!strcmp(r[2], "yes") ? CAP_PROTO_CCC2 : 0);
        if (c->protocols != want)
            problem("%s: chapter 5 says %s, the tables %s", name, cap_protocols_name(want),
                    cap_protocols_name(c->protocols));
        /* chapter 6 "Protocols" cell: "CAP-C", "CAP-C, CCC2", "CAP-C or CCC2" */
        unsigned ch6 = (strstr(r[5], "CAP-C") ? CAP_PROTO_CAPC : 0) |
                       (strstr(r[5], "CCC2") ? CAP_PROTO_CCC2 : 0);
        if (ch6 != c->protocols)
            problem("%s: section %s says \"%s\", the tables %s", name, r[3], r[5],
                    cap_protocols_name(c->protocols));
        if (strcmp(c->section, r[3]))
            problem("%s: section %s, the tables %s", name, r[3], c->section);
        int ok;
        cap_direction d = parse_direction(r[6], &ok);
        if (!ok)
            problem("%s: unknown direction \"%s\"", name, r[6]);
        else if (d != c->dir)
            problem("%s: section %s says \"%s\", the tables \"%s\"", name, r[3], r[6],
                    cap_direction_name(c->dir));
        if (strcmp(r[4], name)) {
            int known = 0;
            for (size_t k = 0; k < G_N_ELEMENTS(title_quirks); k++)
                known |= !strcmp(title_quirks[k][0], name) && !strcmp(title_quirks[k][1], r[4]);
            if (!known)
                problem("%s: chapter 6 heading \"%s\" spells it differently", name, r[4]);
        }
        const cap_enum_val *v = cap_enum_lookup(&cap_enum_command_type, name, (size_t)-1);
        if (!v)
            problem("%s: not in the commandType enum", name);
        else if (!!(v->sources & CAP_SRC_CAPC) != !strcmp(r[7], "yes") ||
                 !!(v->sources & CAP_SRC_CCC2) != !strcmp(r[8], "yes"))
            problem("%s: DTD commandType lists: CAP-C %s, CCC2 %s; the tables differ", name,
                    r[7], r[8]);
        if (c->response && !cap_command_by_name(c->response))
            problem("%s: response %s is not a command", name, c->response);
    }
    if (rows->len != cap_n_commands || cap_enum_command_type.n_vals != cap_n_commands)
        problem("chapter 5 lists %u commands, the tables %zu (enum %zu)", rows->len,
                cap_n_commands, cap_enum_command_type.n_vals);
    unsigned capc = 0, ccc2 = 0;
    for (size_t i = 0; i < cap_n_commands; i++) {
        capc += !!(cap_commands[i].protocols & CAP_PROTO_CAPC);
        ccc2 += !!(cap_commands[i].protocols & CAP_PROTO_CCC2);
    }
    g_print("# spec coverage: %zu commandTypes (%u CAP-C, %u CCC2)\n", cap_n_commands, capc, ccc2);
    finish("commands (chapters 5, 6)", rows->len);
    done(rows);
}

/* ------------------------------------------------------------------------
 * DTD elements and content models
 * ---------------------------------------------------------------------- */

static char occ_of(const cap_parent *p, unsigned dtd)
{
    return dtd == CAP_SRC_CAPC ? p->capc : p->ccc2;
}

static void test_dtd_elements(void)
{
    GPtrArray *rows = load("spec/cap_dtd_elements.tsv");
    /* "dtd child parent" -> occurrence, from the content models */
    GHashTable *rel = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *declared = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    unsigned n_capc = 0, n_ccc2 = 0, n_rel = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        unsigned dtd = dtd_bit(r[0]);
        const char *name = r[1], *model = r[2];
        if (dtd == CAP_SRC_CAPC)
            n_capc++;
        else
            n_ccc2++;
        g_hash_table_add(declared, g_strdup_printf("%s %s", r[0], name));
        const cap_element *e = element_exact(name);
        if (!e) {
            problem("%s DTD: <!ELEMENT %s> is missing", r[0], name);
            continue;
        }
        if (!(e->declared & dtd))
            problem("%s DTD declares %s; the tables do not say so", r[0], name);
        cap_content ct = !strcmp(model, "EMPTY") ? CAP_CONTENT_EMPTY
                         : !strcmp(model, "(#PCDATA)") ? CAP_CONTENT_PCDATA
                                                       : CAP_CONTENT_ELEMENTS;
        if (ct != e->content)
            problem("%s DTD: %s is %s, the tables differ", r[0], name, model);
        if (ct != CAP_CONTENT_ELEMENTS)
            continue;
        /* (a?, b*, c) */
        char *inner = g_strndup(model + 1, strlen(model) - 2);
        char **toks = g_strsplit(inner, ",", -1);
        for (char **t = toks; *t; t++) {
            char *tok = g_strstrip(*t);
            size_t l = strlen(tok);
            char occ = '1';
            if (l && strchr("?*+", tok[l - 1])) {
                occ = tok[l - 1];
                tok[l - 1] = '\0';
            }
            n_rel++;
            g_hash_table_insert(rel, g_strdup_printf("%s %s %s", r[0], tok, name),
                                GINT_TO_POINTER(occ));
            const cap_element *c = element_exact(tok);
            if (!c) {
                problem("%s DTD: %s in the content model of %s is missing", r[0], tok, name);
                continue;
            }
            const cap_parent *p = cap_element_parent(c, name);
            if (!p || occ_of(p, dtd) != occ)
                problem("%s DTD: %s%c inside %s; the tables say %c", r[0], tok, occ, name,
                        p && occ_of(p, dtd) ? occ_of(p, dtd) : '-');
        }
        g_strfreev(toks);
        g_free(inner);
    }
    /* and nothing the DTDs do not say */
    unsigned undeclared = 0, aliases = 0;
    for (size_t i = 0; i < cap_n_elements; i++) {
        const cap_element *e = &cap_elements[i];
        for (const char *const *a = e->aliases; a && *a; a++)
            aliases++;
        for (unsigned dtd = CAP_SRC_CAPC; dtd <= CAP_SRC_CCC2; dtd <<= 1) {
            const char *dn = dtd == CAP_SRC_CAPC ? "CAP-C" : "CCC2";
            char *key = g_strdup_printf("%s %s", dn, e->name);
            if ((e->declared & dtd) && !g_hash_table_contains(declared, key))
                problem("%s: the tables say the %s DTD declares it; it does not", e->name, dn);
            g_free(key);
            for (size_t k = 0; k < e->n_parents; k++) {
                char o = occ_of(&e->parents[k], dtd);
                if (!o)
                    continue;
                key = g_strdup_printf("%s %s %s", dn, e->name, e->parents[k].parent);
                gpointer v = g_hash_table_lookup(rel, key);
                if (!v || GPOINTER_TO_INT(v) != o)
                    problem("%s inside %s: the tables say %c in the %s DTD; it says %c", e->name,
                            e->parents[k].parent, o, dn, v ? GPOINTER_TO_INT(v) : '-');
                g_free(key);
            }
        }
        if (!e->declared) {
            undeclared++;
            if (e->content != CAP_CONTENT_UNDECLARED)
                problem("%s is in no DTD but has a declared content", e->name);
            g_print("# spec coverage: element <%s> is not declared by either DTD (%s)\n",
                    e->name, e->desc);
        }
        for (size_t k = 0; k < e->n_parents; k++) {
            const cap_parent *p = &e->parents[k];
            if (!p->capc && !p->ccc2 && !p->text)
                problem("%s inside %s: no source", e->name, p->parent);
            if (!element_exact(p->parent))
                problem("%s: parent %s is not an element", e->name, p->parent);
        }
    }
    g_print("# spec coverage: <!ELEMENT>: CAP-C %u, CCC2 %u; %u content-model relations; "
            "%zu element entries (%u not in a DTD, %u aliases)\n",
            n_capc, n_ccc2, n_rel, cap_n_elements, undeclared, aliases);
    g_hash_table_destroy(rel);
    g_hash_table_destroy(declared);
    finish("DTD elements and content models (chapters 10, 11)", rows->len);
    done(rows);
}

/* ------------------------------------------------------------------------
 * DTD attributes
 * ---------------------------------------------------------------------- */

static void test_dtd_attributes(void)
{
    GPtrArray *rows = load("spec/cap_dtd_attributes.tsv");
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    unsigned n_enum_vals = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        unsigned dtd = dtd_bit(r[0]);
        g_hash_table_add(seen, g_strdup_printf("%s %s %s", r[0], r[1], r[2]));
        const cap_element *e = element_exact(r[1]);
        const cap_attribute *a = cap_attribute_by_name(e, r[2]);
        if (!a) {
            problem("%s DTD: attribute %s of %s is missing", r[0], r[2], r[1]);
            continue;
        }
        if (!(a->sources & dtd))
            problem("%s DTD: %s@%s: the tables do not say this DTD has it", r[0], r[1], r[2]);
        int req = !strcmp(r[4], "#REQUIRED");
        if (req != a->required)
            problem("%s DTD: %s@%s is %s, the tables differ", r[0], r[1], r[2], r[4]);
        /* #IMPLIED "False": the DTD gives a default after #IMPLIED (not valid
         * DTD syntax, kept as the default) */
        const char *q = strchr(r[4], '"');
        char *dflt = q ? g_strndup(q + 1, strlen(q + 1) - 1) : NULL;
        if (g_strcmp0(dflt, a->dflt))
            problem("%s DTD: %s@%s default %s, the tables %s", r[0], r[1], r[2],
                    dflt ? dflt : "(none)", a->dflt ? a->dflt : "(none)");
        g_free(dflt);
        if (!strcmp(r[3], "CDATA")) {
            if (a->type != CAP_ATTR_CDATA)
                problem("%s DTD: %s@%s is CDATA, the tables an enum", r[0], r[1], r[2]);
            continue;
        }
        if (a->type != CAP_ATTR_ENUM || !a->enm) {
            problem("%s DTD: %s@%s is an enumeration, the tables differ", r[0], r[1], r[2]);
            continue;
        }
        /* the enumeration equals the enum's values of this DTD */
        char *inner = g_strndup(r[3] + 1, strlen(r[3]) - 2);
        char **vals = g_strsplit(inner, "|", -1);
        unsigned n = 0;
        for (char **v = vals; *v; v++, n++) {
            n_enum_vals++;
            const cap_enum_val *ev = cap_enum_lookup(a->enm, *v, (size_t)-1);
            if (!ev || !(ev->sources & dtd))
                problem("%s DTD: %s@%s value %s is missing (or not marked %s)", r[0], r[1], r[2],
                        *v, r[0]);
        }
        unsigned m = 0;
        for (size_t k = 0; k < a->enm->n_vals; k++)
            if (a->enm->vals[k].sources & dtd) {
                m++;
                int found = 0;
                for (char **v = vals; *v; v++)
                    found |= !strcmp(*v, a->enm->vals[k].value);
                if (!found)
                    problem("%s@%s: value %s is marked %s; that DTD does not list it", r[1], r[2],
                            a->enm->vals[k].value, r[0]);
            }
        if (m != n)
            problem("%s@%s: the %s DTD lists %u values, the tables mark %u", r[1], r[2], r[0], n, m);
        g_strfreev(vals);
        g_free(inner);
    }
    unsigned extra = 0;
    for (size_t i = 0; i < cap_n_attributes; i++) {
        const cap_attribute *a = &cap_attributes[i];
        for (unsigned dtd = CAP_SRC_CAPC; dtd <= CAP_SRC_CCC2; dtd <<= 1) {
            if (!(a->sources & dtd))
                continue;
            char *key = g_strdup_printf("%s %s %s", dtd == CAP_SRC_CAPC ? "CAP-C" : "CCC2",
                                        a->element, a->name);
            if (!g_hash_table_contains(seen, key))
                problem("%s@%s: the tables say %s; that DTD has no such ATTLIST entry",
                        a->element, a->name, key);
            g_free(key);
        }
        if (!(a->sources & CAP_SRC_DTDS)) {
            extra++;
            g_print("# spec coverage: attribute %s@%s is in no DTD (%s)\n", a->element, a->name,
                    a->desc);
        }
        if (!element_exact(a->element))
            problem("%s@%s: no such element", a->element, a->name);
    }
    g_print("# spec coverage: ATTLIST: %u attribute definitions, %u enumerated values; "
            "%zu attribute entries (%u in no DTD)\n", rows->len, n_enum_vals, cap_n_attributes,
            extra);
    g_hash_table_destroy(seen);
    finish("DTD attributes (chapters 10, 11)", rows->len);
    done(rows);
}

/* ------------------------------------------------------------------------
 * Allowed values
 * ---------------------------------------------------------------------- */

/* Tag-table names that do not say on their own which entry they are. */
static const struct {
    const char *section, *name, *element, *attribute;
} name_map[] = {
    { "6.11", "actionType", "action", "actionType" },
    { "6.21", "actionType", "queueActionData", "actionType" },
    { "6.12", "success", "result", "success" },
    { "6.19", "Success", "monResult", "success" },    /* capitalised in the 6.19 table */
    { "6.20", "Priority", "priority", NULL },         /* capitalised in the 6.20 table */
};

/* Printed values the tables spell differently: each one a spec
 * inconsistency (the DTD, the comments or the samples say otherwise). */
static const struct {
    const char *section, *name, *printed, *table;
} value_map[] = {
    /* the 6.5.3 cell; its comment and the DTD: IncorrectPassword */
    { "6.5.3", "failureCause", "IncorrectPasword", "IncorrectPassword" },
    /* the 6.5.3 cell puts a blank inside two values; the DTD has none */
    { "6.5.3", "failureCause", "UnauthorizedAttendant Console", "UnauthorizedAttendantConsole" },
    { "6.5.3", "failureCause", "UnauthorizedClientCall Control", "UnauthorizedClientCallControl" },
    /* an en dash for the minus sign */
    { "6.10.1", "appearance", "\u20131", "-1" },
};

typedef struct resolved {
    const cap_element *e;
    const cap_attribute *a;
    const cap_enum *en;
} resolved;

static resolved resolve(const char *section, const char *name)
{
    resolved r = { NULL, NULL, NULL };
    for (size_t k = 0; k < G_N_ELEMENTS(name_map); k++)
        if (!strcmp(name_map[k].section, section) && !strcmp(name_map[k].name, name)) {
            r.e = element_exact(name_map[k].element);
            r.a = name_map[k].attribute ? cap_attribute_by_name(r.e, name_map[k].attribute) : NULL;
            r.en = r.a ? r.a->enm : r.e ? r.e->enm : NULL;
            return r;
        }
    int n = 0;
    for (size_t i = 0; i < cap_n_attributes; i++)
        if (!strcmp(cap_attributes[i].name, name)) {
            r.a = &cap_attributes[i];
            n++;
        }
    if (n == 1) {
        r.e = element_exact(r.a->element);
        r.en = r.a->enm;
        return r;
    }
    r.a = NULL;
    if (n > 1)
        return r;   /* ambiguous: needs name_map */
    r.e = element_exact(name);
    r.en = r.e ? r.e->enm : NULL;
    return r;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!g_ascii_isdigit(*s))
            return 0;
    return 1;
}

static void test_values(void)
{
    GPtrArray *rows = load("spec/cap_values.tsv");
    /* enum value -> seen in the spec's lists */
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *enums = g_hash_table_new(g_direct_hash, g_direct_equal);
    unsigned mapped = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        const char *sec = r[0], *name = r[1], *value = r[2], *meaning = r[3];
        resolved x = resolve(sec, name);
        if (!x.e) {
            problem("%s %s: no element or attribute of that name", sec, name);
            continue;
        }
        if (!x.en) {
            problem("%s %s (%s%s%s): the spec lists values, the tables have none", sec, name,
                    x.e->name, x.a ? "@" : "", x.a ? x.a->name : "");
            continue;
        }
        g_hash_table_add(enums, (gpointer)x.en);
        for (size_t k = 0; k < G_N_ELEMENTS(value_map); k++)
            if (!strcmp(value_map[k].section, sec) && !strcmp(value_map[k].name, name) &&
                !strcmp(value_map[k].printed, value)) {
                value = value_map[k].table;
                mapped++;
            }
        /* "1" – N: a range; the enum must be open */
        if (strstr(meaning, "N") && g_str_has_prefix(meaning, "\u2013")) {
            if (!(x.en->flags & CAP_ENUM_OPEN))
                problem("%s %s: \"%s %s\" is a range; enum %s is not open", sec, name, value,
                        meaning, x.en->name);
            continue;
        }
        const cap_enum_val *v = cap_enum_lookup(x.en, value, (size_t)-1);
        if (!v) {
            problem("%s %s: value \"%s\" is missing from enum %s", sec, name, value, x.en->name);
            continue;
        }
        if (!(v->sources & CAP_SRC_VALUES))
            problem("%s %s: value \"%s\" is not marked as in the allowed values", sec, name,
                    value);
        g_hash_table_add(seen, (gpointer)v);
        /* numeric values: the meaning is the value's name */
        if (all_digits(value) && *meaning && strcmp(meaning, v->name))
            problem("%s %s: %s is \"%s\", the tables \"%s\"", sec, name, value, meaning, v->name);
        if (!*value && strcmp(meaning, "Empty"))
            problem("%s %s: an empty value should come from \"Empty\"", sec, name);
    }
    /* every value marked as listed is listed */
    unsigned n_vals = 0, n_enums_listed = 0;
    for (size_t i = 0; i < cap_n_enums; i++) {
        const cap_enum *en = cap_all_enums[i];
        n_vals += (unsigned)en->n_vals;
        for (size_t k = 0; k < en->n_vals; k++) {
            const cap_enum_val *v = &en->vals[k];
            if (!v->sources)
                problem("enum %s value \"%s\": no source", en->name, v->value);
            if ((v->sources & CAP_SRC_VALUES) && !g_hash_table_contains(seen, v))
                problem("enum %s value \"%s\" is marked as listed; no list of the spec has it",
                        en->name, v->value);
        }
        n_enums_listed += g_hash_table_contains(enums, en);
    }
    g_print("# spec coverage: allowed values: %u rows of %u lists (%u spellings mapped); "
            "tables: %zu enums, %u values\n", rows->len, n_enums_listed, mapped, cap_n_enums,
            n_vals);
    g_hash_table_destroy(seen);
    g_hash_table_destroy(enums);
    finish("allowed values (chapter 6)", rows->len);
    done(rows);
}

/* Values marked CAP_SRC_SAMPLE are spelled so in a sample: decode them all
 * and find each one. */
static void test_sample_values(void)
{
    problems = g_string_new(NULL);
    n_problems = 0;
    char *dir = cts_test_path("spec/cap_samples");
    GDir *d = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(d);
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    cap_msg m;
    cap_msg_init(&m);
    const char *f;
    unsigned files = 0;
    while ((f = g_dir_read_name(d))) {
        if (!g_str_has_suffix(f, ".xml"))
            continue;
        char *path = g_build_filename(dir, f, NULL);
        char *text;
        gsize len;
        g_assert_true(g_file_get_contents(path, &text, &len, NULL));
        cap_decode((const uint8_t *)text, len, &m);
        for (unsigned i = 0; i < m.n_items; i++)
            if (m.items[i].enum_val)
                g_hash_table_add(seen, (gpointer)m.items[i].enum_val);
        files++;
        g_free(text);
        g_free(path);
    }
    cap_msg_free(&m);
    g_dir_close(d);
    g_free(dir);
    unsigned n = 0;
    for (size_t i = 0; i < cap_n_enums; i++)
        for (size_t k = 0; k < cap_all_enums[i]->n_vals; k++) {
            const cap_enum_val *v = &cap_all_enums[i]->vals[k];
            if (!(v->sources & CAP_SRC_SAMPLE))
                continue;
            n++;
            if (!g_hash_table_contains(seen, v))
                problem("enum %s value \"%s\" is marked as a sample spelling; no sample has it",
                        cap_all_enums[i]->name, v->value);
        }
    g_print("# spec coverage: %u samples decoded, %u enum values met, %u sample-only spellings\n",
            files, g_hash_table_size(seen), n);
    g_hash_table_destroy(seen);
    finish("sample-only values", n);
    g_string_free(problems, TRUE);
}

/* ------------------------------------------------------------------------
 * Tag names of the chapter 6 tables
 * ---------------------------------------------------------------------- */

/* Names the chapter 6 tables print differently from the DTDs. */
static const struct {
    const char *section, *printed, *element, *attribute;
} tag_map[] = {
    { "6.11", "User", "user", NULL },            /* capitalised */
    { "6.14", "User", "user", NULL },
    { "6.22", "User", "user", NULL },
    { "6.3.1", "Id", "id", NULL },               /* capitalised: the user's id */
    { "6.10.1", "Id", "callCenter", "id" },      /* "The id attribute (under the callCenter tag)" */
    { "6.19", "Id", "failedUser", "id" },        /* the failed user's login id */
    { "6.19", "Success", "monResult", "success" },
    { "6.20", "Priority", "priority", NULL },
    { "6.25", "from user", "from", NULL },       /* "from user": the from tag and its user */
    { "6.25", "to user", "to", NULL },
};

static void test_tag_names(void)
{
    GPtrArray *rows = load("spec/cap_tags.tsv");
    GHashTable *named = g_hash_table_new(g_str_hash, g_str_equal);
    unsigned mapped = 0, aliased = 0;
    for (guint i = 0; i < rows->len; i++) {
        char **r = rows->pdata[i];
        const char *name = r[1];
        int found = 0;
        for (size_t k = 0; k < G_N_ELEMENTS(tag_map); k++)
            if (!strcmp(tag_map[k].section, r[0]) && !strcmp(tag_map[k].printed, name)) {
                const cap_element *e = element_exact(tag_map[k].element);
                const cap_attribute *a =
                    tag_map[k].attribute ? cap_attribute_by_name(e, tag_map[k].attribute) : NULL;
                found = e && (!tag_map[k].attribute || a);
                g_hash_table_add(named, (gpointer)(a ? a->name : e ? e->name : ""));
                mapped++;
            }
        if (found)
            continue;
        const cap_element *e = cap_element_by_name(name, (size_t)-1);
        if (e) {
            found = 1;
            aliased += !!strcmp(e->name, name);
            g_hash_table_add(named, (gpointer)e->name);
        }
        for (size_t k = 0; k < cap_n_attributes; k++)
            if (!strcmp(cap_attributes[k].name, name)) {
                found = 1;
                g_hash_table_add(named, (gpointer)cap_attributes[k].name);
            }
        if (!found)
            problem("%s (spec line %s): tag %s is neither an element nor an attribute of the "
                    "tables", r[0], r[3], name);
    }
    /* what no DTD has must be in a tag table */
    for (size_t i = 0; i < cap_n_elements; i++)
        if (!cap_elements[i].declared && !g_hash_table_contains(named, cap_elements[i].name))
            problem("<%s> is in no DTD and no tag table", cap_elements[i].name);
    for (size_t i = 0; i < cap_n_attributes; i++)
        if (!(cap_attributes[i].sources & CAP_SRC_DTDS) &&
            !g_hash_table_contains(named, cap_attributes[i].name))
            problem("%s@%s is in no DTD and no tag table", cap_attributes[i].element,
                    cap_attributes[i].name);
    g_print("# spec coverage: chapter 6 tag tables: %u rows, %u distinct names (%u printed "
            "differently, %u through an alias)\n", rows->len, g_hash_table_size(named), mapped,
            aliased);
    g_hash_table_destroy(named);
    finish("tag names (chapter 6)", rows->len);
    done(rows);
}

/* ------------------------------------------------------------------------
 * Filter fields and roles
 * ---------------------------------------------------------------------- */

/* Entries whose filter field is not the snake case of their name, and why. */
static const struct {
    const char *element, *attribute, *field;
} field_renames[] = {
    { "id", NULL, "user_id" },                      /* <id> is the user's id: same as user@id */
    { "user", "id", "user_id" },                    /* "id" alone says nothing */
    { "action", "id", "action_id" },                /* the request's correlation id */
    { "failedUser", "id", "failed_user_id" },
    { "callCenter", "id", "call_center_id" },
    { "queueActionData", "actionType", "queue_action_type" },  /* not a call action */
    { "clearVMMWI", NULL, "clear_vm_mwi" },         /* two acronyms back to back */
};

/* Fields shared by several entries, because they mean the same thing. */
static const char *const shared_fields[] = {
    "user_id",            /* user@id, <id> */
    "call_id",            /* call@callId, queueCall@callId */
    "success",            /* monResult@success, result@success */
    "cfa_destination",    /* cfa@cfaDestination, <cfaDestination> */
    "response_requested", /* action@responseRequested, the CCC2 user's <responseRequested> */
};

static void check_field(GHashTable *fields, const char *what, const char *element,
                        const char *attribute, const char *name, const char *field)
{
    char snake[96];
    cap_snake_name(name, snake, sizeof snake);
    const char *want = snake;
    for (size_t k = 0; k < G_N_ELEMENTS(field_renames); k++)
        if (!strcmp(field_renames[k].element, element) &&
            !g_strcmp0(field_renames[k].attribute, attribute))
            want = field_renames[k].field;
    if (strcmp(field, want))
        problem("%s: filter field %s, expected %s", what, field, want);
    for (const char *c = field; *c; c++)
        if (!(g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '_'))
            problem("%s: filter field %s is not snake case", what, field);
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(fields, field));
    g_hash_table_insert(fields, (gpointer)field, GUINT_TO_POINTER(n + 1));
}

static void test_fields_and_roles(void)
{
    problems = g_string_new(NULL);
    n_problems = 0;
    GHashTable *fields = g_hash_table_new(g_str_hash, g_str_equal);
    char what[96];
    for (size_t i = 0; i < cap_n_elements; i++) {
        const cap_element *e = &cap_elements[i];
        snprintf(what, sizeof what, "<%s>", e->name);
        check_field(fields, what, e->name, NULL, e->name, e->field);
    }
    for (size_t i = 0; i < cap_n_attributes; i++) {
        const cap_attribute *a = &cap_attributes[i];
        snprintf(what, sizeof what, "%s@%s", a->element, a->name);
        check_field(fields, what, a->element, a->name, a->name, a->field);
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, fields);
    unsigned shared = 0;
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int allowed = 0;
        for (size_t s = 0; s < G_N_ELEMENTS(shared_fields); s++)
            allowed |= !strcmp(shared_fields[s], k);
        if (GPOINTER_TO_UINT(v) > 1 && !allowed)
            problem("filter field %s is used by %u entries", (const char *)k, GPOINTER_TO_UINT(v));
        if (allowed && GPOINTER_TO_UINT(v) < 2)
            problem("filter field %s is listed as shared but used once", (const char *)k);
        shared += GPOINTER_TO_UINT(v) > 1;
    }
    /* the roles the call-flow engine relies on */
    static const struct { const char *element, *attribute; unsigned role; } roles[] = {
        { "command", "commandType", CAP_ROLE_COMMAND_TYPE },
        { "user", "userType", CAP_ROLE_USER_TYPE },
        { "user", "id", CAP_ROLE_USER_ID },
        { "id", NULL, CAP_ROLE_USER_ID },
        { "user", "userUid", CAP_ROLE_USER_UID },
        { "applicationId", NULL, CAP_ROLE_APPLICATION_ID },
        { "call", "callId", CAP_ROLE_CALL_ID },
        { "queueCall", "callId", CAP_ROLE_CALL_ID },
        { "call", "extTrackingId", CAP_ROLE_EXT_TRACKING_ID },
        { "state", NULL, CAP_ROLE_STATE },
        { "personality", NULL, CAP_ROLE_PERSONALITY },
        { "releaseCause", NULL, CAP_ROLE_RELEASE_CAUSE },
        { "remoteNumber", NULL, CAP_ROLE_REMOTE_NUMBER },
        { "action", "actionType", CAP_ROLE_ACTION_TYPE },
        { "actionParam", NULL, CAP_ROLE_ACTION_PARAM },
        { "conference", "conferenceState", CAP_ROLE_CONFERENCE_STATE },
        { "offHook", NULL, CAP_ROLE_OFF_HOOK },
        { "acdState", NULL, CAP_ROLE_ACD_STATE },
        { "queue", "updateReason", CAP_ROLE_QUEUE_REASON },
        { "failure", "failureCause", CAP_ROLE_FAILURE },
        { "monitoredUserId", NULL, CAP_ROLE_MONITORED_USER_ID },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
        const cap_element *e = element_exact(roles[i].element);
        unsigned got = roles[i].attribute
                           ? (cap_attribute_by_name(e, roles[i].attribute)
                                  ? cap_attribute_by_name(e, roles[i].attribute)->roles : 0)
                           : (e ? e->roles : 0);
        if (!(got & roles[i].role))
            problem("%s%s%s lacks its role", roles[i].element, roles[i].attribute ? "@" : "",
                    roles[i].attribute ? roles[i].attribute : "");
    }
    /* snake case examples of cap_table.h */
    static const char *const snake[][2] = {
        { "extTrackingId", "ext_tracking_id" }, { "DNISName", "dnis_name" },
        { "nWayCall", "n_way_call" }, { "hasVMMessages", "has_vm_messages" },
        { "commandType", "command_type" }, { "userUid", "user_uid" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(snake); i++) {
        char out[64];
        if (strcmp(cap_snake_name(snake[i][0], out, sizeof out), snake[i][1]))
            problem("cap_snake_name(%s) = %s, expected %s", snake[i][0], out, snake[i][1]);
    }
    g_print("# spec coverage: %u filter fields (%u shared by entries that mean the same)\n",
            g_hash_table_size(fields), shared);
    g_hash_table_destroy(fields);
    finish("filter fields and roles", (unsigned)(cap_n_elements + cap_n_attributes));
    g_string_free(problems, TRUE);
}

/* The lookups the decoder and the plugin use. */
static void test_lookups(void)
{
    const cap_element *e = cap_element_by_name("longestCallWaitTime", (size_t)-1);
    g_assert_nonnull(e);
    g_assert_cmpstr(e->name, ==, "longestWaitTime");
    g_assert_true(cap_element_by_name("redirectToNumber", (size_t)-1) ==
                  cap_element_by_name("redirectToNum", (size_t)-1));
    g_assert_true(cap_element_by_name("callcenter", 10) == cap_element_by_name("callCenter", 10));
    g_assert_null(cap_element_by_name("callCente", (size_t)-1));
    g_assert_null(cap_element_by_name("nosuch", (size_t)-1));
    g_assert_nonnull(cap_element_in("state", "call"));
    g_assert_null(cap_element_in("state", "user"));
    g_assert_nonnull(cap_element_in("DNISName", "queueCall"));   /* 6.20 prose */
    g_assert_nonnull(cap_element_in("numCallsInQueue", "callcenter"));
    g_assert_nonnull(cap_element_in("BroadsoftDocument", NULL));
    g_assert_true(cap_parent_repeats(cap_element_parent(cap_element_by_name("call", 4), "user")));
    g_assert_false(cap_parent_repeats(cap_element_parent(cap_element_by_name("state", 5), "call")));
    const cap_attribute *a = cap_attribute_by_name(cap_element_by_name("call", 4), "callId");
    g_assert_nonnull(a);
    g_assert_cmpstr(a->field, ==, "call_id");
    g_assert_null(cap_attribute_by_name(cap_element_by_name("call", 4), "callid"));
    const cap_enum_val *v = cap_enum_lookup(&cap_enum_state, "7", 1);
    g_assert_nonnull(v);
    g_assert_cmpstr(v->name, ==, "client alerting");
    g_assert_null(cap_enum_lookup(&cap_enum_state, "8", 1));
    g_assert_cmpstr(cap_enum_lookup(&cap_enum_feature_on_off, "", 0)->name, ==, "not assigned");
    const cap_command *c = cap_command_by_name("callAction");
    g_assert_nonnull(c);
    g_assert_cmpint(c->dir, ==, CAP_DIR_C2S);
    g_assert_cmpstr(c->response, ==, "callActionResponse");
    char f[64];
    g_assert_cmpstr(cap_attribute_filter(a, f, sizeof f), ==, "bwcap.call_id");
    g_assert_cmpstr(cap_element_filter(cap_element_by_name("extension", 9), f, sizeof f), ==,
                    "bwcap.extension");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cap-spec/commands", test_commands);
    g_test_add_func("/cap-spec/dtd-elements", test_dtd_elements);
    g_test_add_func("/cap-spec/dtd-attributes", test_dtd_attributes);
    g_test_add_func("/cap-spec/values", test_values);
    g_test_add_func("/cap-spec/sample-values", test_sample_values);
    g_test_add_func("/cap-spec/tag-names", test_tag_names);
    g_test_add_func("/cap-spec/fields-roles", test_fields_and_roles);
    g_test_add_func("/cap-spec/lookups", test_lookups);
    return g_test_run();
}
