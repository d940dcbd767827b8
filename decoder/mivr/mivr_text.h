/* mivr_text.h - the high-level (text) trace of a MIVR log as bytes.
 *
 * Chapter 11, Example 1:
 *     CSOutboundMsgProcessor: got an event message:
 *     { length=-1 type=BEGIN_CALL_EVENT, monitorID: 0, peripheralID: 1, ...
 *     connectionCallID: 16777488, ... dialedNumber: null, ... }
 * The trace's names are mapped to the spec's by a table (mivr_text.c, kept
 * beside the spec's names as chapter 11 shows them), values are typed by
 * the spec's field type, "null" is an absent field; the message is then
 * encoded from the same tables the decoder reads (ccx_encode.h), so it
 * goes through the same framer and decoder as the low-level trace's bytes.
 */
#ifndef CTS_MIVR_TEXT_H
#define CTS_MIVR_TEXT_H

#include <glib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A note about the trace (a name not in the table, a field the message
 * does not have): left out of the bytes, said here. */
typedef void (*mivr_text_note_fn)(void *ud, const char *text);

/* text: the trace from "{" to "}" (lines joined with spaces).  Appends the
 * message to out and returns 0, or -1 with err. */
int mivr_text_encode(const char *text, GByteArray *out, mivr_text_note_fn note, void *ud,
                     char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
