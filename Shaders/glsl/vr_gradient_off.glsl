// The preset's gradient opacity is 1 everywhere: it is not evaluated.
const bool kGradientOpacity = false;
