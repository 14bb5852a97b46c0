// setjmp-protected libjpeg wrappers: libjpeg reports errors by calling error_exit,
// which must not return, and Swift frames must never be longjmp'ed over. These
// functions keep the setjmp/longjmp inside C and report failures as a message.
#ifndef RASTER_JPEG_H
#define RASTER_JPEG_H

#include <stddef.h>
#include <stdint.h>

/// Capacity for error messages written by the functions below.
#define RASTER_JPEG_MESSAGE_CAPACITY 200

/// Compresses `height` rows of `width` pixels with `components` (1 = gray, 4 = RGBA,
/// alpha ignored; written as YCbCr) bytes per pixel. On success returns 1 and a malloc'ed
/// buffer in *out (free with raster_jpeg_free). On failure returns 0 and fills `message`.
int raster_jpeg_encode(const uint8_t *pixels, int width, int height, int components,
                       int quality, uint8_t **out, size_t *out_size,
                       char message[RASTER_JPEG_MESSAGE_CAPACITY]);

/// Decompresses a JPEG held in memory to gray (1 component) or RGBA (4 components,
/// alpha 255). Warnings (e.g. premature end of data) are treated as errors. Images with
/// more than `max_pixels` pixels are refused before allocation. On success returns 1 and
/// a malloc'ed buffer in *out; on failure returns 0 and fills `message`.
int raster_jpeg_decode(const uint8_t *data, size_t size, size_t max_pixels,
                       int *width, int *height, int *components, uint8_t **out,
                       char message[RASTER_JPEG_MESSAGE_CAPACITY]);

/// Frees a buffer returned by raster_jpeg_encode or raster_jpeg_decode.
void raster_jpeg_free(uint8_t *buffer);

#endif
