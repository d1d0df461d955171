import Foundation
import Testing
@testable import Formats
import TMCore

/// The development corpus's dev.tmx (po2tmx output, 115,989 TUs) imports with every unit
/// accounted for. Runs when ../shared/corpus/dev.tmx (from the package root) exists.
@Suite struct DevCorpusTMXTests {
    static let path: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/corpus/dev.tmx").path
    }()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DevCorpusTMXTests.path)))
    func everyUnitIsAccountedFor() throws {
        let path = Self.path
        let total = try Self.countTU(path)
        var sample: TranslationUnit?
        let rssBefore = Self.residentKB()
        var rssPeak = rssBefore
        let start = Date()
        let summary = try TMXReader().read(path, options: ReadOptions(sourceLanguage: en, targetLanguage: ko)) { unit in
            if sample == nil { sample = unit }
            if unit.location!.line % 1000 < 9 { rssPeak = max(rssPeak, Self.residentKB()) }
            #expect(!unit.source.isEmpty && !unit.target.isEmpty)
        }
        let seconds = Date().timeIntervalSince(start)
        print("dev.tmx: \(total) tu, read \(summary.read), skipped \(summary.skipped), \(String(format: "%.1f", seconds)) s, resident memory +\((rssPeak - rssBefore) / 1024) MB while reading")
        #expect(total == 115_989)
        #expect(summary.read + summary.skippedTotal == total)
        #expect(summary.read > 100_000)
        #expect(sample?.source == "%d" && sample?.targetLanguage == ko)
    }

    /// Counts `<tu ` / `<tu>` start tags with a byte scan, independently of the XML parser.
    static func countTU(_ path: String) throws -> Int {
        // Count <tu> start tags independently of the XML parser.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let needle = Array("<tu ".utf8), needle2 = Array("<tu>".utf8)
        var total = 0
        data.withUnsafeBytes { (b: UnsafeRawBufferPointer) in
            var i = 0
            while i + 4 <= b.count {
                if b[i] == 0x3C && b[i + 1] == 0x74 && b[i + 2] == 0x75 && (b[i + 3] == needle[3] || b[i + 3] == needle2[3]) { total += 1 }
                i += 1
            }
        }
        return total
    }

    /// This process's resident memory in KiB (Linux /proc), 0 elsewhere.
    static func residentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
