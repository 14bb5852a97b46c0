#include "raster_jpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

#if !defined(JCS_EXTENSIONS)
#error "libjpeg-turbo with JCS_EXTENSIONS is required (Debian libjpeg62-turbo-dev)"
#endif

// Error manager: error_exit (and warnings, via emit_message) record the message and
// longjmp back to the setjmp in the `*_protected` function below, never into Swift.
typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char *message;
} raster_error_mgr;

static void raster_error_exit(j_common_ptr cinfo) {
    raster_error_mgr *err = (raster_error_mgr *)cinfo->err;
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    snprintf(err->message, RASTER_JPEG_MESSAGE_CAPACITY, "%s", buffer);
    longjmp(err->jump, 1);
}

static void raster_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) {  // a warning: corrupt or truncated data; refuse it
        raster_error_exit(cinfo);
    }
}

static void raster_output_message(j_common_ptr cinfo) {
    (void)cinfo;  // never print to stderr
}

static void raster_install_errors(raster_error_mgr *err, char *message) {
    jpeg_std_error(&err->pub);
    err->pub.error_exit = raster_error_exit;
    err->pub.emit_message = raster_emit_message;
    err->pub.output_message = raster_output_message;
    err->message = message;
}

// Growable in-memory destination. Unlike jpeg_mem_dest, the buffer is owned by the
// caller's struct at all times, so it can be freed unambiguously after an error.
typedef struct {
    struct jpeg_destination_mgr pub;
    uint8_t *data;
    size_t capacity;
    size_t size;
} raster_destination;

static void raster_init_destination(j_compress_ptr cinfo) {
    raster_destination *dest = (raster_destination *)cinfo->dest;
    dest->pub.next_output_byte = dest->data;
    dest->pub.free_in_buffer = dest->capacity;
}

static boolean raster_empty_output_buffer(j_compress_ptr cinfo) {
    raster_destination *dest = (raster_destination *)cinfo->dest;
    size_t old_capacity = dest->capacity;
    uint8_t *grown = realloc(dest->data, old_capacity * 2);
    if (grown == NULL) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
    }
    dest->data = grown;
    dest->capacity = old_capacity * 2;
    dest->pub.next_output_byte = grown + old_capacity;
    dest->pub.free_in_buffer = dest->capacity - old_capacity;
    return TRUE;
}

static void raster_term_destination(j_compress_ptr cinfo) {
    raster_destination *dest = (raster_destination *)cinfo->dest;
    dest->size = dest->capacity - dest->pub.free_in_buffer;
}

static int raster_encode_protected(struct jpeg_compress_struct *cinfo, raster_error_mgr *err,
                                   raster_destination *dest, const uint8_t *pixels,
                                   int width, int height, int components, int quality) {
    if (setjmp(err->jump)) {
        return 0;
    }
    jpeg_create_compress(cinfo);
    cinfo->dest = &dest->pub;
    cinfo->image_width = (JDIMENSION)width;
    cinfo->image_height = (JDIMENSION)height;
    cinfo->input_components = components;
    cinfo->in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_EXT_RGBX;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)components;
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo->next_scanline * stride);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return 1;
}

int raster_jpeg_encode(const uint8_t *pixels, int width, int height, int components,
                       int quality, uint8_t **out, size_t *out_size,
                       char message[RASTER_JPEG_MESSAGE_CAPACITY]) {
    struct jpeg_compress_struct cinfo;
    raster_error_mgr err;
    raster_destination dest = {0};
    message[0] = '\0';
    if (components != 1 && components != 4) {
        snprintf(message, RASTER_JPEG_MESSAGE_CAPACITY, "unsupported component count %d", components);
        return 0;
    }
    dest.capacity = 65536;
    dest.data = malloc(dest.capacity);
    if (dest.data == NULL) {
        snprintf(message, RASTER_JPEG_MESSAGE_CAPACITY, "out of memory");
        return 0;
    }
    dest.pub.init_destination = raster_init_destination;
    dest.pub.empty_output_buffer = raster_empty_output_buffer;
    dest.pub.term_destination = raster_term_destination;
    memset(&cinfo, 0, sizeof cinfo);
    raster_install_errors(&err, message);
    cinfo.err = &err.pub;
    int ok = raster_encode_protected(&cinfo, &err, &dest, pixels, width, height, components, quality);
    jpeg_destroy_compress(&cinfo);
    if (!ok) {
        free(dest.data);
        return 0;
    }
    *out = dest.data;
    *out_size = dest.size;
    return 1;
}

static int raster_decode_protected(struct jpeg_decompress_struct *cinfo, raster_error_mgr *err,
                                   const uint8_t *data, size_t size, size_t max_pixels,
                                   int *width, int *height, int *components, uint8_t **pixels) {
    if (setjmp(err->jump)) {
        return 0;
    }
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    cinfo->out_color_space = cinfo->jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_EXT_RGBA;
    jpeg_start_decompress(cinfo);
    size_t w = cinfo->output_width, h = cinfo->output_height;
    *width = (int)w;
    *height = (int)h;
    if (w == 0 || h == 0 || w > max_pixels / h) {
        snprintf(err->message, RASTER_JPEG_MESSAGE_CAPACITY,
                 "image too large (%zu x %zu pixels)", w, h);
        return 0;
    }
    size_t stride = w * (size_t)cinfo->output_components;
    *pixels = malloc(stride * h);
    if (*pixels == NULL) {
        snprintf(err->message, RASTER_JPEG_MESSAGE_CAPACITY, "out of memory");
        return 0;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = *pixels + (size_t)cinfo->output_scanline * stride;
        jpeg_read_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_decompress(cinfo);
    *components = cinfo->output_components;
    return 1;
}

int raster_jpeg_decode(const uint8_t *data, size_t size, size_t max_pixels,
                       int *width, int *height, int *components, uint8_t **out,
                       char message[RASTER_JPEG_MESSAGE_CAPACITY]) {
    struct jpeg_decompress_struct cinfo;
    raster_error_mgr err;
    uint8_t *pixels = NULL;
    message[0] = '\0';
    if (data == NULL || size == 0) {
        snprintf(message, RASTER_JPEG_MESSAGE_CAPACITY, "empty input");
        return 0;
    }
    memset(&cinfo, 0, sizeof cinfo);
    raster_install_errors(&err, message);
    cinfo.err = &err.pub;
    int ok = raster_decode_protected(&cinfo, &err, data, size, max_pixels,
                                     width, height, components, &pixels);
    jpeg_destroy_decompress(&cinfo);
    if (!ok) {
        free(pixels);
        return 0;
    }
    *out = pixels;
    return 1;
}

void raster_jpeg_free(uint8_t *buffer) {
    free(buffer);
}
