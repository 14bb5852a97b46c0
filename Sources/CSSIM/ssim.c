// The SSIM pass in C so that the compiler can build it twice, for AVX2 with FMA and for the baseline, and pick one
// when the program loads (`target_clones`): Swift compiles a module for one instruction set only, and on x86-64's
// baseline (SSE2, no FMA) the eight-wide Swift SIMD version ran at the SSE peak, the larger part of a diff's time.
//
// One pass over the rows: the formula needs only μx, μy, E[x² + y²] and E[xy], so these four moments are blurred
// along each row and then down the columns of a ring of the last 11 row-blurred rows. The image is taken in strips
// of STRIP columns so that the ring stays in the first-level cache; rows are padded to whole lanes with the edge
// pixel, and those extra pixels count in no sum.
#include "ssim.h"

#include <stddef.h>

#if defined(__x86_64__) && defined(__ELF__) && defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

enum { RADIUS = 5, TAPS = 2 * RADIUS + 1, MOMENTS = 4, LANES = 8, STRIP = 128 };

static inline int round_up(int n) { return (n + LANES - 1) / LANES * LANES; }
static inline int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/// Blurs `n` values of `from` (with RADIUS more each side) into `to` with the symmetric weights.
static inline __attribute__((always_inline)) void blur(const float *restrict from, float *restrict to, int n, const float *w) {
    for (int i = 0; i < n; i++) {
        const float *s = from + i;
        to[i] = w[5] * s[5] + w[0] * (s[0] + s[10]) + w[1] * (s[1] + s[9]) + w[2] * (s[2] + s[8])
              + w[3] * (s[3] + s[7]) + w[4] * (s[4] + s[6]);
    }
}

static inline int padded_width(int width) { return round_up(width < STRIP ? width : STRIP); }
static inline int source_length(int width) { return round_up(padded_width(width) + 2 * RADIUS); }

int lightbox_ssim_scratch_floats(int width) {
    return MOMENTS * source_length(width) + (TAPS + 1) * MOMENTS * padded_width(width) + padded_width(width);
}

typedef uint32_t __attribute__((aligned(1), may_alias)) unaligned_u32;

/// Fills px and py (`length` values) with the samples of image columns origin … origin + length − 1 of the row that
/// starts at pixel `start`, scaled, repeating the edge pixels beyond the image.
static inline __attribute__((always_inline)) void load(const void *xv, const void *yv, int wide, size_t start, int width,
                                                       int stride, int channel, float scale, int origin, int length,
                                                       float *restrict px, float *restrict py) {
    const int left = origin < 0 ? -origin : 0, right = width - origin < length ? width - origin : length;
    const size_t first = start + origin + left;
    if (!wide && stride == 4) {   // rgba8: one 32-bit word a pixel, the channel shifted out (vectorises)
        const unaligned_u32 *x = (const unaligned_u32 *)xv + first, *y = (const unaligned_u32 *)yv + first;
        const int shift = 8 * channel;
        for (int j = 0; j < right - left; j++) {
            px[left + j] = (float)((x[j] >> shift) & 255) * scale;
            py[left + j] = (float)((y[j] >> shift) & 255) * scale;
        }
    } else {
        for (int j = 0; j < right - left; j++) {
            size_t k = (first + j) * stride + channel;
            px[left + j] = (wide ? ((const uint16_t *)xv)[k] : ((const uint8_t *)xv)[k]) * scale;
            py[left + j] = (wide ? ((const uint16_t *)yv)[k] : ((const uint8_t *)yv)[k]) * scale;
        }
    }
    for (int j = 0; j < left; j++) { px[j] = px[left]; py[j] = py[left]; }
    for (int j = right; j < length; j++) { px[j] = px[right - 1]; py[j] = py[right - 1]; }
}

