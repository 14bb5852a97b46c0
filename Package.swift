// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Lightbox",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lightbox", targets: ["lightbox"]),
        .library(name: "LightboxKit", targets: ["DICOM", "Volume", "Loading", "Render", "Raster", "Jobs"]),
    ],
    // DICOMweb (default): the DICOMweb loader (HTTP client, NIO), reading `dicomweb:` inputs and
    // `thumbnails --dicomweb`, the credentials options and `bench dicomweb`. Without it (`--disable-default-traits`,
    // as `make demo` builds) the HTTP/TLS stack is not compiled, and a DICOMweb input is a bad-input error that says so.
    // Server (default; needs DICOMweb): `lightbox serve` on Hummingbird. Without it Hummingbird is not compiled.
    traits: [
        .trait(name: "DICOMweb", description: "Read series from DICOMweb servers (WADO-RS, QIDO-RS) over HTTP."),
        .trait(name: "Server", description: "Serve rendered DICOMweb resources over HTTP (`lightbox serve`).",
               enabledTraits: ["DICOMweb"]),
        .default(enabledTraits: ["DICOMweb", "Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System libraries from Debian's -dev packages (see Makefile `deps`).
        .systemLibrary(name: "CGL", path: "Sources/CGL", pkgConfig: "osmesa"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        // libdeflate: whole-buffer inflate and CRC-32 for the fast path of PNG decoding (`PNGDirectDecoder`).
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", pkgConfig: "libdeflate"),
        // glibc's malloc tuning (mallopt), for the commands that churn images (`FreedMemory`).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Layers, top to bottom: lightbox -> Jobs -> Render/Loading -> Volume -> DICOM; Raster used by Render, Jobs and lightbox.
        // C shim over libjpeg-turbo, OpenJPEG and CharLS for the compressed pixel codecs (setjmp stays in C).
        .target(name: "CDICOMCodecs",
                linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("openjp2"), .linkedLibrary("charls")]),
        .target(name: "DICOM", dependencies: ["CZlib", "CDICOMCodecs"]),
        // The 16-bit-to-float rescale loop of Float32 volumes, in AVX2 where the CPU has it (chosen at run time).
        .target(name: "CVoxelConvert"),
        .target(name: "Volume", dependencies: ["DICOM", "CVoxelConvert"]),
        // The synthetic studies are computed voxel by voxel (the whole-body demo patient: about 20 million implicit-
        // shape evaluations), so they are optimized in debug builds too, which keeps `lightbox demo` and the tests quick.
        .target(name: "Phantom", dependencies: ["DICOM", "Volume"], swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // NIfTI-1/2 (.nii, .nii.gz): headers, nibabel's affine, bounded streaming reads.
        .target(name: "NIfTI", dependencies: ["CZlib", "Volume"]),
        // Segmentations as label volumes in patient space: DICOM SEG, RTSTRUCT (rasterized), NIfTI label maps.
        .target(name: "Segmentation", dependencies: ["DICOM", "Volume", "NIfTI"]),
        .target(
            name: "Loading",
            dependencies: [
                "Volume", "DICOM", "NIfTI",
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["DICOMweb"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["DICOMweb"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["DICOMweb"])),
            ]
        ),
        // A small C shim keeps libjpeg(-turbo)'s setjmp/longjmp error handling out of Swift frames.
        .target(name: "CRasterShims", linkerSettings: [.linkedLibrary("jpeg")]),
        // The SSIM pass and the rgba8 counts pass, in C so that they are built for AVX2 with FMA beside the baseline
        // and picked at load time.
        .target(name: "CSSIM"),
        .target(name: "Raster", dependencies: ["CPNG", "CZlib", "CDeflate", "CRasterShims", "CSSIM"]),
        .target(name: "Shaders", path: "Shaders", resources: [.copy("glsl"), .copy("presets")]),
        .target(name: "Render", dependencies: ["CGL", "Volume", "Raster", "Shaders", "Segmentation"]),
        // What front ends ask for (render jobs, PET/CT pairs, series opening, thumbnails, the golden suite, series
        // inspection), over one process-wide volume manager and cache.
        .target(name: "Jobs", dependencies: ["DICOM", "Volume", "Loading", "Render", "Raster", "Segmentation", "NIfTI"]),
        // The HTTP service (`lightbox serve`): DICOMweb rendered, thumbnail and volumetric resources over the same jobs,
        // with auth, limits, metrics and an origin pass-through for QIDO-RS and metadata.
        .target(
            name: "Server",
            dependencies: [
                "Jobs", "Loading", "Raster", "Volume", "DICOM",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Server"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["Server"])),
                .product(name: "Prometheus", package: "swift-prometheus", condition: .when(traits: ["Server"])),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Server"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Server"])),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["Server"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Server"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["Server"])),
            ]
        ),
        .executableTarget(
            name: "lightbox",
            dependencies: [
                "DICOM", "Volume", "Loading", "Render", "Raster", "Phantom", "Jobs", "Segmentation", "CMalloc",
                .target(name: "Server", condition: .when(traits: ["Server"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "DICOMTests", dependencies: ["DICOM"], exclude: ["Fixtures", "Regressions"]),
        // Helpers shared by test targets (a seeded random generator, golden-image comparison).
        .target(name: "TestSupport", dependencies: ["Raster"], path: "Tests/TestSupport"),
        .testTarget(name: "VolumeTests", dependencies: ["Volume", "DICOM", "Phantom", "TestSupport"]),
        .testTarget(name: "LoadingTests", dependencies: ["Loading", "Volume", "DICOM", "Phantom"]),
        .testTarget(
            name: "DICOMwebTests",
            dependencies: [
                "Loading", "Volume", "DICOM", "Phantom", "Raster", "lightbox", "TestSupport", "Server", "Jobs",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "TestSupport", "CZlib"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Volume", "Raster", "DICOM", "Phantom", "Loading", "TestSupport"]),
        // Bounded soak (≤ 2 min): concurrent streaming + rendering with random cancellations under a small cache.
        .testTarget(name: "SoakTests", dependencies: ["Loading", "Render", "Raster", "Volume", "DICOM", "Phantom", "TestSupport"]),
        .testTarget(name: "LightboxTests", dependencies: ["Raster", "DICOM", "Phantom", "lightbox", "Jobs", "TestSupport"]),
        .testTarget(
            name: "SegmentationTests",
            dependencies: ["Segmentation", "NIfTI", "Render", "Loading", "Volume", "DICOM", "Phantom", "Raster", "Jobs", "CZlib", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Loading", "Render", "Raster", "Volume", "DICOM", "Phantom", "TestSupport"]),
    ]
)
