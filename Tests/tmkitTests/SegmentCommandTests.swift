import Foundation
import Testing

/// End-to-end runs of `tmkit segment`.
@Suite struct SegmentCommandTests {
    @Test func segmentsASeedFileOneSentencePerLine() throws {
        let r = try TMKitProcess.run(["segment", "seeds/000_4c23fdcbcb8a8f20.txt"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 34)
        #expect(lines.contains("However, Trump’s top Ukraine-Russia envoy, General Keith Kellogg, rejected the deal, saying “I think we need to come up with something completely new.”"))
        #expect(lines.contains("U.S. OFFICIALS APPEAR DIVIDED."))
    }

    @Test func readsStandardInputAndPrintsTokens() throws {
        let r = try TMKitProcess.run(["segment", "--tokens", "--no-system-lexicon"], stdin: Data("유럽 트럼프 관세\n푸틴 트럼프에 대응했다.\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout.contains("\t트럼프\tword\tHangul\t트럼프\n\t에\tparticle\tHangul\t에\n"))
        #expect(r.stdout.contains("\t대응\tword\tHangul\t대응\n\t했다\tending\tHangul\t했다\n"))
    }

    @Test func jsonLinesHaveTheDocumentedShape() throws {
        let r = try TMKitProcess.run(["segment", "--format", "json", "-"], stdin: Data("Gen. Kellogg met “him”. 280억 유로를 %s\n".utf8))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(first["sentence"] as? String == "Gen. Kellogg met “him”.")
        let tokens = try #require(first["tokens"] as? [[String: Any]])
        #expect(tokens.first?["text"] as? String == "Gen.")
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
        let t2 = try #require(second["tokens"] as? [[String: Any]])
        #expect(t2.map { $0["key"] as! String } == ["28000000000", "유로", "를", "%s"])
        #expect(t2.map { $0["kind"] as! String } == ["number", "word", "particle", "placeholder"])
        #expect(t2[0]["start"] as? Int == 0 && t2[0]["end"] as? Int == 4 && t2[0]["script"] as? String == "Mixed")
    }

    @Test func invalidUTF8NamesTheFileLineAndColumn() throws {
        let file = try TMKitProcess.file("bad.txt", Data("ok line\n안보".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8))
        let r = try TMKitProcess.run(["segment", file.path])
        #expect(r.status == 1)
        #expect(r.stderr == "tmkit: \(file.path):2:3: invalid UTF-8\n")
    }

    @Test func anEmptyFileGivesNoOutput() throws {
        let file = try TMKitProcess.file("empty.txt", Data())
        let r = try TMKitProcess.run(["segment", "--tokens", file.path])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
    }

    @Test func aBinaryFileIsRefused() throws {
        let file = try TMKitProcess.file("image.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]))
        let r = try TMKitProcess.run(["segment", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tmkit: \(file.path):3:1: looks like a binary file"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func aMissingFileIsAOneLineError() throws {
        let r = try TMKitProcess.run(["segment", "no/such/file.txt"])
        #expect(r.status == 1)
        #expect(r.stderr == "tmkit: no/such/file.txt: cannot read: no such file\n")
    }

    @Test func aTenMegabyteSingleLineWorks() throws {
        var line = ""
        let words = ["유럽안보를", "negotiations", "U.S.", "280억", "협상했다,", "%s", "the", "트럼프에"]
        var i = 0
        while line.utf8.count < 10_000_000 {
            line += words[i % words.count] + " "
            i += 1
        }
        let file = try TMKitProcess.file("huge.txt", Data(line.utf8))
        let r = try TMKitProcess.run(["segment", "--format", "json", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("{\"sentence\":\"유럽안보를 negotiations"))
        // Memory stays bounded: a line longer than a block (2 MB) is cut after a space, and
        // no text is lost.
        let sentences = try r.stdout.split(separator: "\n").map {
            try #require((try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["sentence"] as? String)
        }
        #expect(sentences.count >= 5 && sentences.count <= 8)
        #expect(sentences.joined(separator: " ") == String(line.dropLast()))
    }

    @Test func helpExplainsCommandsWithExamples() throws {
        let top = try TMKitProcess.run(["--help"])
        #expect(top.status == 0 && top.stdout.contains("segment"))
        let help = try TMKitProcess.run(["help", "segment"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("--tokens"))
    }
}