static inline __attribute__((always_inline)) double rows(const void *xv, const void *yv, int wide, int width, int height,
                                                         int stride, int channel, float scale, int row0, int row1,
                                                         const bool *ignored, const float *w, float c1, float c2,
                                                         float *scratch) {
    const int padded = padded_width(width), length = source_length(width);
    float *source = scratch, *ring = source + MOMENTS * length, *blurred = ring + TAPS * MOMENTS * padded;
    float *kept = blurred + MOMENTS * padded;
    double total = 0;
    for (int first = 0; first < width; first += STRIP) {
        const int columns = (width - first < STRIP ? width - first : STRIP);
        const int origin = first - RADIUS;   // source[j] is image column origin + j, clamped to the image
        int next = row0 - RADIUS < 0 ? 0 : row0 - RADIUS;
        for (int i = 0; i < padded; i++) kept[i] = i < columns ? 1 : 0;
        for (int row = row0; row < row1; row++) {
            for (; next <= (row + RADIUS < height - 1 ? row + RADIUS : height - 1); next++) {
                float *px = source, *py = source + length, *pss = py + length, *pxy = pss + length;
                load(xv, yv, wide, (size_t)next * width, width, stride, channel, scale, origin, length, px, py);
                for (int j = 0; j < length; j++) {
                    pss[j] = px[j] * px[j] + py[j] * py[j];
                    pxy[j] = px[j] * py[j];
                }
                float *slot = ring + (next % TAPS) * MOMENTS * padded;
                for (int m = 0; m < MOMENTS; m++) blur(source + m * length, slot + m * padded, padded, w);
            }
            const float *s[TAPS];
            for (int k = 0; k < TAPS; k++) s[k] = ring + (clamp(row + k - RADIUS, 0, height - 1) % TAPS) * MOMENTS * padded;
            for (int i = 0; i < MOMENTS * padded; i++) {
                blurred[i] = w[5] * s[5][i] + w[0] * (s[0][i] + s[10][i]) + w[1] * (s[1][i] + s[9][i])
                           + w[2] * (s[2][i] + s[8][i]) + w[3] * (s[3][i] + s[7][i]) + w[4] * (s[4][i] + s[6][i]);
            }
            if (ignored) {
                for (int i = 0; i < padded; i++) kept[i] = i < columns && !ignored[(size_t)row * width + first + i] ? 1 : 0;
            }
            const float *mxs = blurred, *mys = blurred + padded, *squares = mys + padded, *products = squares + padded;
            float sum[LANES] = {0};
            for (int i = 0; i < padded; i += LANES) {
                for (int l = 0; l < LANES; l++) {
                    float mx = mxs[i + l], my = mys[i + l], mean_product = mx * my, mean_squares = mx * mx + my * my;
                    // σx² + σy² = E[x² + y²] − (μx² + μy²); σxy = E[xy] − μxμy.
                    float numerator = (2 * mean_product + c1) * (2 * (products[i + l] - mean_product) + c2);
                    float denominator = (mean_squares + c1) * (squares[i + l] - mean_squares + c2);
                    sum[l] += kept[i + l] * (numerator / denominator);
                }
            }
            for (int l = 0; l < LANES; l++) total += sum[l];
        }
    }
    return total;
}

CLONES double lightbox_ssim_rows_u8(const uint8_t *x, const uint8_t *y, int width, int height, int stride, int channel,
                                    float scale, int row0, int row1, const bool *ignored, const float *weights, float c1, float c2, float *scratch) {
    return rows(x, y, 0, width, height, stride, channel, scale, row0, row1, ignored, weights, c1, c2, scratch);
}

CLONES double lightbox_ssim_rows_u16(const uint16_t *x, const uint16_t *y, int width, int height, int stride, int channel,
                                     float scale, int row0, int row1, const bool *ignored, const float *weights, float c1, float c2, float *scratch) {
    return rows(x, y, 1, width, height, stride, channel, scale, row0, row1, ignored, weights, c1, c2, scratch);
}

CLONES lightbox_difference_totals lightbox_rgba8_difference_totals(const uint8_t *e, const uint8_t *a, int64_t pixels,
                                                                   int squared, int tolerance) {
    lightbox_difference_totals t = {0, 0, 0, 0};
    // 32-bit lanes in blocks of 4096 pixels (no overflow: 4096 × 4 × 255² < 2³¹), summed into 64 bits after each.
    for (int64_t start = 0; start < pixels; start += 4096) {
        const int64_t end = pixels - start < 4096 ? pixels : start + 4096;
        int32_t maximum = 0, sum = 0, squares = 0, above = 0;
        for (int64_t p = start; p < end; p++) {
            int32_t largest = 0, sq = 0;
            for (int c = 0; c < 4; c++) {
                int32_t d = (int32_t)e[4 * p + c] - (int32_t)a[4 * p + c];
                d = d < 0 ? -d : d;
                sq += c < squared ? d * d : 0;
                largest = d > largest ? d : largest;
            }
            squares += sq;
            sum += largest;
            maximum = largest > maximum ? largest : maximum;
            above += largest > tolerance;
        }
        t.maximum = maximum > t.maximum ? maximum : t.maximum;
        t.sum += sum;
        t.squares += squares;
        t.above += above;
    }
    return t;
}
