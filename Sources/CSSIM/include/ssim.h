#ifndef LIGHTBOX_SSIM_H
#define LIGHTBOX_SSIM_H

#include <stdbool.h>
#include <stdint.h>

/// Sum of the per-pixel SSIM of one channel over output rows [row0, row1) of two images of width × height pixels,
/// leaving out the pixels where `ignored` (width × height flags, or NULL) is true. `x` and `y` hold `stride`
/// samples a pixel, the channel at offset `channel`; `scale` maps a sample to 0…1; `weights` are the 11 normalised
/// Gaussian weights; c1 and c2 the SSIM constants; `scratch` has room for lightbox_ssim_scratch_floats(width) floats.
/// The definition is StructuralSimilarity's (Raster).
double lightbox_ssim_rows_u8(const uint8_t *x, const uint8_t *y, int width, int height, int stride, int channel, float scale,
                             int row0, int row1, const bool *ignored, const float *weights, float c1, float c2, float *scratch);

/// The same for 16-bit samples.
double lightbox_ssim_rows_u16(const uint16_t *x, const uint16_t *y, int width, int height, int stride, int channel, float scale,
                              int row0, int row1, const bool *ignored, const float *weights, float c1, float c2, float *scratch);

/// The working floats the two functions above need for an image `width` pixels wide (a few thousand).
int lightbox_ssim_scratch_floats(int width);

/// Sums of one pass over two rgba8 images of `pixels` pixels without an ignore mask (the common case of the counts
/// of ImageComparison, Raster): per pixel the largest channel difference d; `maximum` and `sum` of d, `above` the
/// pixels with d > tolerance, `squares` the sum of squared differences of the first `squared` (3 or 4) channels.
typedef struct { int64_t maximum, sum, squares, above; } lightbox_difference_totals;
lightbox_difference_totals lightbox_rgba8_difference_totals(const uint8_t *e, const uint8_t *a, int64_t pixels, int squared,
                                                            int tolerance);

#endif
