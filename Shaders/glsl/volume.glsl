// The volume texture and its modality rescale. Views sample at a point p of the volume's sampling
// space: its continuous voxel index for a grid (voxel centres at integers), or, for an irregular stack,
// (pixels along the row, pixels along the column, nominal steps along the normal) from the stack's corner.
// stack.glsl and one of stack_grid.glsl / stack_irregular.glsl follow this file and define
// `voxelIndex(p)` and `locate(p, voxel)`; then one of sample_nearest.glsl / sample_linear.glsl defines
// `sampledTexel(p)` and `storedFromTexel`, reading a volume too long for one texture through its atlas of blocks
// (atlas.glsl, when kBricked). These choices are made when the program is built, not per sample.
//
// A frame samples only the slices of its load snapshot. uSlices holds, per slice k, the slice whose voxels
// are read for it: k when it is in the snapshot, the nearest slice in it under "nearest loaded", or -1 (no
// data). Which point has data and how it is read is the sample file's rule (`sliceHasData`, `texelAt`);
// `locate` consults it, so absent slices are background, transparent under a fusion's PET layer, and left
// out of MIPs and slabs. kAllSlices (slices_all.glsl or slices_partial.glsl, chosen when the program is built):
// every slice is in the snapshot, and the lookups compile away (llvmpipe runs both sides of a runtime branch).

uniform sampler3D uVolume;
uniform vec3 uDims;            // voxels along i, j, k
uniform vec3 uBoxDims;         // the volume's box in sampling space is [-0.5, uBoxDims - 0.5] (uDims for a grid)
uniform vec3 uInvDims;         // 1 / uDims
uniform float uStoredScale;    // sampled value × this = stored value (32767 for R16_SNORM, 65535 for R16, 1 for R32F)
uniform bool uRoundStored;     // integer voxels: round to the exact stored integer (nearest sampling)
uniform float uSlope;          // modality rescale: stored × slope + intercept
uniform float uIntercept;
uniform sampler1D uSlices;     // per slice: the slice read for it, or -1 (no data)

// True when p lies in the volume's box (for a grid: the box spanned by the voxels' outer edges).
bool insideVolume(vec3 p) {
    return all(greaterThanEqual(p, vec3(-0.5))) && all(lessThanEqual(p, uBoxDims - 0.5));
}

// Defined by the sample file, for any volume given its texture, slice sources and dimensions (a fusion's PET too):
// whether a point at voxel index z along the slices has data, and the texel read at voxel index `voxel` (texelIn:
// of the volume, or with `pet` of a fusion's PET, each through its own atlas when bricked; texelAt: of the volume).
bool sliceHasData(sampler1D slices, float count, float z);
float texelIn(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, bool pet, vec3 voxel);
float texelAt(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, vec3 voxel);
float sampledTexel(vec3 p);
float storedFromTexel(float texel);

// The rescaled value (e.g. HU) at voxel index `voxel` (from `locate`, stack_*.glsl).
float rescaledVoxel(vec3 voxel) {
    return storedFromTexel(texelAt(uVolume, uSlices, kAllSlices, uDims, uInvDims, voxel)) * uSlope + uIntercept;
}

// The rescaled value (e.g. HU) at sampling point p.
float rescaledValue(vec3 p) {
    return storedFromTexel(sampledTexel(p)) * uSlope + uIntercept;
}
