#include "dicom_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>
#include <openjpeg-2.5/openjpeg.h>
#include <charls/charls.h>

static size_t expected_bytes(dicom_codec_expect e) {
    return (size_t)e.width * (size_t)e.height * (size_t)e.components * (size_t)e.bytes_per_sample;
}

static int check_geometry(dicom_codec_expect e, size_t out_size, const dicom_codec_info *info,
                          char *message) {
    if (out_size < expected_bytes(e)) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "output buffer holds %zu bytes, %zu needed",
                 out_size, expected_bytes(e));
        return DICOM_CODEC_SIZE_MISMATCH;
    }
    if (info->width != e.width || info->height != e.height || info->components != e.components) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY,
                 "stream declares %d x %d x %d samples, the data set %d x %d x %d",
                 info->width, info->height, info->components, e.width, e.height, e.components);
        return DICOM_CODEC_SIZE_MISMATCH;
    }
    return DICOM_CODEC_OK;
}

// ---------------------------------------------------------------------------------------------
// JPEG (libjpeg-turbo)

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char *message;
} dicom_jpeg_error_mgr;

static void dicom_jpeg_error_exit(j_common_ptr cinfo) {
    dicom_jpeg_error_mgr *err = (dicom_jpeg_error_mgr *)cinfo->err;
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    snprintf(err->message, DICOM_CODEC_MESSAGE_CAPACITY, "%s", buffer);
    longjmp(err->jump, 1);
}

static void dicom_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    // Warnings mean corrupt or truncated data (premature end, bad Huffman code, missing marker):
    // refuse them, except stray bytes between markers, which many encoders leave and which do not
    // change the decoded pixels.
    if (msg_level < 0 && cinfo->err->msg_code != JWRN_EXTRANEOUS_DATA) {
        dicom_jpeg_error_exit(cinfo);
    }
}

static void dicom_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static int dicom_jpeg_protected(struct jpeg_decompress_struct *cinfo, dicom_jpeg_error_mgr *err,
                                const uint8_t *data, size_t size, int convert_to_rgb,
                                dicom_codec_expect expect, uint8_t *out, size_t out_size,
                                dicom_codec_info *info, char *message, int *result) {
    if (setjmp(err->jump)) {
        return 0;
    }
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    info->width = (int)cinfo->image_width;
    info->height = (int)cinfo->image_height;
    info->components = cinfo->num_components;
    info->precision = cinfo->data_precision;
    if (cinfo->num_components != 1 && cinfo->num_components != 3) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "%d components (only 1 or 3 are decoded)",
                 cinfo->num_components);
        *result = DICOM_CODEC_UNSUPPORTED;
        return 1;
    }
    if (expect.bytes_per_sample != 1) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "8-bit JPEG but %d bytes per sample expected",
                 expect.bytes_per_sample);
        *result = DICOM_CODEC_SIZE_MISMATCH;
        return 1;
    }
    int geometry = check_geometry(expect, out_size, info, message);
    if (geometry != DICOM_CODEC_OK) {
        *result = geometry;
        return 1;
    }
    if (cinfo->num_components == 3) {
        if (convert_to_rgb) {
            // Photometric Interpretation RGB: convert only when the stream itself says it is YCbCr (a JFIF
            // marker, or Adobe APP14 transform 1). Without either, libjpeg would guess YCbCr for 3 components;
            // DICOM's RGB label means the components were coded as R, G, B (as pydicom decodes them).
            int says_ycbcr = cinfo->saw_JFIF_marker || (cinfo->saw_Adobe_marker && cinfo->Adobe_transform == 1);
            if (!says_ycbcr && cinfo->jpeg_color_space == JCS_YCbCr) {
                cinfo->jpeg_color_space = JCS_RGB;
            }
            cinfo->out_color_space = JCS_RGB;
        } else {
            cinfo->out_color_space = cinfo->jpeg_color_space;  // no colour conversion
        }
    } else {
        cinfo->out_color_space = JCS_GRAYSCALE;
    }
    if (out == NULL) {  // header only
        *result = DICOM_CODEC_OK;
        return 1;
    }
    jpeg_start_decompress(cinfo);
    if ((int)cinfo->output_width != expect.width || (int)cinfo->output_height != expect.height ||
        cinfo->output_components != expect.components) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "decoder output is %u x %u x %d",
                 cinfo->output_width, cinfo->output_height, cinfo->output_components);
        *result = DICOM_CODEC_SIZE_MISMATCH;
        return 1;
    }
    size_t stride = (size_t)expect.width * (size_t)expect.components;
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = (JSAMPROW)(out + (size_t)cinfo->output_scanline * stride);
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "no scanline returned at row %u",
                     cinfo->output_scanline);
            return 0;
        }
    }
    jpeg_finish_decompress(cinfo);
    *result = DICOM_CODEC_OK;
    return 1;
}

