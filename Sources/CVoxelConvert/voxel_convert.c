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

#if defined(__x86_64__)
// Four samples at a time: widened to 32 bits, converted to doubles, multiplied, added, rounded to floats (the
// current rounding mode: nearest, as Swift's Float(Double) rounds).
__attribute__((target("avx2")))
static inline __m128 rescale4(__m128i widened, __m256d slope, __m256d intercept) {
    __m256d value = _mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(widened), slope), intercept);
    return _mm256_cvtpd_ps(value);
}

__attribute__((target("avx2")))
static void rescale_int16_avx2(const int16_t *in, float *out, size_t count, double slope, double intercept) {
    __m256d s = _mm256_set1_pd(slope), b = _mm256_set1_pd(intercept);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m128i four = _mm_cvtepi16_epi32(_mm_loadl_epi64((const __m128i *)(in + i)));
        _mm_storeu_ps(out + i, rescale4(four, s, b));
    }
    for (; i < count; i++) out[i] = rescale(in[i], slope, intercept);
}

__attribute__((target("avx2")))
static void rescale_uint16_avx2(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
    __m256d s = _mm256_set1_pd(slope), b = _mm256_set1_pd(intercept);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m128i four = _mm_cvtepu16_epi32(_mm_loadl_epi64((const __m128i *)(in + i)));
        _mm_storeu_ps(out + i, rescale4(four, s, b));
    }
    for (; i < count; i++) out[i] = rescale(in[i], slope, intercept);
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

void lb_rescale_int16_to_float(const int16_t *in, float *out, size_t count, double slope, double intercept) {
#if defined(__x86_64__)
    if (has_avx2()) { rescale_int16_avx2(in, out, count, slope, intercept); return; }
#endif
    for (size_t i = 0; i < count; i++) out[i] = rescale(in[i], slope, intercept);
}

void lb_rescale_uint16_to_float(const uint16_t *in, float *out, size_t count, double slope, double intercept) {
#if defined(__x86_64__)
    if (has_avx2()) { rescale_uint16_avx2(in, out, count, slope, intercept); return; }
#endif
    for (size_t i = 0; i < count; i++) out[i] = rescale(in[i], slope, intercept);
}
