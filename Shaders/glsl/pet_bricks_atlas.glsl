// The fusion's PET texture is an atlas of blocks (atlas.glsl, the uPetAtlas… uniforms).
const bool kPetBricked = true;