int dicom_jpeg_decode(const uint8_t *data, size_t size, int convert_to_rgb, dicom_codec_expect expect,
                      uint8_t *out, size_t out_size, dicom_codec_info *info,
                      char message[DICOM_CODEC_MESSAGE_CAPACITY]) {
    struct jpeg_decompress_struct cinfo;
    dicom_jpeg_error_mgr err;
    int result = DICOM_CODEC_CORRUPT;
    message[0] = '\0';
    memset(info, 0, sizeof(*info));
    if (size == 0) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "empty JPEG stream");
        return DICOM_CODEC_CORRUPT;
    }
    memset(&cinfo, 0, sizeof(cinfo));
    jpeg_std_error(&err.pub);
    err.pub.error_exit = dicom_jpeg_error_exit;
    err.pub.emit_message = dicom_jpeg_emit_message;
    err.pub.output_message = dicom_jpeg_output_message;
    err.message = message;
    cinfo.err = &err.pub;
    if (!dicom_jpeg_protected(&cinfo, &err, data, size, convert_to_rgb, expect, out, out_size, info,
                              message, &result)) {
        result = DICOM_CODEC_CORRUPT;
        if (info->precision != 0 && info->precision != 8) {
            result = DICOM_CODEC_UNSUPPORTED;
        }
    }
    jpeg_destroy_decompress(&cinfo);
    return result;
}

// ---------------------------------------------------------------------------------------------
// JPEG 2000 (OpenJPEG)

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t position;
} dicom_memory_stream;

static OPJ_SIZE_T dicom_stream_read(void *buffer, OPJ_SIZE_T count, void *user) {
    dicom_memory_stream *s = (dicom_memory_stream *)user;
    if (s->position >= s->size) {
        return (OPJ_SIZE_T)-1;
    }
    size_t available = s->size - s->position;
    size_t n = count < available ? count : available;
    memcpy(buffer, s->data + s->position, n);
    s->position += n;
    return n;
}

static OPJ_OFF_T dicom_stream_skip(OPJ_OFF_T count, void *user) {
    dicom_memory_stream *s = (dicom_memory_stream *)user;
    if (count < 0) {
        size_t back = (size_t)(-count);
        if (back > s->position) back = s->position;
        s->position -= back;
        return -(OPJ_OFF_T)back;
    }
    size_t available = s->size - s->position;
    size_t n = (size_t)count < available ? (size_t)count : available;
    s->position += n;
    return (OPJ_OFF_T)n;
}

static OPJ_BOOL dicom_stream_seek(OPJ_OFF_T offset, void *user) {
    dicom_memory_stream *s = (dicom_memory_stream *)user;
    if (offset < 0 || (uint64_t)offset > s->size) {
        return OPJ_FALSE;
    }
    s->position = (size_t)offset;
    return OPJ_TRUE;
}

typedef struct {
    char *message;
    int errors;
    int truncated;
} dicom_j2k_messages;

static void dicom_j2k_error(const char *text, void *user) {
    dicom_j2k_messages *m = (dicom_j2k_messages *)user;
    if (m->errors++ == 0) {
        snprintf(m->message, DICOM_CODEC_MESSAGE_CAPACITY, "%s", text);
        size_t n = strlen(m->message);
        while (n > 0 && (m->message[n - 1] == '\n' || m->message[n - 1] == ' ')) m->message[--n] = '\0';
    }
}

static void dicom_j2k_warning(const char *text, void *user) {
    // OpenJPEG decodes what it can of a cut-off codestream and only warns; we refuse such frames.
    dicom_j2k_messages *m = (dicom_j2k_messages *)user;
    if (strstr(text, "runcated") != NULL || strstr(text, "too short") != NULL ||
        strstr(text, "not enough") != NULL || strstr(text, "Not enough") != NULL) {
        if (!m->truncated && m->errors == 0) {
            snprintf(m->message, DICOM_CODEC_MESSAGE_CAPACITY, "truncated codestream: %s", text);
            size_t n = strlen(m->message);
            while (n > 0 && (m->message[n - 1] == '\n' || m->message[n - 1] == ' ')) m->message[--n] = '\0';
        }
        m->truncated = 1;
    }
}

static void dicom_j2k_info(const char *text, void *user) { (void)text; (void)user; }

const char *dicom_openjpeg_version(void) { return opj_version(); }

