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

#endif
