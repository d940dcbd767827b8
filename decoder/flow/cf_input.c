/* cf_input.c - what an adapter uses to fill a cf_input (see cf_engine.h):
 * clearing it for the next message, copying text into its scratch space,
 * and the 64-bit content hash that fingerprints each wire message so the
 * engine can merge the copies of one event seen on several connections.
 *
 * Called for every message by the adapters (cf_map_ccx.c, cf_map_cap.c)
 * and the CLI; nothing here reads the engine's state.
 */
#include "cf_engine.h"

#include "small_mem.h"

#include <string.h>

void cf_input_reset(cf_input *w)
{
    cts_zero(w, offsetof(cf_input, parties));   /* every message: no rep stos */
    w->cause = w->cause2 = w->call_type = CF_NO_VALUE;
    w->n_kv = 0;
    w->kv_dropped = 0;
    w->scratch_used = 0;
}

cf_str cf_input_scratch(cf_input *w, const char *s, size_t n)
{
    cf_str r = { NULL, 0 };
    if (w->scratch_used + n > sizeof w->scratch)
        return r;
    char *p = w->scratch + w->scratch_used;
    memcpy(p, s, n);
    w->scratch_used += (unsigned)n;
    r.p = p;
    r.n = (uint32_t)n;
    return r;
}

/* 64-bit content hash, 8 bytes at a time: the adapters fingerprint each
 * wire message with it so copies seen on several connections merge.
 * padded: the bytes after p + n up to the next multiple of 8 are readable
 * and 0, so the last word is read whole (no memcpy call of a variable
 * size); the hash is the same. */
static inline __attribute__((always_inline)) uint64_t hash_bytes(const uint8_t *p, size_t n,
                                                                 int padded)
{
    /* Two lanes of 8 bytes: each multiply waits for the one before it in
     * its lane only, so a message costs half the chained multiplies. */
    uint64_t a = 0x243F6A8885A308D3ull ^ n, b = 0x13198A2E03707344ull;
    while (n >= 16) {
        uint64_t x, y;
        memcpy(&x, p, 8);
        memcpy(&y, p + 8, 8);
        a = (a ^ x) * 0x9E3779B97F4A7C15ull;
        b = (b ^ y) * 0xC2B2AE3D27D4EB4Full;
        a ^= a >> 31;
        b ^= b >> 29;
        p += 16;
        n -= 16;
    }
    uint64_t x = 0, y = 0;
    if (padded) {
        if (n)
            memcpy(&x, p, 8);
        if (n > 8)
            memcpy(&y, p + 8, 8);
    } else {
        memcpy(&x, p, n < 8 ? n : 8);
        if (n > 8)
            memcpy(&y, p + 8, n - 8);
    }
    a = (a ^ x) * 0x9E3779B97F4A7C15ull;
    b = (b ^ y) * 0xC2B2AE3D27D4EB4Full;
    uint64_t h = (a ^ (b >> 32 | b << 32)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h;
}

uint64_t cf_hash_bytes(const uint8_t *p, size_t n)
{
    return hash_bytes(p, n, 0);
}

uint64_t cf_hash_padded(const uint8_t *p, size_t n)
{
    return hash_bytes(p, n, 1);
}
