// Rescaling 16-bit stored samples to float voxels, the inner loop of every Float32 volume (PET, MR series whose
// slices carry their own rescale). Swift compiles for the x86-64 baseline (SSE2: two doubles an instruction); this
// loop is compiled a second time for AVX2 (four) and chosen at run time, which halves its cost where AVX2 exists.
// Written here because it is one loop: no library offers it with the exact double-precision rounding required.
#include "voxel_convert.h"

// Each product and sum is rounded on its own: a fused multiply-add would round once and give other floats.
#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#define RESCALE_LOOP(in, out, count, slope, intercept) \
    for (size_t i = 0; i < (count); i++) (out)[i] = (float)((double)(in)[i] * (slope) + (intercept))

static void rescale_int16_baseline(const int16_t *in, float *out, size_t count, double slope, double intercept) {
    RESCALE_LOOP(in, out, count, slope, intercept);
}

static void rescale_uint16_baseline(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
    RESCALE_LOOP(in, out, count, slope, intercept);
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static void rescale_int16_avx2(const int16_t *in, float *out, size_t count, double slope, double intercept) {
    RESCALE_LOOP(in, out, count, slope, intercept);
}

__attribute__((target("avx2")))
static void rescale_uint16_avx2(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
    RESCALE_LOOP(in, out, count, slope, intercept);
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#else
static int has_avx2(void) { return 0; }
#endif

void lb_rescale_int16_to_float(const int16_t *in, float *out, size_t count, double slope, double intercept) {
#if defined(__x86_64__)
    if (has_avx2()) { rescale_int16_avx2(in, out, count, slope, intercept); return; }
#endif
    rescale_int16_baseline(in, out, count, slope, intercept);
}

void lb_rescale_uint16_to_float(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
#if defined(__x86_64__)
    if (has_avx2()) { rescale_uint16_avx2(in, out, count, slope, intercept); return; }
#endif
    rescale_uint16_baseline(in, out, count, slope, intercept);
}
