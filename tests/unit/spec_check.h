/* spec_check.h - the shared frame of the spec-coverage tests: load one of
 * the spec's lists (a TSV file in tests/spec/), collect every mismatch, then fail
 * once listing them all, so a table fix can be checked in one run. */
#ifndef CTS_SPEC_CHECK_H
#define CTS_SPEC_CHECK_H

#include <glib.h>
#include <stdarg.h>

#include "test_util.h"

static GString *problems;
static unsigned n_problems;

static void problem(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_string_append(problems, "  ");
    g_string_append_vprintf(problems, fmt, ap);
    g_string_append_c(problems, '\n');
    va_end(ap);
    n_problems++;
}

/* Print the count checked; fail listing every mismatch. */
static void finish(const char *what, unsigned checked)
{
    g_print("# spec coverage: %s: %u entries checked, %u mismatches\n", what, checked, n_problems);
    if (n_problems) {
        g_printerr("%s", problems->str);
        g_error("%u mismatches between the tables and the spec's %s", n_problems, what);
    }
}

/* Rows of a TSV, comments skipped; each row a NULL-terminated vector. */
static GPtrArray *load(const char *name)
{
    char *path = cts_test_path(name);
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err))
        g_error("%s", err->message);
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        if (!**l || **l == '#')
            continue;
        g_ptr_array_add(rows, g_strsplit(*l, "\t", -1));
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    problems = g_string_new(NULL);
    n_problems = 0;
    return rows;
}

static void done(GPtrArray *rows)
{
    g_ptr_array_unref(rows);
    g_string_free(problems, TRUE);
}

#endif
