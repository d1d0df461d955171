import Foundation
import Testing

/// `tmkit tm export` read back by translate-toolkit (`translate.storage.tmx`), every unit's text
/// intact. Skips when translate-toolkit is not installed (Benchmarks/interop_tmx.sh installs it;
/// the OmegaT check of the same writer is in FormatsTests/TMX/TMXInteropTests).
@Suite struct TMExportInteropTests {
    static let python: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    static func python(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python!)
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
        guard python != nil else { return false }
        return (try? Self.python(["-c", "import translate.storage.tmx"]).0) == 0
    }()

    @Test(.enabled(if: TMExportInteropTests.hasTranslateToolkit))
    func translateToolkitReadsExportIntact() throws {
        let pairs = [
            ("Open File", "파일 열기"),
            ("Click <b>Save</b> to keep your changes.", "변경 사항을 유지하려면 <b>저장</b>을 누르세요."),
            ("Tom & Jerry say \"hi\" < 3 times", "톰과 제리는 \"안녕\"을 3번 < 말한다"),
            ("Use %s or {name} here", "여기에 %s 또는 {name}을(를) 사용하세요"),
            ("Delete 280 files", "파일 280개 삭제"),
        ]
        let dir = TMKitProcess.temporaryDirectory()
        var tsv = "source_en\ttarget_ko\n"
        for (s, t) in pairs { tsv += "\(s)\t\(t)\n" }
        let file = dir.appendingPathComponent("pairs.tsv")
        try Data(tsv.utf8).write(to: file)
        let store = dir.appendingPathComponent("m.sqlite").path
        #expect(try TMKitProcess.run(["tm", "import", "--tm", store, file.path]).status == 0)
        let out = dir.appendingPathComponent("out.tmx")
        #expect(try TMKitProcess.run(["tm", "export", "--tm", store, "-o", out.path]).status == 0)
        let script = """
            import json, sys
            from translate.storage import tmx
            store = tmx.tmxfile.parsefile(sys.argv[1])
            print(json.dumps([[u.source, u.target] for u in store.units if u.source]))
            """
        let (status, json) = try Self.python(["-c", script, out.path])
        #expect(status == 0)
        let read = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String]]
        #expect(Set(read.map { $0[0] + "\t" + $0[1] }) == Set(pairs.map { $0.0 + "\t" + $0.1 }))
    }
}
