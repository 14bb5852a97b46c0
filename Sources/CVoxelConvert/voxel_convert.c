// Rescaling 16-bit stored samples to float voxels, the inner loop of every Float32 volume (PET, MR series whose
// slices carry their own rescale). Swift compiles for the x86-64 baseline (SSE2: two doubles an instruction); where
// the CPU has AVX2 (four), an explicit AVX2 loop is chosen at run time, which halves the loop's cost. Intrinsics
// rather than a loop left to the vectoriser: debug builds (the tests) then run the same instructions as release ones.
// Written here because it is one loop: no library offers it with the exact double-precision rounding required.
#include "voxel_convert.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Each product and sum is rounded on its own: a fused multiply-add would round once and give other floats.
#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

static inline float rescale(double stored, double slope, double intercept) {
    return (float)(stored * slope + intercept);
}

// Sample n of 16-bit samples, signed or unsigned.
static inline double sample16(const void *in, int is_signed, size_t n) {
    return is_signed ? ((const int16_t *)in)[n] : ((const uint16_t *)in)[n];
}

#if defined(__x86_64__)
// Four samples at a time: widened to 32 bits (sign or zero extension), converted to doubles, multiplied, added,
// rounded to floats (the current rounding mode: nearest, as Swift's Float(Double) rounds).
__attribute__((target("avx2")))
static void rescale16_avx2(const void *in, int is_signed, float *out, size_t count, double slope, double intercept) {
    __m256d s = _mm256_set1_pd(slope), b = _mm256_set1_pd(intercept);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m128i four = _mm_loadl_epi64((const __m128i *)((const uint16_t *)in + i));
        __m128i widened = is_signed ? _mm_cvtepi16_epi32(four) : _mm_cvtepu16_epi32(four);
        __m256d value = _mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(widened), s), b);
        _mm_storeu_ps(out + i, _mm256_cvtpd_ps(value));
    }
    for (; i < count; i++) out[i] = rescale(sample16(in, is_signed, i), slope, intercept);
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

static void rescale16(const void *in, int is_signed, float *out, size_t count, double slope, double intercept) {
#if defined(__x86_64__)
    if (has_avx2()) { rescale16_avx2(in, is_signed, out, count, slope, intercept); return; }
#endif
    for (size_t i = 0; i < count; i++) out[i] = rescale(sample16(in, is_signed, i), slope, intercept);
}

void lb_rescale_int16_to_float(const int16_t *in, float *out, size_t count, double slope, double intercept) {
    rescale16(in, 1, out, count, slope, intercept);
}

void lb_rescale_uint16_to_float(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
    rescale16(in, 0, out, count, slope, intercept);
}
