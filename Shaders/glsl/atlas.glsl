// A volume longer than one 3D texture allows, laid out as an atlas of blocks (TextureAtlas): blocks of
// uAtlasSize voxels, neighbours sharing one layer (block b starts at voxel b × uAtlasStep), block
// l = bx + nx (by + ny bz) at texel uAtlasOrigins[l]. Voxel index c (within [0, dims − 1]) is read in block
// min(floor(c / step), blocks − 1), clamped to that block's voxel centres: a trilinear read between voxels k and
// k + 1 finds both in that block, so it is the read of the volume as stored, and never reaches a neighbouring tile.
// Used by the sample files when kBricked (kPetBricked for a fusion's PET); `pet` picks the PET's atlas
// (uPetAtlas…) and is a constant at every call, so the other side compiles away.

const int kMaxAtlasBlocks = 64;   // TextureAtlas.maxBlocks
uniform vec3 uAtlasStep;
uniform vec3 uAtlasInvStep;
uniform vec3 uAtlasBlocks;
uniform vec3 uAtlasSize;
uniform vec3 uAtlasInvDims;       // 1 / the atlas texture's size
uniform vec3 uAtlasOrigins[kMaxAtlasBlocks];
uniform vec3 uPetAtlasStep;
uniform vec3 uPetAtlasInvStep;
uniform vec3 uPetAtlasBlocks;
uniform vec3 uPetAtlasSize;
uniform vec3 uPetAtlasInvDims;
uniform vec3 uPetAtlasOrigins[kMaxAtlasBlocks];

// The atlas texel index (continuous, texel centres at integers) of voxel index c.
vec3 atlasTexel(bool pet, vec3 c) {
    vec3 blocks = pet ? uPetAtlasBlocks : uAtlasBlocks;
    vec3 b = min(floor(c * (pet ? uPetAtlasInvStep : uAtlasInvStep)), blocks - 1.0);
    vec3 local = clamp(c - b * (pet ? uPetAtlasStep : uAtlasStep), vec3(0.0), (pet ? uPetAtlasSize : uAtlasSize) - 1.0);
    int l = int(b.x + blocks.x * (b.y + blocks.y * b.z));
    return (pet ? uPetAtlasOrigins[l] : uAtlasOrigins[l]) + local;
}

// The normalised texture coordinate of voxel index c.
vec3 atlasCoord(bool pet, vec3 c) {
    vec3 inv = pet ? uPetAtlasInvDims : uAtlasInvDims;
    return atlasTexel(pet, c) * inv + 0.5 * inv;   // the form the volume as stored is read with (sample_linear.glsl)
}
