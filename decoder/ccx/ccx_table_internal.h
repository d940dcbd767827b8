/* ccx_table_internal.h - lookups the decoder and encoder need that are not
 * part of the public table API. */
#ifndef CCX_TABLE_INTERNAL_H
#define CCX_TABLE_INTERNAL_H
#include "ccx_table.h"

/* Build the lookup indexes (idempotent, thread-safe). */
void ccx_table_init(void);
/* The floating reference of tag in message m, or NULL. O(1).  m must come
 * from ccx_msg_by_id or ccx_msg_by_name (they build the index). */
const ccx_field_ref *ccx_msg_floating_ref(const ccx_msg_def *m, uint8_t tag);

/* What the decoder checks for every message, worked out once from the
 * tables instead of per message: the fixed-part lengths, the version gate,
 * the required floating refs and the count groups (a count field and the
 * floating refs it counts: NumParties and the ConnectedParty triplets). */
#define CCX_MAX_FLOATING_REFS 64   /* fixed or floating refs per message (checked at start-up) */
#define CCX_MAX_COUNT_GROUPS 8

typedef struct ccx_count_group {
    int count_field;        /* CCXF_* of the counting field */
    uint64_t members;       /* bit i: floating ref i is counted by it */
} ccx_count_group;

typedef struct ccx_msg_info {
    int8_t fixed_group[CCX_MAX_FLOATING_REFS];    /* fixed ref j is group g's count field, or -1 */
    int8_t floating_group[CCX_MAX_FLOATING_REFS]; /* same for floating refs */
    uint32_t fixed_all;     /* fixed part with every version-gated field */
    uint32_t fixed_min;     /* fixed part without them */
    unsigned gate;          /* highest "Version N and later" of a fixed field, 0 = none */
    uint64_t required;      /* bit i: floating ref i is required (and not counted) */
    unsigned n_groups;
    ccx_count_group groups[CCX_MAX_COUNT_GROUPS];
} ccx_msg_info;

/* m as for ccx_msg_floating_ref. */
const ccx_msg_info *ccx_msg_info_of(const ccx_msg_def *m);

#endif
