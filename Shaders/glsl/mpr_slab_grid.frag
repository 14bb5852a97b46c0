// Slab maximum or minimum on the voxel grid (MPRPass picks it): every sample on a voxel centre, samples one voxel
// apart along one axis, every slice in the frame's snapshot. Needs version.glsl, volume.glsl, atlas.glsl, stack.glsl,
// stack_grid.glsl, sample_nearest.glsl and voi.glsl before it, and the constants kSlabCount (N > 1 samples, centred on
// the plane) and kSlabAxis (0, 1 or 2: the axis they step along), which MPRPass compiles in: the loop has a fixed
// length and every sample of a pixel shares its texture coordinates but the one along kSlabAxis, so the compiler may
// unroll it and compute the others once a pixel. (On llvmpipe the ten texel reads of the benchmark's 20 mm axial slab
// remain most of its cost.)
//
// Samples are read with textureLod through a nearest sampler that MPRPass binds for this draw: at a voxel centre
// that is the voxel itself, and on llvmpipe it costs about half a texelFetch. Samples outside the volume are not left
// out but clamped onto its end voxels along the slab axis (CLAMP_TO_EDGE; clamped indices in an atlas): copies of
// samples inside, which change no maximum or minimum. A pixel none of whose samples lies inside the volume is black.
// No branch skips samples: llvmpipe runs both sides of a branch, and reads inside one cost more.

uniform vec3 uOrigin;     // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;         // sampling point change per pixel, screen x
uniform vec3 uDy;         // sampling point change per pixel, screen y
uniform float uSlabStep;  // index change between slab samples along kSlabAxis: ±1
uniform int uSlabMode;    // 0 maximum, 1 minimum

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    float first = p[kSlabAxis] - 0.5 * float(kSlabCount - 1) * uSlabStep;   // sample 0 along the axis
    float far = first + float(kSlabCount - 1) * uSlabStep;
    bool inside = min(first, far) <= uBoxDims[kSlabAxis] - 0.5 && max(first, far) >= -0.5;
    for (int a = 0; a < 3; ++a) {
        if (a != kSlabAxis) inside = inside && p[a] >= -0.5 && p[a] <= uBoxDims[a] - 0.5;
    }
    // The rescale (and the rounding of stored integers) is monotonic, so the extreme raw texel is the extreme value:
    // keep the largest of sign × texel (sign −1 for a minimum; a negative slope swaps them) and convert once at the end.
    float sign = (uSlabMode == 0) == (uSlope * uStoredScale >= 0.0) ? 1.0 : -1.0;
    float best;
    if (kBricked) {
        vec3 q = p;
        q[kSlabAxis] = first;
        best = sign * textureLod(uVolume, atlasCoord(false, clamp(q, vec3(0.0), uDims - 1.0)), 0.0).r;
        for (int n = 1; n < kSlabCount; ++n) {
            q[kSlabAxis] = first + float(n) * uSlabStep;
            best = max(best, sign * textureLod(uVolume, atlasCoord(false, clamp(q, vec3(0.0), uDims - 1.0)), 0.0).r);
        }
    } else {
        vec3 t = (p + 0.5) * uInvDims;
        float t0 = (first + 0.5) * uInvDims[kSlabAxis], dt = uSlabStep * uInvDims[kSlabAxis];
        t[kSlabAxis] = t0;
        best = sign * textureLod(uVolume, t, 0.0).r;
        for (int n = 1; n < kSlabCount; ++n) {
            t[kSlabAxis] = t0 + float(n) * dt;
            best = max(best, sign * textureLod(uVolume, t, 0.0).r);
        }
    }
    fragColor = inside ? grey(voi(storedFromTexel(sign * best) * uSlope + uIntercept)) : vec4(0.0, 0.0, 0.0, 1.0);
}
