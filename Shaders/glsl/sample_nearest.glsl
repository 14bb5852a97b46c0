// Nearest sampling: the voxel whose centre is closest to sampling point p.
// With slices missing from the frame's snapshot: a point has data when its nearest slice has a source
// (volume.glsl), and reads that source's voxel.

bool sliceHasData(sampler1D slices, float count, float z) {
    return texelFetch(slices, clamp(int(floor(z + 0.5)), 0, int(count) - 1), 0).r >= 0.0;
}

// The raw texel (normalised for 16-bit textures) nearest to `voxel`, through the slice sources unless `all`,
// through the atlas (atlas.glsl) when the volume (`pet`: the fusion's PET) is bricked.
float texelIn(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, bool pet, vec3 voxel) {
    ivec3 v = clamp(ivec3(floor(voxel + 0.5)), ivec3(0), ivec3(dims) - 1);
    if (!all) v.z = int(texelFetch(slices, v.z, 0).r);
    if (pet ? kPetBricked : kBricked) v = ivec3(atlasTexel(pet, vec3(v)));
    return texelFetch(volume, v, 0).r;
}

// texelIn for the volume (not a fusion's PET).
float texelAt(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, vec3 voxel) {
    return texelIn(volume, slices, all, dims, invDims, false, voxel);
}

float sampledTexel(vec3 p) {
    return texelAt(uVolume, uSlices, kAllSlices, uDims, uInvDims, voxelIndex(p));
}

// The stored value of a texel, exact for integer voxels.
float storedFromTexel(float texel) {
    float stored = texel * uStoredScale;
    return uRoundStored ? floor(stored + 0.5) : stored;
}
