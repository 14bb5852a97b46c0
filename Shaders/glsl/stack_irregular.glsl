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

bool hasData(vec3 p) {
    vec3 voxel;
    return insideVolume(p) && stackLocate(uStack, uStackCount, uStackLutScale, uStackLutCount, uDims.xy, p, voxel)
        && (uSlicesAll || sliceHasData(uSlices, uDims.z, voxel.z));
}
