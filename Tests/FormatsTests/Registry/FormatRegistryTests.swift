import Testing
@testable import Formats

@Suite struct FormatRegistryTests {
    @Test(arguments: [("a.tmx", "TMXReader"), ("A.TMX", "TMXReader"), ("x/y.tsv", "DelimitedReader"), ("b.tab", "DelimitedReader"),
                      ("c.txt", "DelimitedReader"), ("d.csv", "DelimitedReader")])
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
