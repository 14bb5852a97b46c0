// The fusion's PET texture holds it as stored.
const bool kPetBricked = false;
