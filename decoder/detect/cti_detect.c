/* cti_detect.c - see cti_detect.h. */
#include "cti_detect.h"

#include "cap_framer.h"
#include "ccx_framer.h"

cti_detect_result cti_detect(const uint8_t *p, size_t n)
{
    int ccx = ccx_looks_like(p, n);
    if (ccx == CCX_LOOKS_YES)
        return CTI_DETECT_CCX;
    int cap = cap_looks_like(p, n);
    if (cap == CAP_LOOKS_CAP || cap == CAP_LOOKS_OCI)
        return CTI_DETECT_CAP;
    /* a CCX message is at most 8 + CCX_MAX_BODY bytes and the CAP start tag
     * must come within CAP_LOOKS_WINDOW: the wait is bounded */
    return ccx == CCX_LOOKS_NO && cap == CAP_LOOKS_NO ? CTI_DETECT_NO : CTI_DETECT_MORE;
}
