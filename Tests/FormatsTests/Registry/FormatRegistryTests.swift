import Testing
@testable import Formats

@Suite struct FormatRegistryTests {
    @Test(arguments: [("a.tmx", "TMXReader"), ("A.TMX", "TMXReader"), ("x/y.tsv", "DelimitedReader"), ("b.tab", "DelimitedReader"),
                      ("c.txt", "DelimitedReader"), ("d.csv", "DelimitedReader"), ("e.po", "POReader"), ("e.pot", "POReader"),
                      ("f.xlf", "XLIFFReader"), ("f.xliff", "XLIFFReader"), ("f.sdlxliff", "XLIFFReader")])
    func picksReaderByExtension(path: String, type: String) throws {
        let reader = try #require(FormatRegistry.reader(for: path))
        #expect(String(describing: Swift.type(of: reader)) == type)
    }

    @Test(arguments: ["a.docx", "noext", ".tmx", "dir.tmx/file"])
    func unknownExtensionsHaveNoReader(path: String) {
        #expect(FormatRegistry.reader(for: path) == nil)
        #expect(formatError { _ = try FormatRegistry.requireReader(for: path) } == .unknownFormat(file: path))
    }
}

@Suite struct FormatErrorMessageTests {
    @Test func messagesAreOneLineNamingFileAndPosition() {
        let errors: [FormatError] = [
            .malformedXML(file: "a.tmx", line: 3, column: 7, reason: "tag not finished (code 77)"),
            .malformed(file: "a.po", line: 2, column: 1, reason: "string not closed"),
            .language(file: "a.tsv", line: 1, column: 5, code: "xx", reason: "not a known language"),
            .invalidUTF8InLine(file: "a.csv", line: 9, column: 2),
        ]
        for e in errors {
            #expect(!e.description.contains("\n"))
            #expect(e.description.hasPrefix("a.") && e.description.contains(":\(position(e)!):"))
        }
        #expect(FormatError.missingLanguage(file: "x.po", side: "target").description.hasPrefix("x.po: "))
    }
}
