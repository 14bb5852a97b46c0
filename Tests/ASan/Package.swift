// swift-tools-version:6.0
// The DICOM layer and its tests alone, for `make test-asan`: AddressSanitizer builds only what these
// tests need (not the HTTP, NIO and TLS stacks of the full package). Sources are the main package's,
// reached through the symbolic links beside this file.
import PackageDescription

let package = Package(
    name: "LightboxDICOMASan",
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        .target(name: "CDICOMCodecs", path: "Sources/CDICOMCodecs",
                linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("openjp2"), .linkedLibrary("charls")]),
        .target(name: "DICOM", dependencies: ["CZlib", "CDICOMCodecs"], path: "Sources/DICOM"),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM"], path: "DICOMTests", exclude: ["Fixtures", "Regressions"]),
    ]
)
