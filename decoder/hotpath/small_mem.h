/* small_mem.h - comparing and clearing small blocks, inline.
 *
 * Call ids, device numbers and data keys are a few bytes, compared
 * several times per message; a call to memcmp costs more than the
 * comparison itself.  And GCC turns a memset of a few hundred bytes into
 * `rep stos`, which takes longer to start than plain stores take to
 * finish; cts_zero stores a zero the compiler cannot see, so the stores
 * stay plain (16-byte) stores.
 */
#ifndef CTS_SMALL_MEM_H
#define CTS_SMALL_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline int cts_short_eq(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n >= 8; x += 8, y += 8, n -= 8) {   /* a call id is 8 digits */
        uint64_t u, v;
        memcpy(&u, x, 8);
        memcpy(&v, y, 8);
        if (u != v)
            return 0;
    }
    if (n >= 4) {
        uint32_t u, v;
        memcpy(&u, x, 4);
        memcpy(&v, y, 4);
        if (u != v)
            return 0;
        x += 4;
        y += 4;
        n -= 4;
    }
    for (; n; x++, y++, n--)
        if (*x != *y)
            return 0;
    return 1;
}

/* Is there a 0 byte in [p, p + n)?  A word at a time (a device id is
 * checked for a NUL before its last byte in every message). */
static inline __attribute__((always_inline)) int cts_has_nul(const void *p, size_t n)
{
    const unsigned char *q = p;
    for (; n >= 8; q += 8, n -= 8) {
        uint64_t x;
        memcpy(&x, q, 8);
        if ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull)
            return 1;
    }
    if (n >= 4) {
        uint32_t x;
        memcpy(&x, q, 4);
        if ((x - 0x01010101u) & ~x & 0x80808080u)
            return 1;
        q += 4;
        n -= 4;
    }
    for (; n; q++, n--)
        if (!*q)
            return 1;
    return 0;
}

/* 0, but read at run time (one per file that includes this) */
static volatile uint64_t cts_opaque_zero __attribute__((unused));

static inline void cts_zero(void *p, size_t n)
{
    typedef uint64_t v2 __attribute__((vector_size(16)));
    v2 z = { cts_opaque_zero, cts_opaque_zero };
    char *q = p;
    size_t o = 0;
    /* unrolled: the sizes are constants of a few hundred bytes */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 32
#endif
    for (; o + 16 <= n; o += 16)
        memcpy(q + o, &z, 16);
    for (; o < n; o++)
        q[o] = 0;
}

#endif
