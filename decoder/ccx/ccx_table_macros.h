/* ccx_table_macros.h - shorthand used only by the table sources
 * (ccx_messages.c, ccx_messages.def, ccx_enums.c).  One line per spec table
 * row.
 *
 *   FIX(field, TYPE, size)                 fixed field
 *   FIXD(field, TYPE, size, value)         fixed field whose value the spec
 *                                          states ("Set this value to 21")
 *   FIXV(field, TYPE, size, ver)           fixed field, version ver and later
 *   FIXVD(field, TYPE, size, ver, value)   both
 *   FLT(field, tag, TYPE, max, flags)      floating field (flags CCX_REQ / CCX_OPT / CCX_REQ_AGENT)
 *   FLTN(field, tag, TYPE, max, flags, countfield)
 *                                          floating field repeated as many
 *                                          times as the fixed countfield says
 *   FLTV(field, tag, TYPE, max, flags, ver) floating field, version ver and later
 *   FLTNV(field, tag, TYPE, max, flags, countfield, ver)
 *   FIXE(field, TYPE, size, enum) / FLTE(field, tag, TYPE, max, flags, enum) /
 *   FLTNE(field, tag, TYPE, max, flags, countfield, enum)
 *                                          with this message's own value list
 *
 * field and countfield are ids of ccx_fields.def (without the CCXF_ prefix);
 * TYPE is a ccx_dtype without the CCX_ prefix (UINT, USHORT, STRING, ...).
 */
#ifndef CCX_TABLE_MACROS_H
#define CCX_TABLE_MACROS_H

#include "ccx_table.h"

#define FIX(f, t, sz)             { CCXF_##f, CCX_##t, (sz), 0, 0, 0, -1, 0, NULL }
#define FIXD(f, t, sz, d)         { CCXF_##f, CCX_##t, (sz), 0, CCX_HAS_DEFAULT, 0, -1, (uint32_t)(d), NULL }
#define FIXV(f, t, sz, v)         { CCXF_##f, CCX_##t, (sz), 0, 0, (v), -1, 0, NULL }
#define FIXVD(f, t, sz, v, d)     { CCXF_##f, CCX_##t, (sz), 0, CCX_HAS_DEFAULT, (v), -1, (uint32_t)(d), NULL }
#define FLT(f, tag, t, mx, fl)    { CCXF_##f, CCX_##t, (mx), (tag), (fl), 0, -1, 0, NULL }
#define FLTN(f, tag, t, mx, fl, c) { CCXF_##f, CCX_##t, (mx), (tag), (fl), 0, CCXF_##c, 0, NULL }
#define FLTV(f, tag, t, mx, fl, v) { CCXF_##f, CCX_##t, (mx), (tag), (fl), (v), -1, 0, NULL }
#define FLTNV(f, tag, t, mx, fl, c, v) { CCXF_##f, CCX_##t, (mx), (tag), (fl), (v), CCXF_##c, 0, NULL }

#define FIXE(f, t, sz, e)          { CCXF_##f, CCX_##t, (sz), 0, 0, 0, -1, 0, &(e) }
#define FLTE(f, tag, t, mx, fl, e) { CCXF_##f, CCX_##t, (mx), (tag), (fl), 0, -1, 0, &(e) }
#define FLTNE(f, tag, t, mx, fl, c, e) { CCXF_##f, CCX_##t, (mx), (tag), (fl), 0, CCXF_##c, 0, &(e) }

#define CCX_N(a) (sizeof(a) / sizeof((a)[0]))

/* The rows of ccx_messages.def (see there):
 * CCX_MSG(id, NAME, CLASS, SENDER, KIND, "spec ref", "purpose", prefix)
 * uses prefix##_fixed[] and prefix##_float[].  CCX_MSG_F: fixed part only.
 * CCX_MSG_0: no fields (reserved or undefined body; decoded raw). */
#define CCX_MSG(id, nm, cls, snd, kind, ref, purp, p) \
    { (id), #nm, CCX_CLASS_##cls, CCX_FROM_##snd, CCX_KIND_##kind, ref, purp, \
      p##_fixed, CCX_N(p##_fixed), p##_float, CCX_N(p##_float) },
#define CCX_MSG_F(id, nm, cls, snd, kind, ref, purp, p) \
    { (id), #nm, CCX_CLASS_##cls, CCX_FROM_##snd, CCX_KIND_##kind, ref, purp, \
      p##_fixed, CCX_N(p##_fixed), NULL, 0 },
#define CCX_MSG_0(id, nm, cls, snd, kind, ref, purp) \
    { (id), #nm, CCX_CLASS_##cls, CCX_FROM_##snd, CCX_KIND_##kind, ref, purp, \
      NULL, 0, NULL, 0 },

/* Enum tables (ccx_enums.c):  V(value, NAME, "desc"), VR(lo, hi, NAME, "desc"),
 * VNONE(value, NAME, "desc") for a value that means "no value" (CEC_NONE). */
#define V(v, nm, d)        { (uint32_t)(v), (uint32_t)(v), #nm, d, 0 }
#define VR(lo, hi, nm, d)  { (uint32_t)(lo), (uint32_t)(hi), #nm, d, 0 }
#define VNONE(v, nm, d)    { (uint32_t)(v), (uint32_t)(v), #nm, d, 1 }
#define CCX_ENUM(var, nm, ref, mask, arr) \
    const ccx_enum var = { nm, ref, mask, arr, CCX_N(arr) }

#endif
