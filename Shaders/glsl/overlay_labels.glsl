// A segmentation's labels for the overlay passes. Needs version.glsl before it.
//
// uLabels holds one label per voxel (0: background), read nearest with texelFetch; uColours is the segment
// colour table, 256 labels a row (label l at (l mod 256, l / 256)), alpha 1 for the segments drawn and 0 for
// the others, so a label not drawn counts as background everywhere. Points are continuous label-volume indices
// (voxel centres at integers).

uniform usampler3D uLabels;
uniform ivec3 uLabelDims;
uniform sampler2D uColours;

vec4 segmentColour(uint label) {
    return texelFetch(uColours, ivec2(int(label & 255u), int(label >> 8u)), 0);
}

// The label drawn at index point p: the nearest voxel's, 0 outside the grid or when its segment is not drawn.
uint labelAt(vec3 p) {
    ivec3 i = ivec3(floor(p + 0.5));
    if (any(lessThan(i, ivec3(0))) || any(greaterThanEqual(i, uLabelDims))) return 0u;
    uint label = texelFetch(uLabels, i, 0).r;
    return label != 0u && segmentColour(label).a > 0.5 ? label : 0u;
}
