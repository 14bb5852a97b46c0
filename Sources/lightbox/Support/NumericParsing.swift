import ArgumentParser

extension SingleValueParsingStrategy {
    /// How options with numeric values are parsed: the next word is the value even when it starts with "-", so
    /// negative numbers can be typed as users type them ("--position -275", "--window -600,1500"; ArgumentParser's
    /// default reads "-275" as an option and reports a missing value). "--position=-275" works too, and an option
    /// with nothing after it still fails with "Missing value for '--position <mm|N%>'". A value that is really the
    /// next option ("--angle --view mip") is taken as the value and refused by the option's own check.
    static var numeric: SingleValueParsingStrategy { .unconditional }
}
