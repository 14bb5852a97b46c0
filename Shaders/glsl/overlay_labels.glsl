// A segmentation's labels for the overlay passes (overlay_section.glsl among them). Needs version.glsl before it.
//
// uLabels holds per voxel its label (0: background) times 64 plus six neighbour bits (LabelTexels), read nearest with
// texelFetch, in bricks of 4 × 4 × 4 voxels (LabelBrickLayout: a brick's texels one after the other, the bricks of a
// layer of 4 slices row by row, layers of uLabelLayerRows texture rows of 2^uLabelRowBits texels, 2^uLabelRowBits
// rows a texture slice). uColours is the segment
// colour table, 256 labels a row (label l at (l mod 256, l / 256)), alpha 1 for the segments drawn and 0 for
// the others, so a label not drawn counts as background everywhere. Points are continuous label-volume indices
// (voxel centres at integers).

uniform usampler3D uLabels;
uniform ivec3 uLabelDims;
uniform int uLabelBricksX;
uniform int uLabelRowBits;
uniform int uLabelLayerRows;
uniform sampler2D uColours;

vec4 segmentColour(uint label) {
    return texelFetch(uColours, ivec2(int(label & 255u), int(label >> 8u)), 0);
}

// The nearest voxel's texel at index point p (label × 64 + neighbour bits); 0 outside the grid.
uint storedTexelAt(vec3 p) {
    ivec3 i = ivec3(floor(p + 0.5));
    if (any(lessThan(i, ivec3(0))) || any(greaterThanEqual(i, uLabelDims))) return 0u;
    uvec3 v = uvec3(i), b = v >> 2u;
    uint inLayer = (b.y * uint(uLabelBricksX) + b.x) << 6u | (v.z & 3u) << 4u | (v.y & 3u) << 2u | (v.x & 3u);
    uint row = b.z * uint(uLabelLayerRows) + (inLayer >> uint(uLabelRowBits)), mask = (1u << uint(uLabelRowBits)) - 1u;
    return texelFetch(uLabels, ivec3(uvec3(inLayer & mask, row & mask, row >> uint(uLabelRowBits))), 0).r;
}

// The nearest voxel's label at index point p, drawn or not; 0 outside the grid.
uint storedLabelAt(vec3 p) {
    return storedTexelAt(p) >> 6u;
}

// The label drawn at index point p: the nearest voxel's, 0 outside the grid or when its segment is not drawn.
uint labelAt(vec3 p) {
    uint label = storedLabelAt(p);
    return label != 0u && segmentColour(label).a > 0.5 ? label : 0u;
}

// What an overlay paints at a pixel whose label has table entry `colour` (segmentColour; alpha 0: background or a
// segment not drawn), `edge` when the pixel lies on the view's border or a 4-neighbour's drawn label differs: the
// segment's colour with its opacity, 1 on an outline (uOutline), else uFill (0: no fill); opacity 0 (nothing) where
// no segment is drawn. Blended over the view as source alpha: by GL (overlay_draw.frag, overlay_box.frag).
uniform float uFill;
uniform bool uOutline;

vec4 overlayPaint(vec4 colour, bool edge) {
    return colour.a > 0.5 ? vec4(colour.rgb, uOutline && edge ? 1.0 : uFill) : vec4(0.0);
}
