// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tmkit",
    products: [
        .executable(name: "tmkit", targets: ["tmkit"]),
        .library(name: "TMKit", targets: ["TMCore", "Segmentation", "Formats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The only code that includes <unicode/*.h>. Needs Debian's libicu-dev.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "TMCore"),
        .target(name: "Segmentation", dependencies: ["CICU", "TMCore"]),
        .target(name: "Formats", dependencies: ["TMCore"]),
        .executableTarget(
            name: "tmkit",
            dependencies: [
                "TMCore", "Segmentation", "Formats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TMCoreTests", dependencies: ["TMCore"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "TMCore"], resources: [.copy("Golden")]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats"]),
        .testTarget(name: "tmkitTests", dependencies: ["TMCore"]),
    ]
)
