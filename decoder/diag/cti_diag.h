/* cti_diag.h - what the CCX and CAP decoders share about the diagnostics
 * of one message: which ones a full list keeps, and the words for the
 * ones it cannot keep.  Both front ends print those words as they are.
 */
#ifndef CTI_DIAG_H
#define CTI_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The line, note or expert item that stands for a message's dropped
 * diagnostics (its argument: how many, an unsigned). */
#define CTI_DIAGS_DROPPED_FMT \
    "%u more diagnostics not shown (errors are kept first, then warnings, then notes)"

/* A message keeps at most max diagnostics.  diags holds the *n kept ones,
 * each `size` bytes with its severity (an enum of int size: note < warning
 * < error) at byte offset sev_at.  Before a new diagnostic of severity sev
 * is added: when the list is full, one diagnostic is dropped and counted
 * in *dropped: the last kept one of the lowest severity below sev (the
 * others keep their order, *n goes down by one), or, when every kept one
 * is at least as severe, the new one.  Returns 1 when the new diagnostic
 * is to be written at diags[*n], 0 when it is the one dropped. */
int cti_diag_make_room(void *diags, size_t size, size_t sev_at, unsigned *n, unsigned max,
                       int sev, unsigned *dropped);

#ifdef __cplusplus
}
#endif
#endif
