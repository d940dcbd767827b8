/* cts_frames.h - naming a frame when several capture files are read as one.
 *
 * Every layer (reassembly, framers, printers, the call-flow engine) names a
 * frame by a 64-bit id.  The CLI makes the id from the file's place in the
 * reading order and the frame's number in its own file, the number
 * Wireshark shows when that file is opened:
 *     id = file << CTS_FRAME_BITS | number        (file 0, 1, 2 ...; number 1, 2 ...)
 * so ids grow in reading order, and with one file the id is the frame
 * number itself.  A frame is written "#12" when one file is read, and
 * "ring-2.pcap#12" (the file as named on the command line) when several
 * are; JSON gives the number and, with several files, the file beside it.
 */
#ifndef CTS_FRAMES_H
#define CTS_FRAMES_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "fast_append.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CTS_FRAME_BITS 40                                   /* a file's frames: up to 2^40 - 1 */
#define CTS_FRAME_NUMBER_MASK ((UINT64_C(1) << CTS_FRAME_BITS) - 1)
#define CTS_FRAME_MAX_FILES (UINT32_C(1) << 23)             /* files read as one capture */

static inline uint64_t cts_frame_id(uint32_t file, uint64_t number)
{
    return (uint64_t)file << CTS_FRAME_BITS | (number & CTS_FRAME_NUMBER_MASK);
}
static inline uint32_t cts_frame_file(uint64_t id) { return (uint32_t)(id >> CTS_FRAME_BITS); }
static inline uint64_t cts_frame_number(uint64_t id) { return id & CTS_FRAME_NUMBER_MASK; }

/* The files being read, in reading order (names as given on the command
 * line, "<stdin>" for "-").  NULL, or fewer than two: frames are named by
 * their number alone. */
typedef struct cts_files {
    const char *const *names;
    uint32_t n;
} cts_files;

/* The name of the file of frame id when there are several, else NULL. */
static inline const char *cts_frame_file_name(const cts_files *fs, uint64_t id)
{
    uint32_t f = cts_frame_file(id);
    return fs && fs->n > 1 && f < fs->n ? fs->names[f] : NULL;
}

/* "#12", or "ring-2.pcap#12" with several files, into buf (n bytes, always
 * terminated); returns buf.  CTS_FRAME_LABEL_MAX holds any path. */
#define CTS_FRAME_LABEL_MAX (4096 + 24)
static inline const char *cts_frame_label(const cts_files *fs, uint64_t id, char *buf, size_t n)
{
    const char *f = cts_frame_file_name(fs, id);
    snprintf(buf, n, "%s#%" PRIu64, f ? f : "", f ? cts_frame_number(id) : id);
    return buf;
}

/* The same, appended to s. */
static inline void cts_frame_append(GString *s, const cts_files *fs, uint64_t id)
{
    const char *f = cts_frame_file_name(fs, id);
    if (f)
        fa_s(s, f);
    fa_c(s, '#');
    fa_uint(s, f ? cts_frame_number(id) : id, 1);
}

/* A range of frames, "#3-#9", "ring-2.pcap#3-#9" when both are in one of
 * several files, else "ring-1.pcap#3-ring-2.pcap#9" (dash between them). */
static inline void cts_frame_range_append(GString *s, const cts_files *fs, uint64_t a, uint64_t b,
                                          const char *dash)
{
    cts_frame_append(s, fs, a);
    fa_s(s, dash);
    if (cts_frame_file(a) == cts_frame_file(b) && cts_frame_file_name(fs, b))
        cts_frame_append(s, NULL, cts_frame_number(b));
    else
        cts_frame_append(s, fs, b);
}

/* Its length in characters (what cts_frame_append writes). */
static inline size_t cts_frame_label_len(const cts_files *fs, uint64_t id)
{
    const char *f = cts_frame_file_name(fs, id);
    return (f ? strlen(f) : 0) + 1 + fa_ndigits(f ? cts_frame_number(id) : id);
}

/* JSON: the frame's number, then with several files ,"<file_key>":"<file>"
 * (s is inside an object, just after "...frame":). */
static inline void cts_frame_json(GString *s, const cts_files *fs, uint64_t id, const char *file_key)
{
    const char *f = cts_frame_file_name(fs, id);
    fa_uint(s, f ? cts_frame_number(id) : id, 1);
    if (f) {
        fa_s(s, ",\"");
        fa_s(s, file_key);
        fa_s(s, "\":");
        fa_json_escape(s, f, strlen(f));
    }
}

#ifdef __cplusplus
}
#endif
#endif
