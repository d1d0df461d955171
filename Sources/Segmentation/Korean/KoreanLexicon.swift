import Foundation
import TMCore

/// Known Korean words that compounds may be split into and that particles may be split from.
///
/// tmkit has no hand-written list of nouns. Its lexicon is the union of what the user gives
/// (`--lexicon FILE`, `$TMKIT_HOME/lexicon.txt`: one word per line, `#` comments) and, when
/// installed, the nouns of the system's Korean Hunspell dictionary (Debian's `hunspell-ko`).
/// On top of it, `StemEvidence` learns stems from the text being processed.
public struct KoreanLexicon: Sendable {
    /// The words, NFC.
    public private(set) var words: Set<String>
    /// Where the words came from, for `tmkit segment --explain` and error messages.
    public private(set) var sources: [String]

    public init(words: Set<String> = [], sources: [String] = []) {
        self.words = words
        self.sources = sources
    }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    public mutating func add(_ word: String) { words.insert(word) }

    /// Adds the words of a user lexicon file: one word per line (a tab and anything after it
    /// is ignored), blank lines and lines starting with `#` skipped.
    public mutating func addFile(at path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SegmentationError.lexicon(path: path, line: 0, reason: "cannot read the lexicon file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SegmentationError.lexicon(path: path, line: 0, reason: "the lexicon is not valid UTF-8")
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.split(separator: "\t").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            if word.isEmpty || word.hasPrefix("#") { continue }
            words.insert(word.precomposedStringWithCanonicalMapping)
        }
        sources.append(path)
    }

    /// Adds the nouns of a Hunspell dictionary in the layout of `hunspell-ko` (words stored
    /// as conjoining jamo, noun entries flagged 10 or 25).
    public mutating func addHunspellNouns(at path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var first = true
            var jamo: [Unicode.Scalar] = []
            for i in 0...b.count where i == b.count || b[i] == 0x0A {
                defer { lineStart = i + 1 }
                if first { first = false; continue }  // the entry count
                guard let slash = (lineStart..<i).first(where: { b[$0] == 0x2F }) else { continue }
                // Noun entries carry flag 10 or 25 in the comma-separated flag list.
                var isNoun = false
                var flag = 0
                for k in (slash + 1)...i {
                    if k == i || b[k] == 0x2C || b[k] == 0x0D || b[k] == 0x09 || b[k] == 0x20 {
                        if flag == 10 || flag == 25 { isNoun = true; break }
                        flag = 0
                        if k == i || b[k] != 0x2C { break }
                    } else if b[k] >= 0x30 && b[k] <= 0x39 {
                        flag = flag * 10 + Int(b[k] - 0x30)
                    }
                }
                guard isNoun else { continue }
                jamo.removeAll(keepingCapacity: true)
                for scalar in String(decoding: UnsafeBufferPointer(rebasing: b[lineStart..<slash]), as: UTF8.self).unicodeScalars {
                    jamo.append(scalar)
                }
                let word = Hangul.composeJamo(jamo)
                if !word.isEmpty, word.unicodeScalars.allSatisfy(Hangul.isSyllable) { words.insert(word) }
            }
        }
        sources.append(path)
        return true
    }

    /// Where the system's Korean Hunspell dictionary is looked for.
    public static let hunspellPaths = ["/usr/share/hunspell/ko.dic", "/usr/share/hunspell/ko_KR.dic", "/usr/share/myspell/dicts/ko.dic"]

    /// The system lexicon (`hunspell-ko` if installed) plus `$TMKIT_HOME/lexicon.txt` if present.
    /// `TMKIT_NO_SYSTEM_LEXICON=1` leaves the Hunspell dictionary out.
    public static let standard: KoreanLexicon = {
        var lexicon = KoreanLexicon()
        let env = ProcessInfo.processInfo.environment
        if env["TMKIT_NO_SYSTEM_LEXICON"] != "1" {
            for path in hunspellPaths where lexicon.addHunspellNouns(at: path) { break }
        }
        let user = TMKitHome.path + "/lexicon.txt"
        if FileManager.default.fileExists(atPath: user) { try? lexicon.addFile(at: user) }
        return lexicon
    }()
}

