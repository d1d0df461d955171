import Foundation
import Testing
@testable import Formats
import TMCore

/// The TMX tmkit writes, read by real peers: translate-toolkit (`translate.storage.tmx`, plus a
/// TMX 1.4b DTD check with lxml) and OmegaT (console-translate pre-translating exact matches
/// from tm/auto). Each check skips when its peer is absent; Benchmarks/interop_tmx.sh installs them.
@Suite(.serialized) struct TMXInteropTests {
    static let units: [TranslationUnit] = [
        ("Open File", "파일 열기"),
        ("Click <b>Save</b> to keep your changes.", "변경 사항을 유지하려면 <b>저장</b>을 누르세요."),
        ("Tom & Jerry say \"hi\" < 3 times", "톰과 제리는 \"안녕\"을 3번 < 말한다"),
        ("Use %s or {name} here", "여기에 %s 또는 {name}을(를) 사용하세요"),
        ("Line one\nLine two", "첫째 줄\n둘째 줄"),
        ("Close <a href=\"#x\">this window</a>", "<a href=\"#x\">이 창</a> 닫기"),
    ].enumerated().map { i, p in
        TranslationUnit(source: p.0, target: p.1, sourceLanguage: en, targetLanguage: ko, id: "t\(i + 1)",
                        created: Date(timeIntervalSince1970: 1_700_000_000), properties: [.init(type: "x-test", value: "v&\(i)")],
                        notes: ["note <\(i)>"])
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasTranslateToolkit: Bool = {
        guard let py = which("python3") else { return false }
        return (try? run(py, ["-c", "import translate.storage.tmx, lxml"]).status) == 0
    }()

    static func write(_ units: [TranslationUnit], to path: String, markup: TMXWriter.InlineMarkup) throws {
        var w = try TMXWriter(path: path, sourceLanguage: en, inlineMarkup: markup)
        for u in units { try w.write(u) }
        try w.finish()
    }

    @Test(.enabled(if: TMXInteropTests.hasTranslateToolkit), arguments: [TMXWriter.InlineMarkup.text, .codes])
    func translateToolkitReadsEveryUnitIntact(markup: TMXWriter.InlineMarkup) throws {
        let dir = TempDir()
        let path = dir.path + "/tmkit.tmx"
        try Self.write(Self.units, to: path, markup: markup)
        let (status, out) = try Self.run(Self.which("python3")!, [fixture("tmx_peer_check.py"), path, fixture("tmx14b.dtd")])
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let pairs = try #require(json["units"] as? [[String]])
        #expect(pairs == Self.units.map { [$0.source, $0.target] })
        #expect(json["dtd_valid"] as? Bool == true, "DTD errors: \(json["dtd_errors"] ?? "")")
    }

    @Test(.enabled(if: TMXInteropTests.which("omegat") != nil))
    func omegaTPreTranslatesExactMatches() throws {
        let dir = TempDir()
        let project = dir.path + "/project"
        let fm = FileManager.default
        for sub in ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"] {
            try fm.createDirectory(atPath: "\(project)/\(sub)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: fixture("omegat-en-ko.project"), toPath: project + "/omegat.project")
        // OmegaT's text filter makes one segment per paragraph (blank-line separated).
        let oneLine = Self.units.filter { !$0.source.contains("\n") }
        let untranslated = "This sentence is not in the memory."
        let source = (oneLine.map(\.source) + [untranslated]).joined(separator: "\n\n") + "\n"
        try source.write(toFile: project + "/source/doc.txt", atomically: true, encoding: .utf8)
        try Self.write(Self.units, to: project + "/tm/auto/tmkit.tmx", markup: .text)
        let (status, _) = try Self.run(Self.which("omegat")!, [
            "--mode=console-translate", "--config-dir=\(dir.path)/config", "--disable-project-locking", "--no-team", project,
        ])
        #expect(status == 0)
        let translated = try String(contentsOfFile: project + "/target/doc.txt", encoding: .utf8)
        let paragraphs = translated.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }
        #expect(paragraphs == oneLine.map(\.target) + [untranslated])
    }
}
