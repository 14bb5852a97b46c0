// The volume rendering draws its samples in their transfer-function colours, unlit.
const bool kShade = false;
