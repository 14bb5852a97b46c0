// The volume's texture holds it as stored: texel index = voxel index.
const bool kBricked = false;
