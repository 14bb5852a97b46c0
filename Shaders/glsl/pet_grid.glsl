// The fusion's PET is a grid (its sampling points are voxel indices).
const bool kPetIrregular = false;
