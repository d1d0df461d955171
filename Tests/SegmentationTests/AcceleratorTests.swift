import Testing
@testable import Segmentation

@Suite struct AcceleratorTests {
    let segmenter = Segmenter()

    @Test(arguments: [
        ("_Unreconcile", "Unreconcile"),
        ("I_mport Session", "Import Session"),
        ("&Open", "Open"),
        ("Sa&ve As…", "Save As…"),
        ("~Format", "Format"),
        ("시작하기(&G)", "시작하기"),
        ("열기(_O)...", "열기..."),
        ("E_xit", "Exit"),
    ])
    func acceleratorsAreLeftOutOfMatchKeys(withAccelerator: String, plain: String) {
        let a = segmenter.analyze(withAccelerator), b = segmenter.analyze(plain)
        #expect(a.keys == b.keys)
        // The text and offsets are the text's own.
        #expect(a.text == withAccelerator)
        for t in a.tokens {
            #expect(t.text == String(String.UnicodeScalarView(Array(withAccelerator.unicodeScalars)[t.start..<t.end])))
        }
    }

    @Test(arguments: ["Tom & Jerry", "file_name", "a_b_c", "R&&D", "%s_%d", "{file_name}", "~/Documents", "&amp; more", "snake__case"])
    func otherUsesOfTheMarkersAreNotAccelerators(text: String) {
        #expect(Accelerator.find(in: text) == nil)
    }

    @Test func theAcceleratorIsDescribed() {
        #expect(Accelerator.find(in: "I_mport") == Accelerator(marker: "_", key: "m", style: .inline, range: 1..<2))
        #expect(Accelerator.find(in: "파일(&F)") == Accelerator(marker: "&", key: "F", style: .suffix, range: 2..<6))
        #expect(Accelerator.removed(from: "파일(&F)...") == "파일...")
    }
}
