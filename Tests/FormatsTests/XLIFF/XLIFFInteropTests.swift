import Foundation
import Testing
@testable import Formats
import TMCore

/// XLIFF written by a peer: translate-toolkit's po2xliff. XLIFFReader must read the same
/// translated pairs translate-toolkit reads from that file. Skips when translate-toolkit is absent.
@Suite struct XLIFFInteropTests {
    @Test(.enabled(if: TMXInteropTests.hasTranslateToolkit))
    func readsWhatTranslateToolkitReads() throws {
        let dir = TempDir()
        let xlf = dir.path + "/sample.xlf"
        let (status, out) = try TMXInteropTests.run(TMXInteropTests.which("python3")!, [fixture("xliff_peer_check.py"), fixture("sample.po"), xlf])
        #expect(status == 0)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String]])
        let (units, summary) = try readAll(xlf)
        #expect(units.map { [$0.source, $0.target] } == expected)
        #expect(expected.count == 5)
        #expect(summary.skipped["fuzzy"] == 1)
        #expect(units.first?.targetLanguage == ko)
    }
}
