import ArgumentParser
import Formats
import Foundation
import Segmentation
import TMCore

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split text into sentences, and optionally tokens with kind, script and match key.",
        discussion: """
        Reads each FILE (or standard input when none is given or FILE is -) and prints one \
        sentence per line. Korean particles and endings are split from their stems and \
        compounds into their parts; stems are learned from the surrounding text (the input is \
        read in blocks of about 2 MB of whole lines, so memory stays small for any size), from \
        the optional lexicons, and from the system's Korean dictionary (hunspell-ko) if \
        installed.

        With --tokens, each sentence is followed by its tokens, one per line, indented by a \
        tab: text, kind, script and match key, separated by tabs.

        With --format json, each sentence is one JSON object on its own line:
          {"sentence": "...", "tokens": [{"text": "...", "start": 0, "end": 3,
            "kind": "word", "script": "Hangul", "key": "..."}]}
        start and end count Unicode code points from the start of the sentence (end is \
        exclusive), so they index the sentence as Python strings do. Kinds: word, number, \
        particle, ending, punctuation, symbol, placeholder.

        Examples:
          tmkit segment seeds/002_19ba1f540136ba9f.txt
          echo '유럽안보 협상 장기화, 트럼프에 대응했다.' | tmkit segment --tokens
          tmkit segment --format json --lexicon terms.txt notes.txt
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Text files to read (default: standard input).")
    var files: [String] = []

    @Flag(help: "Print every token with its kind, script and match key.")
    var tokens = false

    @Option(help: "Output format: text or json (JSON Lines, one sentence per line).")
    var format: Format = .text

    @Option(name: .customLong("lexicon"), help: "A file of known Korean words, one per line (repeatable).")
    var lexicons: [String] = []

    @Flag(help: "Do not use the system's Korean dictionary (hunspell-ko).")
    var noSystemLexicon = false

    func run() throws {
        var lexicon = noSystemLexicon ? KoreanLexicon() : KoreanLexicon.standard
        do {
            for path in lexicons { try lexicon.addFile(at: path) }
        } catch {
            fail(error)
        }
        let segmenter = Segmenter(lexicon: lexicon)
        var out = OutputBuffer()
        for file in files.isEmpty ? ["-"] : files {
            do {
                let reader = try TextChunkReader(path: file)
                try segmenter.analyzeBlocks(reader.next) { segment in
                    switch format {
                    case .json: out.write(SegmentJSON.line(segment))
                    case .text: out.write(SegmentText.lines(segment, tokens: tokens))
                    }
                }
            } catch {
                out.flush()
                fail(error)
            }
        }
        out.flush()
    }
}

/// The text layout of `tmkit segment`.
enum SegmentText {
    static func lines(_ segment: Segment, tokens: Bool) -> String {
        var s = segment.text
        s.append("\n")
        guard tokens else { return s }
        for t in segment.tokens {
            s.append("\t")
            s.append(t.text)
            s.append("\t")
            s.append(t.kind.rawValue)
            s.append("\t")
            s.append(t.script.rawValue)
            s.append("\t")
            s.append(t.key)
            s.append("\n")
        }
        s.append("\n")
        return s
    }
}

/// The JSON Lines layout of `tmkit segment --format json`.
enum SegmentJSON {
    static func line(_ segment: Segment) -> String {
        var s = "{\"sentence\":"
        JSONText.append(segment.text, to: &s)
        s += ",\"tokens\":["
        for (i, t) in segment.tokens.enumerated() {
            if i > 0 { s += "," }
            s += "{\"text\":"
            JSONText.append(t.text, to: &s)
            s += ",\"start\":\(t.start),\"end\":\(t.end),\"kind\":\"\(t.kind.rawValue)\",\"script\":\"\(t.script.rawValue)\",\"key\":"
            JSONText.append(t.key, to: &s)
            s += "}"
        }
        return s + "]}\n"
    }
}

/// Minimal, fast JSON string escaping.
enum JSONText {
    static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
