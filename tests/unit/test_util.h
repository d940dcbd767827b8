/* test_util.h - small helpers shared by the unit tests. */
#ifndef CTS_TEST_UTIL_H
#define CTS_TEST_UTIL_H

#include <glib.h>
#include <string.h>

/* "00 00 00 36 ..." -> bytes (anything that is not a hex digit is skipped). */
static inline GByteArray *cts_hex(const char *h)
{
    GByteArray *b = g_byte_array_new();
    int hi = -1;
    for (; *h; h++) {
        if (!g_ascii_isxdigit(*h))
            continue;
        int v = g_ascii_xdigit_value(*h);
        if (hi < 0) {
            hi = v;
        } else {
            guint8 x = (guint8)(hi << 4 | v);
            g_byte_array_append(b, &x, 1);
            hi = -1;
        }
    }
    return b;
}

/* Path of a file under tests/ (CTS_TEST_DIR is set by ctest). */
static inline char *cts_test_path(const char *rel)
{
    const char *dir = g_getenv("CTS_TEST_DIR");
    return g_build_filename(dir ? dir : ".", rel, NULL);
}

static inline int cts_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The documents of a BroadWorks CAP flow, the .xml files of captures/flows/cap/<flow>
 * (the files its sample capture was recorded from): their paths, in name
 * order, but those whose name has skip (NULL: none). */
static inline GPtrArray *cts_cap_flow_docs(const char *flow, const char *skip)
{
    char *rel = g_strdup_printf("../captures/flows/cap/%s", flow);
    char *dir = cts_test_path(rel);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        g_error("cannot read %s", dir);
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)) != NULL)
        if (g_str_has_suffix(n, ".xml") && (!skip || !strstr(n, skip)))
            g_ptr_array_add(paths, g_build_filename(dir, n, NULL));
    g_dir_close(d);
    qsort(paths->pdata, paths->len, sizeof(char *), cts_cmp_str);
    g_free(dir);
    g_free(rel);
    return paths;
}

#ifdef CCX_ENCODE_H
/* One CCX message from the encoder's text form ("END_CALL_EVENT CallID=5
 * ConnectionDeviceID=2005"); a line that does not encode fails the test. */
static inline GByteArray *cts_encode(const char *line)
{
    GByteArray *b = g_byte_array_new();
    char err[256];
    if (ccx_encode_text(line, b, err, sizeof err) < 0)
        g_error("encode \"%s\": %s", line, err);
    return b;
}
#endif

#endif
