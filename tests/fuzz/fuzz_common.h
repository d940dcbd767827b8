/* fuzz_common.h - what the fuzz targets share: a sink for output, a
 * deterministic generator for split points, a reader of the records some
 * targets' inputs are made of.  See README.md in this folder. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer's entry points (its own main, or fuzz_main.c's). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output goes here: formatted in full, written nowhere. */
static inline FILE *fz_sink(void)
{
    static FILE *f;
    if (!f) {
        f = fopen("/dev/null", "w");
        if (!f)
            abort();
    }
    return f;
}

/* A failed check: say what, then abort (libFuzzer keeps the input). */
#define FZ_CHECK(cond, ...)                                                   \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "fuzz check failed: %s (%s:%d): ", #cond, __FILE__, \
                    __LINE__);                                                \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* xorshift64*: split points and choices that depend on the input only. */
typedef struct fz_rng {
    uint64_t s;
} fz_rng;

static inline void fz_rng_seed(fz_rng *r, const uint8_t *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    r->s = h ? h : 1;
}

static inline uint32_t fz_rng_next(fz_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1Dull) >> 32);
}

/* In [0, n); 0 when n is 0. */
static inline uint32_t fz_rng_below(fz_rng *r, uint32_t n)
{
    return n ? fz_rng_next(r) % n : 0;
}

/* Reading an input made of records: each call takes bytes from the front;
 * past the end it gives zeros (and empty spans), so that any input parses. */
typedef struct fz_in {
    const uint8_t *p;
    size_t n;
} fz_in;

static inline uint8_t fz_u8(fz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint16_t fz_u16(fz_in *in)
{
    uint16_t hi = fz_u8(in);
    return (uint16_t)(hi << 8 | fz_u8(in));
}

static inline uint32_t fz_u32(fz_in *in)
{
    uint32_t hi = fz_u16(in);
    return hi << 16 | fz_u16(in);
}

/* Up to want bytes (fewer at the end); *got says how many. */
static inline const uint8_t *fz_bytes(fz_in *in, size_t want, size_t *got)
{
    const uint8_t *p = in->p;
    *got = want < in->n ? want : in->n;
    in->p += *got;
    in->n -= *got;
    return p;
}

#endif
