/* cap_link.h - which CAP response answers which request: the one rule the
 * Wireshark plugin (bwcap.request_in / response_in, "no response in the
 * capture") and the CLI's call-flow engine (a failure names the request it
 * answers, a request never answered is reported) both follow.
 *
 * A document whose command waits for a response (cap_awaited_response)
 * is answered by the oldest waiting document of the other direction whose
 * command is that response and whose keys do not disagree: the userUid
 * when both have one, else the user id when both have one; the action id
 * (CORRELATION_ID: both or neither, and equal); the action type when both
 * have one.
 */
#ifndef CAP_LINK_H
#define CAP_LINK_H

#include "cap_decode.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The keys of a document (pointers into it, NULL when absent). */
typedef struct cap_link_keys {
    const char *user_id, *user_uid, *corr, *action;
} cap_link_keys;

void cap_link_keys_of(const cap_msg *m, cap_link_keys *k);

/* Do the keys of a waiting request and of a document of its awaited
 * response agree? */
int cap_link_keys_agree(const cap_link_keys *req, const cap_link_keys *rsp);

#ifdef __cplusplus
}
#endif
#endif
