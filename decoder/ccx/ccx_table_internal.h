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

#endif
