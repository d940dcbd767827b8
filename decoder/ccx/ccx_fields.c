/* ccx_fields.c - the field dictionary array, generated from ccx_fields.def. */
#include "ccx_table.h"
#include "ccx_enums_extra.h"

#define CCX_FIELD(id, nm, enm, roles, desc) [CCXF_##id] = { nm, enm, roles, desc },
const ccx_field ccx_fields[CCXF_COUNT] = {
#include "ccx_fields.def"
};
#undef CCX_FIELD
