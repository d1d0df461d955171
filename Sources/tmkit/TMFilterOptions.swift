import ArgumentParser
import Foundation
import TMCore
import TranslationMemory

/// `--source-lang` and `--target-lang` of the `tm` commands that choose entries by language:
/// `tm lookup` (the query's language and the translations wanted) and the filters.
struct TMLanguageOptions: ParsableArguments {
    @Option(name: .customLong("source-lang"), help: "Source language (en also matches en-US): entries whose source is in it; in a lookup, the query's language (default: ko for Hangul text, else the memory's other language).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language: entries whose target is in it; in a lookup, the language of the translations wanted.")
    var targetLanguage: String?

    /// The source language, validated.
    var source: LanguageTag? { languageOption(sourceLanguage, "--source-lang") }

    /// The target language, validated.
    var target: LanguageTag? { languageOption(targetLanguage, "--target-lang") }
}

/// The filters `tm list`, `tm export`, `tm delete` and `tm memory merge` share.
struct TMFilterOptions: ParsableArguments {
    @OptionGroup var languages: TMLanguageOptions

    @Option(help: "Only entries dated on or after this day (YYYY-MM-DD, UTC); the date is the changed, else created, else imported date.")
    var since: String?

    @Option(help: "Only entries dated before this day (YYYY-MM-DD, UTC).")
    var until: String?

    @Option(help: "Only entries created or last changed by this user.")
    var user: String?

    @Option(help: "Only entries imported from this file (a path, or the end of one, such as memory.tmx).")
    var origin: String?

    @Option(help: "Only entries with this property: TYPE or TYPE=VALUE.")
    var property: String?

    @Option(help: "Only entries whose source or target contains this text.")
    var text: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Self.day(value) == nil { throw ValidationError("\(flag) \(value): expected a date such as 2024-05-31.") }
        }
        if let p = property, p.isEmpty || p.hasPrefix("=") { throw ValidationError("--property \(p): expected TYPE or TYPE=VALUE.") }
    }

    static func day(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    var filter: TMFilter {
        var f = TMFilter(
            sourceLanguage: languages.source, targetLanguage: languages.target,
            since: since.flatMap(Self.day), until: until.flatMap(Self.day), user: user, origin: origin, text: text)
        if let p = property {
            let parts = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            f.propertyType = String(parts[0])
            f.propertyValue = parts.count > 1 ? String(parts[1]) : nil
        }
        return f
    }
}