int dicom_j2k_decode(const uint8_t *data, size_t size, dicom_codec_expect expect,
                     uint8_t *out, size_t out_size, dicom_codec_info *info,
                     char message[DICOM_CODEC_MESSAGE_CAPACITY]) {
    message[0] = '\0';
    memset(info, 0, sizeof(*info));
    if (size < 12) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "JPEG 2000 stream of %zu bytes is too short", size);
        return DICOM_CODEC_CORRUPT;
    }
    OPJ_CODEC_FORMAT format;
    static const uint8_t jp2_signature[12] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A};
    if (data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51) {
        format = OPJ_CODEC_J2K;
    } else if (memcmp(data, jp2_signature, 12) == 0) {
        format = OPJ_CODEC_JP2;
    } else {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY,
                 "no JPEG 2000 codestream (SOC/SIZ) or JP2 signature at the start (%02X %02X %02X %02X)",
                 data[0], data[1], data[2], data[3]);
        return DICOM_CODEC_CORRUPT;
    }
    dicom_memory_stream memory = {data, size, 0};
    dicom_j2k_messages messages = {message, 0, 0};
    int result = DICOM_CODEC_CORRUPT;
    opj_image_t *image = NULL;
    opj_stream_t *stream = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
    opj_codec_t *codec = opj_create_decompress(format);
    if (stream == NULL || codec == NULL) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "OpenJPEG could not create a decoder");
        goto done;
    }
    opj_stream_set_user_data(stream, &memory, NULL);
    opj_stream_set_user_data_length(stream, size);
    opj_stream_set_read_function(stream, dicom_stream_read);
    opj_stream_set_skip_function(stream, dicom_stream_skip);
    opj_stream_set_seek_function(stream, dicom_stream_seek);
    opj_set_error_handler(codec, dicom_j2k_error, &messages);
    opj_set_warning_handler(codec, dicom_j2k_warning, &messages);
    opj_set_info_handler(codec, dicom_j2k_info, NULL);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec, &parameters)) goto failed;
    if (!opj_read_header(stream, codec, &image) || image == NULL) goto failed;
    info->width = (int)(image->x1 - image->x0);
    info->height = (int)(image->y1 - image->y0);
    info->components = (int)image->numcomps;
    if (image->numcomps > 0) {
        info->precision = (int)image->comps[0].prec;
        info->is_signed = (int)image->comps[0].sgnd;
    }
    result = check_geometry(expect, out_size, info, message);
    if (result != DICOM_CODEC_OK) goto done;
    for (OPJ_UINT32 c = 0; c < image->numcomps; c++) {
        if (image->comps[c].dx != 1 || image->comps[c].dy != 1) {
            snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "component %u is subsampled (%u x %u)", c,
                     image->comps[c].dx, image->comps[c].dy);
            result = DICOM_CODEC_UNSUPPORTED;
            goto done;
        }
        if (image->comps[c].prec > (OPJ_UINT32)(8 * expect.bytes_per_sample) || image->comps[c].prec == 0) {
            snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "component %u has %u bits, more than %d", c,
                     image->comps[c].prec, 8 * expect.bytes_per_sample);
            result = DICOM_CODEC_SIZE_MISMATCH;
            goto done;
        }
    }
    if (out == NULL) {  // header only
        result = DICOM_CODEC_OK;
        goto done;
    }
    result = DICOM_CODEC_CORRUPT;
    if (!opj_decode(codec, stream, image)) goto failed;
    if (!opj_end_decompress(codec, stream)) goto failed;
    if (messages.truncated) goto done;
    {
        size_t pixels = (size_t)expect.width * (size_t)expect.height;
        int components = expect.components;
        for (int c = 0; c < components; c++) {
            const opj_image_comp_t *comp = &image->comps[c];
            if (comp->data == NULL || comp->w != (OPJ_UINT32)expect.width || comp->h != (OPJ_UINT32)expect.height) {
                snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "component %d decoded to %u x %u", c, comp->w,
                         comp->h);
                result = DICOM_CODEC_SIZE_MISMATCH;
                goto done;
            }
            const OPJ_INT32 *source = comp->data;
            switch (expect.bytes_per_sample) {
            case 1:
                for (size_t i = 0; i < pixels; i++) out[i * components + c] = (uint8_t)source[i];
                break;
            case 2: {
                uint16_t *target = (uint16_t *)out;
                for (size_t i = 0; i < pixels; i++) target[i * components + c] = (uint16_t)source[i];
                break;
            }
            default: {
                uint32_t *target = (uint32_t *)out;
                for (size_t i = 0; i < pixels; i++) target[i * components + c] = (uint32_t)source[i];
                break;
            }
            }
        }
    }
    result = DICOM_CODEC_OK;
    goto done;
failed:
    result = DICOM_CODEC_CORRUPT;
    if (message[0] == '\0') snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "OpenJPEG failed to decode");
