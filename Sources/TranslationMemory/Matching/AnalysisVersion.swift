import Segmentation
import TMCore

/// The version of the analysis a store's keys and index were built with.
///
/// It is a fingerprint: the TM's own keying version plus a hash of how the segmenter analyses
/// a fixed set of probe texts (Korean particles, endings, compounds and spacing, English
/// inflection, numbers, placeholders, tags, accelerators). Any change to segmentation, match
/// keys or index terms that would change what is stored changes the fingerprint, without
/// anyone having to remember to bump a number.
enum AnalysisVersion {
    /// Bumped when `AnalyzedSide`, `StoredToken` or `IndexTerms` change what they store.
    static let keying = 2

    static let probes = [
        "안보의 중요성을 강조했다.", "안보는 안보를", "유럽안보에 대한 극우배제에", "바탕화면 배경 바꾸기",
        "바탕 화면 배경 바꾸기(_B)", "파일을 열 수 없습니다", "트럼프에 대응했다.", "280억 달러", "설정", "지우기",
        "The negotiations were opened", "Empty the trash", "Delete the selected files", "Download 5 files",
        "Couldn't save %s to %2$d folders", "Press <b>Ctrl+S</b> to save {0}", "&Open file…", "_Save As",
        "Gen. Keith Kellogg met Mr. Smith on Jan. 5.", "U.S. $1,200.50 (approx.)", "e-mail: user@example.com",
        "１２３ ＡＢＣ", "日本語のテキスト", "Überprüfung läuft", "C:\\Program Files\\tmkit", "--min-score=75",
    ]

    /// The fingerprint for `segmenter`.
    static func fingerprint(_ segmenter: Segmenter) -> String {
        var h = FNV64()
        for text in probes {
            let side = AnalyzedSide(segmenter.analyze(text))
            for t in side.tokens {
                h.add(t.key)
                h.add(byte: 0x1F)
                h.add(String(describing: t.kind))
                h.add(byte: UInt8(truncatingIfNeeded: t.start))
                h.add(byte: UInt8(truncatingIfNeeded: t.end))
            }
            for term in IndexTerms.terms(of: side, text: text, language: "xx") {
                h.add(String(term, radix: 36))
            }
            h.add(byte: 0x1E)
        }
        return "\(keying)-" + String(UInt64(bitPattern: h.signed), radix: 16)
    }
}
