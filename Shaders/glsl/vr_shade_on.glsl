// The volume rendering lights its samples (Phong, headlight).
const bool kShade = true;
