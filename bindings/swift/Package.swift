// swift-tools-version:5.7
// wrpcheck for Swift: CWrpcheck is libwrpcheck as a system library (pkg-config "wrpcheck", i.e.
// `make install` of the C library); Wrpcheck is the Swift API over it. For iOS, replace the
// system library by the XCFramework described in README.md.
import PackageDescription

let package = Package(
    name: "Wrpcheck",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "Wrpcheck", targets: ["Wrpcheck"]),
    ],
    targets: [
        .systemLibrary(name: "CWrpcheck", path: "Sources/CWrpcheck", pkgConfig: "wrpcheck",
                       providers: [.apt(["libssl-dev", "libcbor-dev", "libcjson-dev", "zlib1g-dev"])]),
        .target(name: "Wrpcheck", dependencies: ["CWrpcheck"], path: "Sources/Wrpcheck"),
    ]
)