done:
    if (image != NULL) opj_image_destroy(image);
    if (codec != NULL) opj_destroy_codec(codec);
    if (stream != NULL) opj_stream_destroy(stream);
    return result;
}

// ---------------------------------------------------------------------------------------------
// JPEG-LS (CharLS)

int dicom_jpegls_decode(const uint8_t *data, size_t size, dicom_codec_expect expect,
                        uint8_t *out, size_t out_size, dicom_codec_info *info,
                        char message[DICOM_CODEC_MESSAGE_CAPACITY]) {
    message[0] = '\0';
    memset(info, 0, sizeof(*info));
    int result = DICOM_CODEC_CORRUPT;
    uint8_t *scratch = NULL;
    charls_jpegls_decoder *decoder = charls_jpegls_decoder_create();
    if (decoder == NULL) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "CharLS could not create a decoder");
        return DICOM_CODEC_CORRUPT;
    }
    charls_jpegls_errc error = charls_jpegls_decoder_set_source_buffer(decoder, data, size);
    if (error == CHARLS_JPEGLS_ERRC_SUCCESS) error = charls_jpegls_decoder_read_header(decoder);
    charls_frame_info frame;
    if (error == CHARLS_JPEGLS_ERRC_SUCCESS) error = charls_jpegls_decoder_get_frame_info(decoder, &frame);
    charls_interleave_mode mode = CHARLS_INTERLEAVE_MODE_NONE;
    if (error == CHARLS_JPEGLS_ERRC_SUCCESS) error = charls_jpegls_decoder_get_interleave_mode(decoder, &mode);
    if (error != CHARLS_JPEGLS_ERRC_SUCCESS) goto charls_failed;
    info->width = (int)frame.width;
    info->height = (int)frame.height;
    info->components = frame.component_count;
    info->precision = frame.bits_per_sample;
    result = check_geometry(expect, out_size, info, message);
    if (result != DICOM_CODEC_OK) goto done;
    int stream_bytes = frame.bits_per_sample <= 8 ? 1 : 2;
    if (stream_bytes > expect.bytes_per_sample || expect.bytes_per_sample > 2) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "%d-bit JPEG-LS samples do not fit %d bytes per sample",
                 frame.bits_per_sample, expect.bytes_per_sample);
        result = DICOM_CODEC_SIZE_MISMATCH;
        goto done;
    }
    size_t needed = 0;
    error = charls_jpegls_decoder_get_destination_size(decoder, 0, &needed);
    if (error != CHARLS_JPEGLS_ERRC_SUCCESS) goto charls_failed;
    size_t pixels = (size_t)expect.width * (size_t)expect.height;
    size_t components = (size_t)expect.components;
    int direct = stream_bytes == expect.bytes_per_sample && (components == 1 || mode != CHARLS_INTERLEAVE_MODE_NONE);
    if (needed != pixels * components * (size_t)stream_bytes) {
        snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "CharLS needs %zu bytes for the frame", needed);
        result = DICOM_CODEC_SIZE_MISMATCH;
        goto done;
    }
    if (out == NULL) {  // header only
        result = DICOM_CODEC_OK;
        goto done;
    }
    if (direct) {
        error = charls_jpegls_decoder_decode_to_buffer(decoder, out, needed, 0);
        if (error != CHARLS_JPEGLS_ERRC_SUCCESS) goto charls_failed;
    } else {
        scratch = malloc(needed);
        if (scratch == NULL) {
            snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "out of memory");
            goto done;
        }
        error = charls_jpegls_decoder_decode_to_buffer(decoder, scratch, needed, 0);
        if (error != CHARLS_JPEGLS_ERRC_SUCCESS) goto charls_failed;
        int planar = components > 1 && mode == CHARLS_INTERLEAVE_MODE_NONE;
        for (size_t c = 0; c < components; c++) {
            for (size_t i = 0; i < pixels; i++) {
                size_t from = planar ? c * pixels + i : i * components + c;
                uint32_t value = stream_bytes == 1 ? scratch[from] : ((const uint16_t *)scratch)[from];
                size_t to = i * components + c;
                if (expect.bytes_per_sample == 1) out[to] = (uint8_t)value;
                else ((uint16_t *)out)[to] = (uint16_t)value;
            }
        }
    }
    result = DICOM_CODEC_OK;
    goto done;
charls_failed:
    result = DICOM_CODEC_CORRUPT;
    snprintf(message, DICOM_CODEC_MESSAGE_CAPACITY, "%s", charls_get_error_message(error));
done:
    free(scratch);
    charls_jpegls_decoder_destroy(decoder);
    return result;
}
