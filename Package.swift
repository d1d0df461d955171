// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tmkit",
    products: [
        .executable(name: "tmkit", targets: ["tmkit"]),
        .library(name: "TMKit", targets: ["TMCore", "Segmentation", "Formats", "TranslationMemory"]),
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
        // System libxml2 (Debian's libxml2-dev, pkg-config libxml-2.0); only CXML's C code includes it.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // tmkit's own small C API over libxml2: the secure SAX2 push parser behind Formats/XML.
        .target(name: "CXML", dependencies: ["CLibXML2"]),
        .target(name: "TMCore"),
        .target(name: "Segmentation", dependencies: ["CICU", "TMCore"]),
        .target(name: "Formats", dependencies: ["CXML", "TMCore"]),
        // System SQLite (Debian's libsqlite3-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // tmkit's one SQLite wrapper, shared by the translation memory and the glossary store.
        .target(name: "SQLiteKit", dependencies: ["CSQLite"]),
        .target(name: "TranslationMemory", dependencies: ["CSQLite", "SQLiteKit", "TMCore", "Segmentation", "Formats"]),
        .target(name: "Alignment", dependencies: ["Segmentation", "TMCore"]),
        .target(name: "Terminology", dependencies: ["SQLiteKit", "Segmentation", "TMCore", "Formats"]),
        .target(name: "Pretranslation", dependencies: ["TMCore", "Segmentation", "Formats", "TranslationMemory", "Terminology"]),
        .executableTarget(
            name: "tmkit",
            dependencies: [
                "TMCore", "Segmentation", "Formats", "TranslationMemory",
                "Alignment", "Terminology",
                "Pretranslation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TMCoreTests", dependencies: ["TMCore"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "TMCore"], exclude: ["Golden"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TMCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TranslationMemoryTests", dependencies: ["TranslationMemory", "SQLiteKit", "Formats", "Segmentation", "TMCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PretranslationTests", dependencies: ["Pretranslation", "Segmentation", "TMCore", "Terminology"]),
        // Depends on the executable so that `swift test` builds the binary its end-to-end tests run.
        .testTarget(name: "tmkitTests", dependencies: ["tmkit"], exclude: ["Peers"]),
        .testTarget(name: "AlignmentTests", dependencies: ["Alignment", "Segmentation", "TMCore"]),
        .testTarget(name: "TerminologyTests", dependencies: ["Terminology", "Alignment", "Segmentation", "TMCore", "Formats"]),
    ]
)
