import Foundation
import Testing
@testable import Formats

/// Block reading for `tmkit segment`: whole lines, bounded blocks, errors at file offsets.
@Suite struct TextChunkReaderTests {
    func blocks(_ path: String, size: Int) throws -> [String] {
        let reader = try TextChunkReader(path: path, blockSize: size)
        var out: [String] = []
        while let b = try reader.next() { out.append(b) }
        return out
    }

    @Test func blocksEndAtLineBreaksAndLoseNothing() throws {
        let dir = TempDir()
        var text = ""
        for i in 0..<500 { text += "줄 \(i): 유럽안보 협상, line \(i).\r\n" }
        let path = dir.write("lines.txt", "\u{FEFF}" + text)
        let blocks = try blocks(path, size: 1000)
        #expect(blocks.count > 10)
        #expect(blocks.dropLast().allSatisfy { $0.unicodeScalars.last == "\n" && $0.utf8.count <= 1000 })
        #expect(blocks.joined() == text)
    }

    @Test func aLineLongerThanABlockIsCutAfterASentenceEndOrASpace() throws {
        let dir = TempDir()
        let line = String(repeating: "트럼프에 대응했다. 협상 장기화 ", count: 400)
        let path = dir.write("long.txt", line)
        let blocks = try blocks(path, size: 1024)
        #expect(blocks.count > 5)
        #expect(blocks.joined() == line)
        #expect(blocks.dropLast().allSatisfy { $0.hasSuffix(". ") })
        let noSpace = String(repeating: "가나다라마바사", count: 300)
        let cut = try self.blocks(dir.write("run.txt", noSpace), size: 1000)
        #expect(cut.joined() == noSpace)
        #expect(cut.allSatisfy { $0.utf8.count <= 1000 })
    }

    @Test func decomposedHangulIsNotCutInsideASyllable() throws {
        let dir = TempDir()
        let nfd = String(repeating: "한국어", count: 200).decomposedStringWithCanonicalMapping
        let cut = try blocks(dir.write("nfd.txt", nfd), size: 100)
        #expect(cut.joined() == nfd)
        #expect(cut.allSatisfy { $0.unicodeScalars.first.map { $0.value >= 0x1100 && $0.value <= 0x1112 } ?? false })
    }

    @Test func invalidUTF8InALaterBlockNamesItsLineAndColumn() throws {
        let dir = TempDir()
        let head = String(repeating: "ok line\n", count: 300)
        let path = dir.write("bad.txt", Data(head.utf8) + Data([0x41, 0xC3, 0x28, 0x0A]))
        let reader = try TextChunkReader(path: path, blockSize: 256)
        #expect(throws: FormatError.invalidUTF8InLine(file: path, line: 301, column: 2)) {
            while try reader.next() != nil {}
        }
        // In a long line cut across blocks, the column counts characters from its start.
        let long = dir.write("long.txt", Data(("안보" + String(repeating: "x", count: 600)).utf8) + Data([0xFF]))
        #expect(throws: FormatError.invalidUTF8InLine(file: long, line: 1, column: 603)) {
            let r = try TextChunkReader(path: long, blockSize: 256)
            while try r.next() != nil {}
        }
        #expect(throws: FormatError.invalidUTF8InLine(file: "t", line: 2, column: 3)) {
            _ = try TextFileReader.decode(Data("a\n안b".utf8) + Data([0xFE]), file: "t")
        }
    }

    @Test func utf16WithABOMIsDecodedAndServedInBlocks() throws {
        let dir = TempDir()
        let text = String(repeating: "Open the file. 파일을 엽니다.\n", count: 100)
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        let blocks = try blocks(dir.write("u16.txt", data), size: 512)
        #expect(blocks.count > 2)
        #expect(blocks.joined() == text)
    }

    @Test func aMissingFileAndANULByteAreErrors() throws {
        let dir = TempDir()
        #expect(throws: FormatError.unreadable(file: dir.path + "/none.txt", reason: "no such file")) {
            _ = try TextChunkReader(path: dir.path + "/none.txt")
        }
        let path = dir.write("bin.txt", Data([0x41, 0x42, 0x00, 0x43]))
        #expect(throws: FormatError.binary(file: path, line: 1, column: 3, byteOffset: 2)) { _ = try blocks(path, size: 100) }
        // Named by line and column across blocks: the NUL is on line 3, after "가나" (2 characters).
        let later = dir.write("bin2.txt", Data((String(repeating: "abc\n", count: 2) + "가나").utf8) + Data([0x00]))
        #expect(throws: FormatError.binary(file: later, line: 3, column: 3, byteOffset: 14)) { _ = try blocks(later, size: 4) }
    }
}
