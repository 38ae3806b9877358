#include "test_macros.h"
/* F and D: rounding modes (static and dynamic), one rounding in fused multiply-add, fflags,
 * NaN-boxing, canonical NaNs, conversions with saturation, min/max, classify, FS gating
 * (unpriv. spec ch. 11-12, priv. spec 3.1.6.6). */
.macro FD reg, bits
    li t0, \bits
    fmv.d.x \reg, t0
.endm
.macro CHECKF reg, bits
    fmv.x.d t1, \reg
    CHECK t1, \bits
.endm
.macro CHECKFLAGS value
    csrrw t1, fflags, zero
    CHECK t1, \value
.endm
    TEST_INIT
    li t0, 1 << 13            /* FS = Initial */
    csrs mstatus, t0
    FD f1, 0x3ff0000000000000      /* 1.0 */
    FD f2, 0x3ca0000000000000      /* 2^-53 */
    fadd.d f3, f1, f2, rne
    CHECKF f3, 0x3ff0000000000000
    CHECKFLAGS 1
    fadd.d f3, f1, f2, rup
    CHECKF f3, 0x3ff0000000000001
    fadd.d f3, f1, f2, rtz
    CHECKF f3, 0x3ff0000000000000
    fsub.d f3, f1, f2, rdn
    CHECKF f3, 0x3fefffffffffffff
    fsub.d f3, f1, f2, rmm
    CHECKF f3, 0x3fefffffffffffff
    CHECKFLAGS 1
    /* fused: (1+2^-30)(1-2^-30) - 1 = -2^-60 exactly; a separate multiply would give 0 */
    FD f4, 0x3ff0000000400000
    FD f5, 0x3fefffffff800000
    fmsub.d f6, f4, f5, f1
    CHECKF f6, 0xbc30000000000000
    CHECKFLAGS 0
    fnmadd.d f6, f4, f5, f1
    CHECKF f6, 0xc000000000000000
    CHECKFLAGS 1
    /* dynamic rounding mode */
    fsrmi 3
    fadd.d f3, f1, f2
    CHECKF f3, 0x3ff0000000000001
    fsrmi 0
    CHECKFLAGS 1
    /* exceptions */
    fmv.d.x f7, zero
    fdiv.d f3, f1, f7
    CHECKF f3, 0x7ff0000000000000
    CHECKFLAGS 8
    fdiv.d f3, f7, f7
    CHECKF f3, 0x7ff8000000000000
    CHECKFLAGS 16
    fneg.d f8, f1
    fsqrt.d f3, f8
    CHECKF f3, 0x7ff8000000000000
    CHECKFLAGS 16
    FD f9, 0x7fefffffffffffff
    fmul.d f3, f9, f9
    CHECKF f3, 0x7ff0000000000000
    CHECKFLAGS 5
    fmul.d f3, f9, f9, rtz
    CHECKF f3, 0x7fefffffffffffff
    CHECKFLAGS 5
    FD f10, 0x0010000000000001     /* smallest normal + 1 ulp */
    FD f11, 0x3fe0000000000000     /* 0.5 */
    fmul.d f3, f10, f11
    CHECKF f3, 0x0008000000000000
    CHECKFLAGS 3
    /* NaN-boxing: an unboxed single reads as the canonical NaN */
    li t0, 0x3f800000
    fmv.d.x f12, t0
    fadd.s f13, f12, f12
    CHECKF f13, 0xffffffff7fc00000
    fmv.w.x f12, t0
    fadd.s f13, f12, f12
    CHECKF f13, 0xffffffff40000000
    CHECKFLAGS 0
    /* conversions */
    FD f14, 0x4004000000000000     /* 2.5 */
    fcvt.w.d t2, f14, rne
    CHECK t2, 2
    fcvt.w.d t2, f14, rmm
    CHECK t2, 3
    fcvt.w.d t2, f14, rdn
    CHECK t2, 2
    fcvt.l.d t2, f14, rup
    CHECK t2, 3
    CHECKFLAGS 1
    fcvt.wu.d t2, f8, rtz
    CHECK t2, 0
    CHECKFLAGS 16
    FD f15, 0x7ff8000000000000
    fcvt.w.d t2, f15
    CHECK t2, 0x7fffffff
    fcvt.lu.d t2, f15
    CHECK t2, -1
    fcvt.wu.d t2, f9
    CHECK t2, -1
    CHECKFLAGS 16
    li t0, -3
    fcvt.d.l f3, t0
    CHECKF f3, 0xc008000000000000
    li t0, 0x7fffffffffffffff
    fcvt.d.l f3, t0, rtz
    CHECKF f3, 0x43dfffffffffffff
    fcvt.s.l f3, t0
    CHECKF f3, 0xffffffff5f000000
    CHECKFLAGS 1
    fcvt.s.d f3, f4, rtz
    CHECKF f3, 0xffffffff3f800000
    fcvt.d.s f3, f13
    CHECKF f3, 0x4000000000000000
    CHECKFLAGS 1
    /* min/max, compare, classify */
    fmin.d f3, f15, f1
    CHECKF f3, 0x3ff0000000000000
    fneg.d f16, f7
    fmin.d f3, f7, f16
    CHECKF f3, 0x8000000000000000
    fmax.d f3, f16, f7
    CHECKF f3, 0x0000000000000000
    CHECKFLAGS 0
    flt.d t2, f15, f1
    CHECK t2, 0
    CHECKFLAGS 16
    feq.d t2, f15, f1
    CHECK t2, 0
    CHECKFLAGS 0
    fle.d t2, f16, f7
    CHECK t2, 1
    fclass.d t2, f8
    CHECK t2, 2
    fclass.d t2, f15
    CHECK t2, 0x200
    fclass.s t2, f12
    CHECK t2, 0x40
    fsgnjn.d f3, f1, f1
    CHECKF f3, 0xbff0000000000000
    /* FS dirty after writes; FS = Off makes FP instructions illegal */
    csrr t2, mstatus
    srli t2, t2, 13
    andi t2, t2, 3
    CHECK t2, 3
    li t0, 3 << 13
    csrc mstatus, t0
    EXPECT_TRAP
    fadd.d f3, f1, f1
    CHECK s9, 2
    EXPECT_TRAP
    csrr t2, fflags
    CHECK s9, 2
    TEST_END
