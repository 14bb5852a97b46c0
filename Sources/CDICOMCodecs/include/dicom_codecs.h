// C decoders for compressed DICOM pixel data: libjpeg-turbo (8-bit JPEG baseline/extended),
// OpenJPEG (JPEG 2000, HTJ2K) and CharLS (JPEG-LS). Every function decodes one frame held in
// memory into a caller buffer and never writes more than `out_size` bytes. The geometry in the
// stream is checked against the caller's expectation before anything is decoded, so a stream
// that declares a different (or huge) image is refused without allocating for it. libjpeg's
// longjmp error handling stays inside C (setjmp-protected), never crossing Swift frames.
#ifndef DICOM_CODECS_H
#define DICOM_CODECS_H

#include <stddef.h>
#include <stdint.h>

/// Capacity for error messages written by the functions below.
#define DICOM_CODEC_MESSAGE_CAPACITY 256

/// Result codes.
enum {
    /// Decoded; `out` holds width × height × components samples of `bytes_per_sample` bytes.
    DICOM_CODEC_OK = 0,
    /// The stream is corrupt, truncated or uses a feature the library refuses; see `message`.
    DICOM_CODEC_CORRUPT = 1,
    /// The stream is valid so far but describes a different image than expected; see `info`.
    DICOM_CODEC_SIZE_MISMATCH = 2,
    /// The stream uses a valid feature this build cannot decode (e.g. 12-bit JPEG); see `message`.
    DICOM_CODEC_UNSUPPORTED = 3,
};

/// What the stream declares (filled as far as the header could be read).
typedef struct {
    int width;
    int height;
    int components;
    /// Bits per sample in the stream.
    int precision;
    /// 1 when the stream declares signed samples (JPEG 2000 only).
    int is_signed;
} dicom_codec_info;

/// Header only: with `out` NULL each function reads the stream's header, checks the declared
/// image against `expect` (and `out_size` against the bytes it needs) and returns DICOM_CODEC_OK
/// without decoding, so a caller can refuse a frame before allocating its output.

/// The expected output: `out` receives width × height × components samples, interleaved,
/// each `bytes_per_sample` (1, 2 or 4) bytes in native byte order (values truncated to that width).
typedef struct {
    int width;
    int height;
    int components;
    int bytes_per_sample;
} dicom_codec_expect;

/// JPEG baseline/extended (8-bit only) via libjpeg-turbo. `convert_to_rgb`: 1 converts YCbCr
/// streams to RGB (the library's default colour handling), 0 returns the stored components
/// (YCbCr stays YCbCr, upsampled to full resolution).
int dicom_jpeg_decode(const uint8_t *data, size_t size, int convert_to_rgb, dicom_codec_expect expect,
                      uint8_t *out, size_t out_size, dicom_codec_info *info,
                      char message[DICOM_CODEC_MESSAGE_CAPACITY]);

/// JPEG 2000 / HTJ2K codestream (J2K) or JP2 file via OpenJPEG. Inverse multi-component
/// transforms (RCT/ICT) signalled in the stream are applied by the library.
int dicom_j2k_decode(const uint8_t *data, size_t size, dicom_codec_expect expect,
                     uint8_t *out, size_t out_size, dicom_codec_info *info,
                     char message[DICOM_CODEC_MESSAGE_CAPACITY]);

/// JPEG-LS (lossless and near-lossless) via CharLS 2.x; planar (interleave none) streams are
/// returned interleaved. Not used for decoding (the Swift JPEGLSDecoder is): the tests and
/// `lightbox bench codecs` use it as the independent reference.
int dicom_jpegls_decode(const uint8_t *data, size_t size, dicom_codec_expect expect,
                        uint8_t *out, size_t out_size, dicom_codec_info *info,
                        char message[DICOM_CODEC_MESSAGE_CAPACITY]);

/// The OpenJPEG version string (for reports).
const char *dicom_openjpeg_version(void);

#endif
