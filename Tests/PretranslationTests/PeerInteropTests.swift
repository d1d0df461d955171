import Foundation
import Testing
@testable import Pretranslation

/// Runs a peer program; nil when it cannot be started.
private func runPeer(_ arguments: [String]) -> (status: Int32, output: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    do { try p.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

private let hasTranslateToolkit = runPeer(["python3", "-c", "import translate.storage.xliff, translate.storage.xliff2"])?.status == 0
private let hasMsgfmt = runPeer(["msgfmt", "--version"])?.status == 0

/// The outputs of the fixture batch are read by the tools localization engineers use.
@Suite struct PeerInteropTests {
    static func outputs() throws -> String {
        let out = Fixture.folder()
        let batch = PretranslatorTests.batch()
        Fixture.write(XLIFFSegmentedTests.xliff, "ui/seg.xlf", in: batch)
        _ = try Fixture.pretranslator(output: out).run([batch])
        return out
    }

    @Test(.enabled(if: hasTranslateToolkit, "translate-toolkit is not installed (pip install translate-toolkit)"))
    func translateToolkitReadsEveryTarget() throws {
        let out = try Self.outputs()
        // For each XLIFF output, the targets tmkit wrote, as tmkit reads them back, in order.
        var expected: [String: [String]] = [:]
        for name in ["ui/ui.xlf", "ui/app.xliff", "ui/seg.xlf", "docs/readme.txt.xlf", "docs/guide.md.xlf"] {
            let doc = try XLIFFDocument(data: try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)), file: name)
            var targets: [String] = []
            var seen = Set<ObjectIdentifier>()
            for place in doc.places where seen.insert(ObjectIdentifier(place.holder)).inserted {
                if let t = place.holder.child("target") { targets.append(t.textContent) }
            }
            expected[name] = targets
        }
        let script = """
        import json, sys
        from translate.storage import xliff, xliff2
        out = {}
        for name in sys.argv[2:]:
            path = sys.argv[1] + "/" + name
            data = open(path, "rb").read()
            store = (xliff2.Xliff2File if b'version="2.' in data[:600] else xliff.xlifffile).parsestring(data)
            out[name] = [str(u.target) for u in store.units if u.target]
        print(json.dumps(out, ensure_ascii=False))
        """
        let r = try #require(runPeer(["python3", "-c", script, out] + expected.keys.sorted()))
        #expect(r.status == 0, "\(r.output)")
        let read = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: [String]]
        for (name, targets) in expected {
            #expect(!targets.isEmpty || name.hasSuffix("guide.md.xlf"))
            // translate-toolkit trims the white space around a target.
            let trimmed = targets.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            #expect(read?[name]?.filter { !$0.isEmpty } == trimmed, "\(name)")
        }
        #expect(read?["ui/ui.xlf"]?.contains("파일을 엽니다.") == true)
    }

    @Test(.enabled(if: hasTranslateToolkit, "translate-toolkit is not installed (pip install translate-toolkit)"))
    func xliff2poTakesApprovedExactMatchesAsFinal() throws {
        let doc = try XLIFFDocument(data: Data(XLIFFDocumentTests.xliff12.utf8), file: "ui.xlf")
        doc.approveExact = true
        let folder = Fixture.folder()
        try doc.rendered(Fixture.results(doc), languages: Fixture.enKo).write(to: URL(fileURLWithPath: folder + "/ui.xlf"))
        let r = try #require(runPeer(["xliff2po", folder + "/ui.xlf", folder + "/ui.po"]))
        #expect(r.status == 0, "\(r.output)")
        let po = Fixture.read(folder + "/ui.po")
        // The exact fill is final (xliff2po merges the second `Cancel` into the first); the fuzzy one (inline codes) stays fuzzy.
        let entries = po.components(separatedBy: "\n\n")
        func fuzzy(_ msgstr: String) -> Bool? {
            entries.first { $0.contains("msgstr \"\(msgstr)\"") }.map { $0.contains("#, fuzzy") }
        }
        #expect(fuzzy("파일을 엽니다.") == false, "\(po)")
        #expect(fuzzy("닫기 전에 문서를 저장합니다.") == true, "\(po)")
    }

    @Test(.enabled(if: hasMsgfmt, "msgfmt (gettext) is not installed"))
    func msgfmtChecksThePOOutput() throws {
        let out = try Self.outputs()
        let r = try #require(runPeer(["msgfmt", "--check", "-o", "/dev/null", out + "/po/ko.po"]))
        #expect(r.status == 0, "\(r.output)")
        #expect(Fixture.read(out + "/po/ko.po").contains("msgstr \"%s 페이지 인쇄\""))
    }
}
