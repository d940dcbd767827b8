/* fast_append.h - GString appends that stay inline while the buffer has
 * room, and digits without printf.
 *
 * The printers build every line in a GString that is reused line after
 * line, so after the first few lines the buffer always has room: the
 * common case is a memcpy.  GLib's g_string_append is a function call that
 * measures and checks more, which counts for output made of short keys and
 * numbers, message after message.  The per-message and per-call printers
 * call fa_s, fa_c and fa_len; what is printed once per run uses GLib's own.
 */
#ifndef CTS_FAST_APPEND_H
#define CTS_FAST_APPEND_H

#include <stdint.h>
#include <string.h>
#include <glib.h>

/* Always inlined: with a literal, fa_s's strlen is folded at compile
 * time; out of line (as LTO chose) a call and a strlen per key were a
 * tenth of the --calls ladder. */
#define FA_INLINE static inline __attribute__((always_inline))

FA_INLINE void fa_len(GString *s, const char *d, size_t n)
{
    if (G_UNLIKELY(s->len + n + 1 > s->allocated_len)) {
        g_string_append_len(s, d, (gssize)n);
        return;
    }
    memcpy(s->str + s->len, d, n);
    s->len += n;
    s->str[s->len] = '\0';
}

FA_INLINE void fa_c(GString *s, char c)
{
    if (G_UNLIKELY(s->len + 2 > s->allocated_len)) {
        g_string_append_c(s, c);
        return;
    }
    s->str[s->len++] = c;
    s->str[s->len] = '\0';
}

FA_INLINE void fa_s(GString *s, const char *z)
{
    fa_len(s, z, strlen(z));
}

/* Room for n more bytes at the end of s, to be written in place and then
 * ended with fa_commit; returns where they go. */
FA_INLINE char *fa_room(GString *s, size_t n)
{
    if (G_UNLIKELY(s->len + n + 1 > s->allocated_len)) {
        size_t len = s->len;
        g_string_set_size(s, len + n);   /* grows the buffer; */
        g_string_truncate(s, len);       /* the room stays allocated */
    }
    return s->str + s->len;
}

/* The bytes written from fa_room's pointer on end at end. */
FA_INLINE void fa_commit(GString *s, char *end)
{
    s->len = (gsize)(end - s->str);
    *end = '\0';
}

/* How many bytes at the start of z are printable ASCII: the text outputs
 * copy such a run as it is (cf_put_text). */
static inline size_t fa_plain_len(const char *z)
{
    const char *p = z;
    while ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
        p++;
    return (size_t)(p - z);
}

/* v in decimal, written backwards so that it ends just before end; returns
 * where it starts (at most 20 bytes before end).  Two digits per division. */
static inline char *fa_digits(char *end, uint64_t v)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char *p = end;
    while (v > UINT32_MAX) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        *--p = pairs[2 * r + 1];
        *--p = pairs[2 * r];
    }
    uint32_t w = (uint32_t)v;   /* the usual case: 32-bit divisions are cheaper */
    while (w >= 100) {
        unsigned r = w % 100;
        w /= 100;
        *--p = pairs[2 * r + 1];
        *--p = pairs[2 * r];
    }
    if (w >= 10) {
        *--p = pairs[2 * w + 1];
        *--p = pairs[2 * w];
    } else {
        *--p = (char)('0' + w);
    }
    return p;
}

/* The number of decimal digits of v (1 for 0), without dividing: from its
 * bit length, corrected by one comparison. */
static inline unsigned fa_ndigits(uint64_t v)
{
    static const uint64_t p10[20] = {
        1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
        100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
        10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
        100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
    };
    uint64_t x = v | 1;   /* the same digit count, and a defined clz */
    unsigned t = ((unsigned)(64 - __builtin_clzll(x)) * 1233u) >> 12;
    return t - (x < p10[t]) + 1;
}

/* v in decimal, at least min_digits digits (zero-padded), written in place
 * while the buffer has room. */
static inline void fa_uint(GString *s, uint64_t v, int min_digits)
{
    unsigned n = fa_ndigits(v);
    unsigned w = min_digits > (int)n ? (unsigned)min_digits : n;
    if (G_UNLIKELY(s->len + w + 1 > s->allocated_len)) {
        char b[24];
        char *p = fa_digits(b + sizeof b, v);
        while (b + sizeof b - p < min_digits && p > b)
            *--p = '0';
        fa_len(s, p, (size_t)(b + sizeof b - p));
        return;
    }
    char *p = s->str + s->len;
    for (unsigned i = n; i < w; i++)
        *p++ = '0';
    fa_digits(p + n, v);
    s->len += w;
    s->str[s->len] = '\0';
}

static inline void fa_int(GString *s, int64_t v)
{
    if (v < 0) {
        fa_c(s, '-');
        fa_uint(s, (uint64_t)0 - (uint64_t)v, 1);
    } else {
        fa_uint(s, (uint64_t)v, 1);
    }
}

/* Length of the valid UTF-8 character at p (n bytes there), or 0 when the
 * bytes are not one. */
static inline size_t fa_utf8_len(const char *p, size_t n)
{
    gunichar u = g_utf8_get_char_validated(p, (gssize)n);
    return u < (gunichar)-2 ? (size_t)g_unichar_to_utf8(u, NULL) : 0;
}

/* A JSON string (RFC 8259) of the n bytes at d: quote, backslash and
 * control characters escaped, invalid UTF-8 bytes as U+FFFD. */
static inline void fa_json_escape(GString *s, const char *d, size_t n)
{
    fa_c(s, '"');
    size_t i = 0;
    while (i < n) {
        /* the common case: a run of plain printable ASCII, copied at once;
         * 8 bytes at a time while none of them is a control character, DEL,
         * non-ASCII, '"' or '\\' (SWAR: a byte of x is below 0x20, or zero in
         * x ^ c, when the matching 0x80 bit is set) */
        size_t j = i;
        for (; j + 8 <= n; j += 8) {
            uint64_t x, k = UINT64_C(0x0101010101010101), h = UINT64_C(0x8080808080808080);
            memcpy(&x, d + j, 8);
            uint64_t q = x ^ (k * '"'), b = x ^ (k * '\\'), del = x ^ (k * 0x7f);
            uint64_t bad = ((x - k * 0x20) | (q - k) | (b - k) | (del - k)) & ~x & h;
            if ((bad | (x & h)) != 0)
                break;
        }
        while (j < n && (unsigned char)d[j] >= 0x20 && (unsigned char)d[j] < 0x7f && d[j] != '"' &&
               d[j] != '\\')
            j++;
        if (j > i) {
            fa_len(s, d + i, j - i);
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)d[i];
        size_t l;
        if (c == '"' || c == '\\') {
            fa_c(s, '\\');
            fa_c(s, (char)c);
            i++;
        } else if (c < 0x80) {   /* a control character or DEL */
            g_string_append_printf(s, "\\u%04x", c);
            i++;
        } else if ((l = fa_utf8_len(d + i, n - i)) != 0) {
            fa_len(s, d + i, l);
            i += l;
        } else {
            fa_s(s, "\\ufffd");
            i++;
        }
    }
    fa_c(s, '"');
}

#endif
