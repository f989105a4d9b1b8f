// swift-tools-version:6.1
import Foundation
import PackageDescription

// ACCORD_STRICT=1 (scripts/validate.sh, .ci/run) makes every warning in Accord's own targets an error; dependencies
// keep their warnings, and one setting for both CI steps means one build.
let strict: [SwiftSetting] = ProcessInfo.processInfo.environment["ACCORD_STRICT"] == "1" ? [.unsafeFlags(["-warnings-as-errors"])] : []

let swiftSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ] + strict

let package = Package(
    name: "accord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        .executable(name: "accord-bench", targets: ["accord-bench"]),
        .library(name: "RecognitionCore", targets: ["RecognitionCore"]),
        .library(name: "Credentials", targets: ["Credentials"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "RecognitionCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // QR codes of verification links on printable credentials (Debian's libqrencode).
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", providers: [.apt(["libqrencode-dev"])]),
        .target(
            name: "Credentials",
            dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Contexts")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                "RecognitionCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("ReferenceData")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AccordServices",
            dependencies: [
                "RecognitionCore",
                "Credentials",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "RecognitionCore",
                "AccordServices",
                "CQREncode",
                "Credentials",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Public"), .copy("OpenAPI"), .copy("Locales")],
            swiftSettings: swiftSettings
        ),
        // The command line without the web layer: data, accounts, audit, credentials.
        .target(
            name: "AccordCLI",
            dependencies: [
                "RecognitionCore",
                "AccordServices",
                "Storage",
                "Credentials",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The composition root: AccordCLI's commands plus `serve`, which builds the web application.
        .executableTarget(
            name: "accord",
            dependencies: [
                "AccordCLI",
                "RecognitionCore",
                "AccordServices",
                "Storage",
                "WebApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "accord-bench",
            dependencies: [
                "RecognitionCore",
                "AccordServices",
                "WebApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                "Storage",
                "Credentials",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure test support: fixed clock and randomness, fixtures, the official vectors. No web, no database drivers.
        .target(name: "TestSupport", dependencies: ["RecognitionCore"], swiftSettings: swiftSettings),
        // Throwaway SQLite files and PostgreSQL databases for the store contract and the application tests.
        .target(
            name: "StorageTestSupport",
            dependencies: [
                "Storage",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RecognitionCoreTests", dependencies: ["RecognitionCore", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "RecognitionCore", "TestSupport", "StorageTestSupport", .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccordServicesTests",
            dependencies: [
                "AccordServices", "RecognitionCore", "Storage", "TestSupport", "StorageTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp",
                "AccordServices",
                "Credentials",
                "RecognitionCore",
                "Storage",
                "TestSupport",
                "StorageTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer target exists only for scripts/fuzz: it calls libFuzzer's driver, so ordinary builds leave it out.
if ProcessInfo.processInfo.environment["ACCORD_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "accord-fuzz", dependencies: ["Credentials"], swiftSettings: swiftSettings))
}
