/// Light English lemmatizing for match keys: plural nouns to singular and possessives
/// dropped (`negotiations` -> `negotiation`, `Russia's` -> `russia`). Verbs keep their form.
public enum EnglishLemmatizer {
    static let irregular: [String: String] = [
        "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
        "mice": "mouse", "geese": "goose", "criteria": "criterion", "phenomena": "phenomenon",
        "analyses": "analysis", "indices": "index", "matrices": "matrix", "vertices": "vertex",
        "theses": "thesis", "crises": "crisis", "bases": "base", "axes": "axis", "lives": "life",
        "wives": "wife", "knives": "knife", "leaves": "leaf", "halves": "half", "selves": "self",
        "shelves": "shelf", "wolves": "wolf", "thieves": "thief", "people": "people",
    ]
    /// Words that end in `s` without being plural.
    static let keep: Set<String> = [
        "news", "series", "species", "always", "perhaps", "whereas", "hers", "its", "yes", "this",
        "thus", "was", "has", "is", "does", "his", "us", "as", "plus", "bus", "gas", "lens", "chaos",
        "ethos", "bias", "atlas", "alias", "canvas", "towards", "afterwards", "besides", "less",
        "unless", "across", "various", "yours", "ours", "theirs", "whose", "mathematics", "physics",
        "politics", "economics", "statistics", "analytics", "graphics", "ethics", "tactics", "logistics",
        "diabetes", "herpes", "apparatus", "status", "campus", "virus", "bonus", "focus", "census",
        "consensus", "corpus", "genus", "nexus", "radius", "stimulus", "syllabus", "thesaurus",
        "kansas", "texas", "paris", "athens", "brussels", "wales", "christmas", "means", "whereas",
        "kudos", "pros", "cons", "dos", "os", "macos", "ios", "gis", "dns", "css", "https", "aws",
    ]

    /// The lemma of a lower-cased, folded English word.
    public static func lemma(_ word: String) -> String {
        var w = word
        // Possessives: russia's, russians'
        if w.hasSuffix("'s") && w.count > 2 { w.removeLast(2) }
        else if w.hasSuffix("'") && w.count > 2 && w.dropLast().hasSuffix("s") { w.removeLast() }
        if let irr = irregular[w] { return irr }
        guard w.count > 3, w.hasSuffix("s"), !keep.contains(w) else { return w }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") || w.hasSuffix("ous") { return w }
        if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("zzes") {
            return String(w.dropLast(2))
        }
        if w.hasSuffix("'") { return w }
        return String(w.dropLast())
    }
}
