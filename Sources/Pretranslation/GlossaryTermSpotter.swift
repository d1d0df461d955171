import Foundation
import Segmentation
import TMCore
import Terminology

/// Spots the terms of one or more glossaries, in whichever direction the run goes: a ko→en
/// glossary serves an en→ko run with its sides swapped.
public struct GlossaryTermSpotter: TermSpotter, Sendable {
    private let spotters: [String: InMemoryTermSpotter]

    /// Builds the spotters for `pair` (and only it) from `glossaries`.
    public init(glossaries: [Glossary], pairs: [LanguagePair], segmenter: Segmenter = Segmenter()) {
        var spotters: [String: InMemoryTermSpotter] = [:]
        for pair in Set(pairs) {
            var terms: [InMemoryTermSpotter.Term] = []
            for g in glossaries {
                if g.sourceLanguage.sameLanguage(as: pair.source) && g.targetLanguage.sameLanguage(as: pair.target) {
                    terms += g.entries.map { .init($0.source, [$0.target]) }
                } else if g.sourceLanguage.sameLanguage(as: pair.target) && g.targetLanguage.sameLanguage(as: pair.source) {
                    terms += g.entries.map { .init($0.target, [$0.source]) }
                }
            }
            spotters[Self.key(pair)] = InMemoryTermSpotter(terms, segmenter: segmenter)
        }
        self.spotters = spotters
    }

    /// Terms known for `pair`.
    public func count(for pair: LanguagePair) -> Int { spotters[Self.key(pair)]?.count ?? 0 }

    public func terms(in segment: String, languages: LanguagePair) -> [SpottedTerm] {
        spotters[Self.key(languages)]?.terms(in: segment, languages: languages) ?? []
    }

    private static func key(_ p: LanguagePair) -> String { "\(p.source.language)>\(p.target.language)" }

    /// The glossaries read by default: the `.tbx` files in `Glossary/` of the current folder,
    /// and `$TMKIT_HOME/glossary.tbx`, those that exist.
    public static var defaultPaths: [String] {
        var paths: [String] = []
        let fm = FileManager.default
        let folder = fm.currentDirectoryPath + "/Glossary"
        if let names = try? fm.contentsOfDirectory(atPath: folder) {
            paths += names.filter { $0.lowercased().hasSuffix(".tbx") }.sorted().map { folder + "/" + $0 }
        }
        let user = TMKitHome.path + "/glossary.tbx"
        if fm.fileExists(atPath: user) { paths.append(user) }
        return paths
    }
}
