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
