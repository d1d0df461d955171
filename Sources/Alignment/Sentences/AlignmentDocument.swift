import TMCore

/// One side of a document pair: its paragraphs, its language and the name used in messages.
public struct AlignmentDocument: Sendable {
    /// The file name (or any label) that error messages name.
    public var name: String
    public var language: LanguageTag
    public var paragraphs: [DocumentParagraph]

    public init(name: String, language: LanguageTag, paragraphs: [DocumentParagraph]) {
        self.name = name
        self.language = language
        self.paragraphs = paragraphs
    }

    /// Reads `text` as `format` (paragraphs extracted, syntax stripped).
    public init(name: String, language: LanguageTag, text: String, format: DocumentFormat) {
        self.init(name: name, language: language, paragraphs: format.paragraphs(of: text))
    }
}

/// How many letters of a text are in each script: enough to tell Korean from English.
public struct ScriptProfile: Sendable {
    public private(set) var letters: [Script: Int] = [:]
    public private(set) var total = 0

    public init<S: Sequence>(_ texts: S) where S.Element == String {
        for text in texts {
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    guard (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) else { continue }
                } else if !scalar.properties.isAlphabetic {
                    continue
                }
                let script = Script.of(scalar)
                guard script != .common && script != .digits else { continue }
                letters[script, default: 0] += 1
                total += 1
            }
        }
    }

    /// The share of letters in `script` (0 when there are none).
    public func share(_ script: Script) -> Double {
        total == 0 ? 0 : Double(letters[script] ?? 0) / Double(total)
    }

    /// The script with the most letters.
    public var dominant: Script? { letters.max { $0.value < $1.value }?.key }

    /// The script a language is written in, for the languages whose script tells them apart.
    public static func script(of language: LanguageTag) -> Script? {
        switch language.language {
        case "ko": return .hangul
        case "ja": return .kana
        case "zh": return .han
        case "ru", "uk", "bg", "sr", "be", "kk", "mk": return .cyrillic
        case "el": return .greek
        case "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl", "cs", "tr", "vi", "id", "ms", "ro", "hu":
            return .latin
        default: return nil
        }
    }

    static func name(of script: Script) -> String {
        switch script {
        case .hangul: return "Korean (Hangul)"
        case .latin: return "Latin script"
        case .han: return "Chinese (Han)"
        case .kana: return "Japanese (Kana)"
        default: return script.rawValue
        }
    }
}
