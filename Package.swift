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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
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
        // The translation memory and the glossaries on PostgreSQL (postgres-nio): the same
        // analysis, index terms, keys and scorers as the SQLite stores, in tables of their own.
        .target(
            name: "PostgresStore",
            dependencies: [
                "TMCore", "Segmentation", "Formats", "TranslationMemory", "Terminology",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Only for `ConnectionPoolError`, which the pool throws as it is.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `tmkit serve`: the HTTP API (Hummingbird 2) over either store, tokens, limits.
        .target(
            name: "TMServer",
            dependencies: [
                "TMCore", "Segmentation", "Formats", "TranslationMemory", "Terminology", "PostgresStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Web/Assets")]
        ),
        .executableTarget(
            name: "tmkit",
            dependencies: [
                "TMCore", "Segmentation", "Formats", "TranslationMemory",
                "Alignment", "Terminology",
                "Pretranslation", "PostgresStore", "TMServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TMCoreTests", dependencies: ["TMCore"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "TMCore"], exclude: ["Golden"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TMCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TranslationMemoryTests", dependencies: ["TranslationMemory", "SQLiteKit", "Formats", "Segmentation", "TMCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PretranslationTests", dependencies: ["Pretranslation", "Segmentation", "TMCore", "Terminology", "Formats"], exclude: ["Schemas"]),
        // Depends on the executable so that `swift test` builds the binary its end-to-end tests run.
        .testTarget(name: "tmkitTests", dependencies: ["tmkit"], exclude: ["Peers"]),
        .testTarget(name: "TMServerTests", dependencies: ["TMServer", "PostgresStore", "TranslationMemory", "Terminology", "TMCore", "tmkit"], exclude: ["Fixtures"]),
        .testTarget(name: "AlignmentTests", dependencies: ["Alignment", "Segmentation", "TMCore"]),
        .testTarget(name: "TerminologyTests", dependencies: ["Terminology", "Alignment", "Segmentation", "TMCore", "Formats"]),
    ]
)
