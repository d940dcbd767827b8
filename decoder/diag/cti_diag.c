/* cti_diag.c - which diagnostics a full list keeps (see cti_diag.h). */
#include "cti_diag.h"

#include <string.h>

static int sev_of(const unsigned char *d, size_t sev_at)
{
    int s;
    memcpy(&s, d + sev_at, sizeof s);
    return s;
}

int cti_diag_make_room(void *diags, size_t size, size_t sev_at, unsigned *n, unsigned max,
                       int sev, unsigned *dropped)
{
    if (*n < max)
        return 1;
    unsigned char *base = diags;
    ++*dropped;
    int victim = -1, victim_sev = sev;
    for (int i = (int)*n - 1; i >= 0; i--) {
        int s = sev_of(base + (size_t)i * size, sev_at);
        if (s < victim_sev) {
            victim = i;
            victim_sev = s;
        }
    }
    if (victim < 0)
        return 0;
    memmove(base + (size_t)victim * size, base + (size_t)(victim + 1) * size,
            (size_t)(*n - 1 - (unsigned)victim) * size);
    --*n;
    return 1;
}
