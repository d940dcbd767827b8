/* short_eq.h - equality of short byte strings, inline.
 *
 * Call ids, device numbers and data keys are a few bytes, compared
 * several times per message; a call to memcmp costs more than the
 * comparison itself.
 */
#ifndef CTS_SHORT_EQ_H
#define CTS_SHORT_EQ_H

#include <stddef.h>

static inline int cts_short_eq(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

#endif
