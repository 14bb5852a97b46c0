// A grid (regular or sheared): sampling space is voxel index space.
const bool kIrregular = false;

vec3 voxelIndex(vec3 p) {
    return p;
}

bool hasData(vec3 p) {
    return insideVolume(p) && (uSlicesAll || sliceHasData(uSlices, uDims.z, p.z));
}
