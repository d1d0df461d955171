import Foundation
@testable import Pretranslation
import TMCore

/// Helpers shared by the Pretranslation tests.
enum Fixture {
    static let enKo = LanguagePair(source: .english, target: .korean)

    /// A small memory: exact pairs, one with a context, one with a placeholder.
    static let memory: [InMemoryMatchProvider.Entry] = [
        .init(source: "Open the file.", target: "파일을 엽니다."),
        .init(source: "Save the document before closing.", target: "닫기 전에 문서를 저장합니다."),
        .init(source: "Print %s pages", target: "%s 페이지 인쇄"),
        .init(source: "Cancel", target: "취소", context: "button"),
        .init(source: "Cancel", target: "취소하기"),
        .init(source: "Line one\nLine two\n", target: "첫째 줄\n둘째 줄\n"),
    ]

    static let glossary: [InMemoryTermSpotter.Term] = [
        .init("document", ["문서"]),
        .init("file", ["파일"]),
        .init("open the file", ["파일 열기"]),
    ]

    /// A new empty folder.
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-pt-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` at `folder/name` (folders created) and returns the path.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: String) -> String {
        let path = folder + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// A pretranslator over the fixture memory and glossary.
    static func pretranslator(output: String?, threads: Int = 2, minScore: Int = 75) -> Pretranslator {
        let matcher = InMemoryMatchProvider(memory)
        let spotter = InMemoryTermSpotter(glossary)
        return Pretranslator(options: PretranslationOptions(outputDirectory: output, minScore: minScore, threads: threads),
                             matcher: { matcher }, spotter: { _ in spotter })
    }

    /// Results for a document: each segment matched against the fixture memory.
    static func results(_ document: any PretranslatableDocument, minScore: Int = 75) -> [SegmentResult] {
        let matcher = InMemoryMatchProvider(memory)
        let spotter = InMemoryTermSpotter(glossary)
        return document.segments.map { s in
            var m = matcher.bestMatch(for: s.source, context: s.context, languages: enKo, minScore: minScore)
            if s.inlineCodes > 0, let b = m, b.score >= 100 { m?.score = 99 }
            return SegmentResult(fill: m, terms: spotter.terms(in: s.source, languages: enKo))
        }
    }
}
