/* msg_select.c - the per-message filters (msg_select.h). */
#include "msg_select.h"

#include <stdio.h>
#include <string.h>

cts_msgsel *cts_msgsel_new(const char *call, const char *dn, const char *agent,
                           char **types, const char **bad)
{
    *bad = NULL;
    if (!call && !dn && !agent && (!types || !types[0]))
        return NULL;
    cts_msgsel *s = g_new0(cts_msgsel, 1);
    s->call = call, s->dn = dn, s->agent = agent;
    s->types = g_ptr_array_new_with_free_func((GDestroyNotify)g_pattern_spec_free);
    for (char **t = types; t && *t; t++) {
        GPatternSpec *p = g_pattern_spec_new(*t);
        int known = 0;
        for (size_t i = 0; !known && i < ccx_n_messages; i++)
            known = g_pattern_spec_match_string(p, ccx_messages[i].name);
        for (size_t i = 0; !known && i < cap_n_commands; i++)
            known = g_pattern_spec_match_string(p, cap_commands[i].name);
        /* OCI command types are not in the tables: "OCI ..." is taken as given */
        known |= strncmp(*t, "OCI ", 4) == 0 || strncmp(*t, "RESERVED(", 9) == 0 ||
                 strncmp(*t, "UNKNOWN(", 8) == 0;
        if (!known && !*bad)
            *bad = *t;
        g_ptr_array_add(s->types, p);
    }
    return s;
}

void cts_msgsel_free(cts_msgsel *s)
{
    if (!s)
        return;
    g_ptr_array_unref(s->types);
    g_free(s);
}

static int type_ok(const cts_msgsel *s, const char *name)
{
    if (!s->types->len)
        return 1;
    for (guint i = 0; i < s->types->len; i++)
        if (g_pattern_spec_match_string(s->types->pdata[i], name))
            return 1;
    return 0;
}

/* A STRING field's text (up to its NUL) equal to want. */
static int str_is(const ccx_decoded_field *f, const char *want)
{
    size_t n = strlen(want);
    return f->type == CCX_STRING && f->data && f->str_len == n && memcmp(f->data, want, n) == 0;
}

int cts_msgsel_ccx(const cts_msgsel *s, const ccx_msg *m)
{
    if (!s)
        return 1;
    char nb[64];
    if (!type_ok(s, ccx_msg_name(m, nb, sizeof nb)))
        return 0;
    int call = !s->call, dn = !s->dn, agent = !s->agent;
    for (unsigned i = 0; i < m->n_fields; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        if (f->field < 0 || f->field >= CCXF_COUNT ||
            (f->kind != CCX_D_FIXED && f->kind != CCX_D_FLOATING && f->kind != CCX_D_FOREIGN))
            continue;
        unsigned roles = ccx_fields[f->field].roles;
        if (!call && (roles & CCX_ROLE_CALL_ID) && f->valid && f->type != CCX_STRING) {
            char v[24];
            snprintf(v, sizeof v, "%u", (unsigned)f->u);
            call = strcmp(v, s->call) == 0;
        }
        if (!dn && ((roles & CCX_ROLE_DEVICE_ID) || f->field == CCXF_ANI || f->field == CCXF_DNIS ||
                    f->field == CCXF_DialedNumber))
            dn = str_is(f, s->dn);
        if (!agent && (roles & CCX_ROLE_AGENT_ID))
            agent = str_is(f, s->agent);
    }
    return call && dn && agent;
}

static int cap_type_ok(const cts_msgsel *s, const cap_msg *m)
{
    if (!s->types->len)
        return 1;
    if (m->proto != CAP_DOC_OCI)
        return type_ok(s, m->command_type ? m->command_type : "");
    /* OCI: "OCI <commandType>" for each of its commands, as --brief names them */
    cap_oci o;
    cap_oci_info(m, &o);
    char **cmds = g_strsplit(o.commands, ", ", -1);
    int ok = 0;
    for (char **c = cmds; !ok && *c; c++) {
        char *name = g_strconcat("OCI ", *c, NULL);
        ok = type_ok(s, name) || type_ok(s, *c);
        g_free(name);
    }
    g_strfreev(cmds);
    return ok;
}

int cts_msgsel_cap(const cts_msgsel *s, const cap_msg *m)
{
    if (!s)
        return 1;
    if (!cap_type_ok(s, m))
        return 0;
    int call = !s->call, dn = !s->dn, agent = !s->agent;
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        if (!it->value)
            continue;
        unsigned roles = cap_item_roles(it);
        if (!call && (cap_item_is_call_id(m, i) || (roles & CAP_ROLE_EXT_TRACKING_ID)))
            call = strcmp(it->value, s->call) == 0;
        if (!dn && (roles & (CAP_ROLE_REMOTE_NUMBER | CAP_ROLE_LOCAL_NUMBER)))
            dn = strcmp(it->value, s->dn) == 0;
        if (!agent && (roles & (CAP_ROLE_USER_ID | CAP_ROLE_MONITORED_USER_ID)))
            agent = strcmp(it->value, s->agent) == 0;
    }
    return call && dn && agent;
}

void cts_msgsel_list_types(FILE *out)
{
    for (size_t i = 0; i < ccx_n_messages; i++)
        fprintf(out, "%s\n", ccx_messages[i].name);
    for (size_t i = 0; i < cap_n_commands; i++)
        fprintf(out, "%s\n", cap_commands[i].name);
}
