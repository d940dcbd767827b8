/* ccx_fields.c - the field dictionary array, generated from ccx_fields.def. */
#include "ccx_table.h"
#include "ccx_enums_extra.h"

#define CCX_FIELD(id, nm, enm, roles, desc) [CCXF_##id] = { nm, enm, roles, desc },
const ccx_field ccx_fields[CCXF_COUNT] = {
#include "ccx_fields.def"
};
#undef CCX_FIELD

/* The C identifiers of the fields ("UnifiedCCXOnline" for "Unified CCX
 * Online"): accepted wherever a field is named in text (the encoder). */
#define CCX_FIELD(id, nm, enm, roles, desc) [CCXF_##id] = #id,
const char *const ccx_field_ids[CCXF_COUNT] = {
#include "ccx_fields.def"
};
#undef CCX_FIELD
