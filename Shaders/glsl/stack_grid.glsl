// A grid (regular or sheared): sampling space is voxel index space.
const bool kIrregular = false;

vec3 voxelIndex(vec3 p) {
    return p;
}

// Whether p has data, and its voxel index.
bool locate(vec3 p, out vec3 voxel) {
    voxel = p;
    return insideVolume(p) && (kAllSlices || sliceHasData(uSlices, uDims.z, p.z));
}
