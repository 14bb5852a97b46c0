// The volume's texture is an atlas of blocks (atlas.glsl).
const bool kBricked = true;
