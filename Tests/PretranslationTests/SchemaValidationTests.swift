import Foundation
import Testing
@testable import Pretranslation

/// The XSDs of XLIFF 1.2 (strict) and 2.0 (core and the matches module), where installed: a
/// folder named by `TMKIT_XLIFF_SCHEMAS`, else `/usr/share/xml/xliff`, holding
/// `xliff-core-1.2-strict.xsd`, `xliff_core_2.0.xsd` and `matches.xsd` with their imports
/// (`xml.xsd`) resolved in the same folder. Never fetched from the network.
private let schemaFolder: String? = {
    let candidates = [ProcessInfo.processInfo.environment["TMKIT_XLIFF_SCHEMAS"], "/usr/share/xml/xliff"].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/xliff-core-1.2-strict.xsd") }
}()

private func xmllint(_ arguments: [String]) -> (Int32, String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["xmllint"] + arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    do { try p.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

private let canValidate = schemaFolder != nil && xmllint(["--version"])?.0 == 0

/// Pre-translated XLIFF with inline codes validates against the schemas.
@Suite struct SchemaValidationTests {
    @Test(.enabled(if: canValidate, "the XLIFF XSDs are not installed (set TMKIT_XLIFF_SCHEMAS to a folder holding them) or xmllint is missing"))
    func outputsValidate() throws {
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(TagTransferTests.xliff12, "a.xlf", in: folder)
        _ = try Fixture.pretranslator(output: out).run([folder])
        let r12 = try #require(xmllint(["--nonet", "--noout", "--schema", schemaFolder! + "/xliff-core-1.2-strict.xsd", out + "/a.xlf"]))
        #expect(r12.0 == 0, "\(r12.1)")
        if FileManager.default.fileExists(atPath: schemaFolder! + "/xliff_core_2.0.xsd") {
            Fixture.write(TagTransferTests.xliff20, "b.xlf", in: folder)
            _ = try Fixture.pretranslator(output: out).run([folder + "/b.xlf"])
            let r20 = try #require(xmllint(["--nonet", "--noout", "--schema", schemaFolder! + "/xliff_core_2.0.xsd", out + "/b.xlf"]))
            #expect(r20.0 == 0, "\(r20.1)")
        }
    }
}
