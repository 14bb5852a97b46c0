// Nearest sampling: the voxel whose centre is closest to sampling point p.

// The raw texel (normalised for 16-bit textures).
float sampledTexel(vec3 p) {
    ivec3 voxel = clamp(ivec3(floor(voxelIndex(p) + 0.5)), ivec3(0), ivec3(uDims) - 1);
    return texelFetch(uVolume, voxel, 0).r;
}

// The stored value of a texel, exact for integer voxels.
float storedFromTexel(float texel) {
    float stored = texel * uStoredScale;
    return uRoundStored ? floor(stored + 0.5) : stored;
}
