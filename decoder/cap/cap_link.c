/* cap_link.c - which CAP response answers which request (see cap_link.h). */
#include "cap_link.h"

#include <string.h>

void cap_link_keys_of(const cap_msg *m, cap_link_keys *k)
{
    k->user_id = cap_role_value(m, CAP_ROLE_USER_ID);
    k->user_uid = cap_role_value(m, CAP_ROLE_USER_UID);
    k->corr = cap_role_value(m, CAP_ROLE_CORRELATION_ID);
    k->action = cap_role_value(m, CAP_ROLE_ACTION_TYPE);
}

static int same_or_absent(const char *a, const char *b)
{
    return !a || !b || !strcmp(a, b);
}

int cap_link_keys_agree(const cap_link_keys *req, const cap_link_keys *rsp)
{
    if (req->user_uid && rsp->user_uid) {
        if (strcmp(req->user_uid, rsp->user_uid))
            return 0;
    } else if (!same_or_absent(req->user_id, rsp->user_id)) {
        return 0;
    }
    if ((req->corr == NULL) != (rsp->corr == NULL) || (req->corr && strcmp(req->corr, rsp->corr)))
        return 0;
    return same_or_absent(req->action, rsp->action);
}
