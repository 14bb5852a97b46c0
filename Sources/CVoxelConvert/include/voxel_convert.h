#ifndef VOXEL_CONVERT_H
#define VOXEL_CONVERT_H

#include <stddef.h>
#include <stdint.h>

/// out[i] = (float)((double)in[i] * slope + intercept) for i < count: each product and sum rounded in double, as
/// Swift's `Float(Double(x) * slope + intercept)` rounds them (no fused multiply-add), so results are identical.
void lb_rescale_int16_to_float(const int16_t *in, float *out, size_t count, double slope, double intercept);
void lb_rescale_uint16_to_float(const uint16_t *in, float *out, size_t count, double slope, double intercept);

#endif
