/// The version of Lightbox, the one place it is written (`lightbox --version`, the man page, reports).
public enum LightboxVersion {
    public static let string = "0.5.0"
}
