/* ccx_encode.h - build CCX CTI messages from a one-line text description,
 * with the same tables the decoder uses.  Used by the capture replay tool
 * (captures/), the benchmark generator (tests/bench/) and the reader of
 * MIVR logs' high-level (text) traces (decoder/mivr/mivr_text.c, which
 * makes a traced message into its bytes before they are decoded); never
 * by the decoding of captured bytes.
 *
 * Line syntax:  MESSAGE_NAME Field=value Field="value with spaces" ...
 *   - fixed fields by name; omitted ones get the value the spec states
 *     (reserved fields) or 0; count fields (NumNamedVariables, NumParties,
 *     NumCSQs, ...) omitted are computed from the floating fields given;
 *   - floating fields in the order written, repeatable;
 *   - integers: decimal, 0x hex, negative, or an enum name (LCS_ALERTING);
 *     masks: names joined with '|' (CTI_SERVICE_ALL_EVENTS|...);
 *   - NamedVariable=name=value, NamedArray=index:name=value;
 *   - hex:0a0b... writes those exact bytes as the field's data (to build
 *     deliberately broken fields: a STRING without NUL, a UINT of 3 bytes).
 */
#ifndef CCX_ENCODE_H
#define CCX_ENCODE_H

#include <glib.h>
#include "ccx_table.h"

/* Append the encoded message to out.  Returns 0, or -1 and a message in err. */
int ccx_encode_text(const char *line, GByteArray *out, char *err, size_t errlen);

/* Append raw bytes written as hex pairs ("00 00 00 36 ..."; spaces ignored). */
int ccx_encode_hex(const char *hex, GByteArray *out, char *err, size_t errlen);

#endif
