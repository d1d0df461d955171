import Foundation
import Testing
@testable import Formats
import TMCore

/// Real catalogs: the Korean .mo files installed on this system, decompiled with msgunfmt,
/// read by POReader; the counts must agree with `msgfmt --statistics`. Skips without gettext.
@Suite struct POSystemCatalogTests {
    static let catalogs: [String] = {
        let dir = "/usr/share/locale/ko/LC_MESSAGES"
        guard TMXInteropTests.which("msgunfmt") != nil, TMXInteropTests.which("msgfmt") != nil,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".mo") }.sorted().prefix(25).map { "\(dir)/\($0)" }
    }()

    @Test(.enabled(if: !POSystemCatalogTests.catalogs.isEmpty))
    func readCountsMatchMsgfmtStatistics() throws {
        let dir = TempDir()
        var total = 0
        for mo in Self.catalogs {
            let po = dir.path + "/" + URL(fileURLWithPath: mo).deletingPathExtension().lastPathComponent + ".po"
            guard try TMXInteropTests.run(TMXInteropTests.which("msgunfmt")!, [mo, "-o", po]).status == 0,
                  FileManager.default.fileExists(atPath: po) else { continue }  // an empty catalog gives no file
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TMXInteropTests.which("msgfmt")!)
            p.arguments = ["--statistics", "-o", "/dev/null", po]
            let err = Pipe()
            p.standardError = err
            try p.run()
            let stats = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let translated = Int(stats.split(separator: " ").first ?? "") ?? -1
            let (units, summary) = try POReader().readAll(po, options: ReadOptions(targetLanguage: ko))
            // A plural entry also gives its msgid_plural as a pair of its own.
            let plurals = units.filter { $0.properties.contains { $0.type == "x-po-plural-of" } }.count
            // msgfmt counts translated entries; msgunfmt output has no fuzzy entries. tmkit also
            // skips whitespace-only sides (coreutils has msgid "\n" -> msgstr "\n").
            let blank = summary.skipped["empty source", default: 0] + summary.skipped["empty target", default: 0]
            #expect(summary.read - plurals + blank == translated, "\(po): \(stats)")
            #expect(summary.skipped["untranslated", default: 0] + summary.skipped["fuzzy", default: 0] == 0 || stats.contains("untranslated") || stats.contains("fuzzy"))
            total += summary.read
        }
        #expect(total > 1000)
    }
}
