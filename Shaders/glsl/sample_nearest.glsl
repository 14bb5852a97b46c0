// storedValue for nearest sampling: the voxel whose centre is closest to p, exact for integer voxels.
float storedValue(vec3 p) {
    ivec3 voxel = clamp(ivec3(floor(p + 0.5)), ivec3(0), ivec3(uDims) - 1);
    float stored = texelFetch(uVolume, voxel, 0).r * uStoredScale;
    return uRoundStored ? floor(stored + 0.5) : stored;
}
