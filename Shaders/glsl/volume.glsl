// Reading the volume texture at a continuous voxel index p (voxel centres at integers).

uniform sampler3D uVolume;
uniform vec3 uDims;            // voxels along i, j, k
uniform float uStoredScale;    // sampled value × this = stored value (32767 for R16_SNORM, 65535 for R16, 1 for R32F)
uniform bool uRoundStored;     // integer voxels under nearest sampling: round to the exact stored integer
uniform float uSlope;          // modality rescale: stored × slope + intercept
uniform float uIntercept;
uniform bool uNearest;         // nearest voxel (texelFetch) instead of trilinear

// True when p lies in the box spanned by the voxels' outer edges.
bool insideVolume(vec3 p) {
    return all(greaterThanEqual(p, vec3(-0.5))) && all(lessThanEqual(p, uDims - 0.5));
}

// The rescaled value (e.g. HU) at p.
float rescaledValue(vec3 p) {
    float stored;
    if (uNearest) {
        ivec3 voxel = clamp(ivec3(floor(p + 0.5)), ivec3(0), ivec3(uDims) - 1);
        stored = texelFetch(uVolume, voxel, 0).r * uStoredScale;
        if (uRoundStored) stored = floor(stored + 0.5);
    } else {
        stored = texture(uVolume, (p + 0.5) / uDims).r * uStoredScale;
    }
    return stored * uSlope + uIntercept;
}
