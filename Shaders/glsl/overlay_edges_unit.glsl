// overlay_section.glsl's neighbour test for a view whose screen x and y step along label grid axes uAxisX and uAxisY by
// exactly one voxel a pixel from voxel centres (SectionOverlay.NeighbourTest.unit): each 4-neighbour pixel is the next
// voxel along one of the two axes, so the texel's four bits along them (LabelTexels: set where that voxel is outside
// the grid or has another label) answer without a read or a position.

uniform int uAxisX;
uniform int uAxisY;

bool neighbourDiffers(vec2 f, uint texel, uint label) {
    return (texel & ((3u << uint(2 * uAxisX)) | (3u << uint(2 * uAxisY)))) != 0u;
}
