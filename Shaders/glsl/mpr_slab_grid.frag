// Slab maximum or minimum on the voxel grid (MPRPass picks it): every sample on a voxel centre, samples one voxel
// apart along one axis (uSlabDelta is ±1 on one axis, 0 on the others), every slice in the frame's snapshot.
// Needs version.glsl, volume.glsl, atlas.glsl, stack.glsl, stack_grid.glsl, sample_nearest.glsl and voi.glsl before it.
//
// Samples are read with textureLod through a nearest sampler that MPRPass binds for this draw: at a voxel centre
// that is the voxel itself, and on llvmpipe it costs about half a texelFetch (20 mm axial slab of the benchmark CT,
// 10 samples a pixel: 17 → 8 ms CPU). Samples outside the volume are not left out but clamped onto its end voxels
// along the slab axis (CLAMP_TO_EDGE; clamped indices in an atlas): copies of samples inside, which change no maximum
// or minimum. A pixel none of whose samples lies inside the volume is black. No branch skips samples: llvmpipe runs
// both sides of a branch, and reads inside one cost more.

uniform vec3 uOrigin;     // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;         // sampling point change per pixel, screen x
uniform vec3 uDy;         // sampling point change per pixel, screen y
uniform vec3 uSlabDelta;  // sampling point change between slab samples: ±1 along one axis
uniform int uSlabCount;   // N > 1 samples, centred on the plane
uniform int uSlabMode;    // 0 maximum, 1 minimum

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 q = p + (-0.5 * float(uSlabCount - 1)) * uSlabDelta;   // sample 0
    vec3 last = q + float(uSlabCount - 1) * uSlabDelta;
    bool inside = all(greaterThanEqual(max(q, last), vec3(-0.5))) && all(lessThanEqual(min(q, last), uBoxDims - 0.5));
    // The rescale (and the rounding of stored integers) is monotonic, so the extreme raw texel is the extreme value:
    // keep the largest of sign × texel (sign −1 for a minimum; a negative slope swaps them) and convert once at the end.
    float sign = (uSlabMode == 0) == (uSlope * uStoredScale >= 0.0) ? 1.0 : -1.0;
    float best;
    if (kBricked) {
        best = sign * textureLod(uVolume, atlasCoord(false, clamp(q, vec3(0.0), uDims - 1.0)), 0.0).r;
        for (int n = 1; n < uSlabCount; ++n) {
            q += uSlabDelta;
            best = max(best, sign * textureLod(uVolume, atlasCoord(false, clamp(q, vec3(0.0), uDims - 1.0)), 0.0).r);
        }
    } else {
        vec3 t = q * uInvDims + 0.5 * uInvDims, dt = uSlabDelta * uInvDims;
        best = sign * textureLod(uVolume, t, 0.0).r;
        for (int n = 1; n < uSlabCount; ++n) {
            t += dt;
            best = max(best, sign * textureLod(uVolume, t, 0.0).r);
        }
    }
    fragColor = inside ? grey(voi(storedFromTexel(sign * best) * uSlope + uIntercept)) : vec4(0.0, 0.0, 0.0, 1.0);
}
