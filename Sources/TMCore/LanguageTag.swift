import Foundation

/// A BCP 47 language tag such as `en`, `ko`, `en-US`, `ko-KR`, `zh-Hant-TW`.
///
/// Validated on creation: a primary language subtag of 2-3 letters followed by subtags of
/// 1-8 letters or digits. `isKnownLanguage` checks the primary subtag against ISO 639.
public struct LanguageTag: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The tag as given, with the canonical case (`en-US`, `zh-Hant`).
    public let code: String

    /// Parses a tag; returns nil when it is not a well-formed BCP 47 tag.
    public init?(_ raw: String) {
        let parts = raw.replacingUnderscores().split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var out = [first.lowercased()]
        for (i, part) in parts.dropFirst().enumerated() {
            guard (1...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            if i == 0 && part.count == 4 && part.allSatisfy(\.isLetter) {
                out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else if part.count == 2 && part.allSatisfy(\.isLetter) {
                out.append(part.uppercased())
            } else {
                out.append(part.lowercased())
            }
        }
        code = out.joined(separator: "-")
    }

    /// The primary language subtag, lowercased (`en` for `en-US`).
    public var language: String { String(code.split(separator: "-").first ?? "") }

    /// Whether the primary language is an ISO 639 code that the system knows (`xx` is not).
    public var isKnownLanguage: Bool { Self.knownLanguages.contains(language) }

    private static let knownLanguages: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// Whether two tags name the same language (`en` matches `en-US`).
    public func sameLanguage(as other: LanguageTag) -> Bool { language == other.language }

    public var description: String { code }

    public static let english = LanguageTag("en")!
    public static let korean = LanguageTag("ko")!
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
