// Slab maximum or minimum on the voxel grid, read from the image of the slab's extremes that MPRPass reduced on the
// CPU (SlabExtremeImage) and bound as a 2D texture in the volume's format: one texel read a pixel. Draws exactly
// what mpr_slab_grid.frag draws for the same view (which MPRPass uses for a reduced texture). Needs
// version.glsl, volume.glsl, atlas.glsl, stack.glsl, stack_grid.glsl, sample_nearest.glsl and voi.glsl before it,
// and the constant kSlabAxis (0, 1 or 2: the axis the slab's samples step along), which MPRPass compiles in.

uniform vec3 uOrigin;       // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;           // sampling point change per pixel, screen x
uniform vec3 uDy;           // sampling point change per pixel, screen y
uniform float uSlabFirst;   // index of the first and of the last sample along kSlabAxis
uniform float uSlabLast;
uniform sampler2D uSlabImage;   // texel (b, c): the extreme over the slab of voxel (b, c) along the other two axes

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    bool inside = min(uSlabFirst, uSlabLast) <= uBoxDims[kSlabAxis] - 0.5 && max(uSlabFirst, uSlabLast) >= -0.5;
    for (int a = 0; a < 3; ++a) {
        if (a != kSlabAxis) inside = inside && p[a] >= -0.5 && p[a] <= uBoxDims[a] - 0.5;
    }
    ivec3 v = clamp(ivec3(floor(p + 0.5)), ivec3(0), ivec3(uDims) - 1);
    ivec2 texel = kSlabAxis == 0 ? v.yz : (kSlabAxis == 1 ? v.xz : v.xy);
    float value = storedFromTexel(texelFetch(uSlabImage, texel, 0).r) * uSlope + uIntercept;
    fragColor = inside ? grey(voi(value)) : vec4(0.0, 0.0, 0.0, 1.0);
}
