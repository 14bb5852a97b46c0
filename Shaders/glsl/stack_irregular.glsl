// An irregular stack: voxel indices through the per-slice table (stack.glsl).
const bool kIrregular = true;

uniform sampler1D uStack;
uniform int uStackCount;
uniform float uStackLutScale;
uniform int uStackLutCount;

vec3 voxelIndex(vec3 p) {
    vec3 voxel;
    stackLocate(uStack, uStackCount, uStackLutScale, uStackLutCount, uDims.xy, p, voxel);
    return voxel;
}

// Whether p has data, and its voxel index: one table lookup for both.
bool locate(vec3 p, out vec3 voxel) {
    voxel = vec3(0.0);
    return insideVolume(p) && stackLocate(uStack, uStackCount, uStackLutScale, uStackLutCount, uDims.xy, p, voxel)
        && (kAllSlices || sliceHasData(uSlices, uDims.z, voxel.z));
}
