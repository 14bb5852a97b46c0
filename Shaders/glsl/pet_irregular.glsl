// The fusion's PET is an irregular stack, read through its per-slice table (stack.glsl).
const bool kPetIrregular = true;
