// The volume texture and its modality rescale. One of sample_nearest.glsl / sample_linear.glsl
// follows this file and defines `sampledTexel(p)` at continuous voxel index p (voxel centres at
// integers) and `storedFromTexel`; the choice is made when the program is built, not per sample.

uniform sampler3D uVolume;
uniform vec3 uDims;            // voxels along i, j, k
uniform vec3 uInvDims;         // 1 / uDims
uniform float uStoredScale;    // sampled value × this = stored value (32767 for R16_SNORM, 65535 for R16, 1 for R32F)
uniform bool uRoundStored;     // integer voxels: round to the exact stored integer (nearest sampling)
uniform float uSlope;          // modality rescale: stored × slope + intercept
uniform float uIntercept;

// True when p lies in the box spanned by the voxels' outer edges.
bool insideVolume(vec3 p) {
    return all(greaterThanEqual(p, vec3(-0.5))) && all(lessThanEqual(p, uDims - 0.5));
}

float sampledTexel(vec3 p);
float storedFromTexel(float texel);

// The rescaled value (e.g. HU) at p.
float rescaledValue(vec3 p) {
    return storedFromTexel(sampledTexel(p)) * uSlope + uIntercept;
}
