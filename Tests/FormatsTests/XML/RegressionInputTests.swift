import Foundation
import Testing
@testable import Formats
import TMCore

/// The inputs in Fixtures/regressions (from ../shared/regressions and the fuzz harness) broke
/// the old readers: each must now be read in full or give a one-line error with its position.
@Suite struct RegressionInputTests {
    enum Outcome: Sendable, CustomStringConvertible {
        /// Read in full: these sources, in order.
        case units([String])
        /// A `FormatError` whose reason contains the text, at this line.
        case malformed(String, line: Int)
        case refused(String, line: Int)
        var description: String {
            switch self {
            case let .units(u): return "units \(u)"
            case let .malformed(r, l): return "malformed line \(l): \(r)"
            case let .refused(r, l): return "refused line \(l): \(r)"
            }
        }
    }

    static let cases: [(String, Outcome)] = [
        ("01_pi_without_data.tmx", .units([])),
        ("02_notation_system_only.tmx", .units([])),
        ("03_notation_public_only.tmx", .units([])),
        ("04_element_name_bad_utf8.tmx", .malformed("not UTF-8 (byte 0xFF), and no other encoding is declared", line: 1)),
        ("05_attribute_name_bad_utf8.tmx", .malformed("not UTF-8", line: 1)),
        ("06_entity_name_bad_utf8.tmx", .malformed("not UTF-8", line: 1)),
        ("07_comment_bad_utf8.tmx", .malformed("not UTF-8", line: 1)),
        ("08_pi_bad_utf8.tmx", .malformed("not UTF-8", line: 1)),
        ("09_ndata_entity_ucs4_guard_bypass.tmx", .refused("external entity 'u' is not allowed", line: 2)),
        ("10_realistic_euckr_file_with_comment.tmx", .units(["Open"])),
        ("12_xxe_guard_bypass_ebcdic.tmx", .malformed("cannot decode the document", line: 1)),
        ("13_xxe_guard_bypass_ucs4.tmx", .refused("external entity 'xxe' is not allowed", line: 3)),
        ("14_xxe_guard_bypass_utf7.tmx", .refused("external entity 'xxe' is not allowed", line: 3)),
        ("16_quadratic_entity_reported_as_empty_source.tmx", .refused("entity expansion passes 16 MB", line: 8)),
        ("nested_tu.tmx", .units(["Inner source", "Outer source", "Last"])),
    ]

    @Test(arguments: cases)
    func readsInFullOrFailsOnOneLine(file: String, outcome: Outcome) throws {
        let path = fixture("regressions/" + file)
        var sources: [String] = []
        var failure: Error?
        do {
            _ = try TMXReader().read(path, options: .init()) { sources.append($0.source) }
        } catch {
            failure = error
        }
        switch outcome {
        case let .units(expected):
            #expect(failure == nil, "\(file): \(String(describing: failure))")
            #expect(sources == expected)
        case let .malformed(reason, line), let .refused(reason, line):
            let error = try #require(failure as? FormatError, "\(file): no FormatError (\(String(describing: failure)))")
            let text = error.description
            #expect(text.hasPrefix("\(path):\(line):"), "\(text)")
            #expect(text.contains(reason), "\(text)")
            #expect(!text.contains("\n") && !text.contains("(null)"))
            if case .refused = outcome { #expect({ if case .refusedXML = error { true } else { false } }()) }
            #expect(sources.isEmpty || !sources.contains { $0.hasSuffix(" ") }, "no text cut at an entity: \(sources)")
        }
    }

    @Test func theKoreanLegacyFileIsReadWithANote() throws {
        let (units, summary) = try readAll(fixture("regressions/10_realistic_euckr_file_with_comment.tmx"))
        #expect(units.map(\.target) == ["열기"])
        #expect(summary.notes.count == 1 && summary.notes[0].contains("read as CP949"))
    }

    @Test func theNestedUnitAndItsOuterUnitAreBothRead() throws {
        let (units, summary) = try readAll(fixture("regressions/nested_tu.tmx"))
        #expect(units.map(\.id) == ["inner", "outer", "last"])
        #expect(units.map(\.target) == ["안쪽", "바깥", "마지막"])
        #expect(summary.skippedTotal == 0)
    }

    /// Crashes found by the fuzz harness (Fuzz/), kept as inputs: any file in
    /// Fixtures/regressions/fuzz is read in full or fails with a one-line FormatError.
    @Test func fuzzFindingsDoNotCrash() throws {
        let dir = URL(fileURLWithPath: fixture("regressions")).appendingPathComponent("fuzz")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in files.sorted() {
            let path = dir.appendingPathComponent(name).path
            guard let reader = FormatRegistry.reader(for: path) else { continue }
            do {
                _ = try reader.read(path, options: .init()) { _ in }
            } catch let error as FormatError {
                #expect(!error.description.contains("\n"), "\(error)")
            } catch {
                Issue.record("\(name): not a FormatError: \(error)")
            }
        }
    }
}
