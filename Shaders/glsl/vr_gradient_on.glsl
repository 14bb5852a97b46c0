// The preset's gradient opacity varies: each sample's opacity is scaled by it.
const bool kGradientOpacity = true;
