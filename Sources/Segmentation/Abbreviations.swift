/// Abbreviations after which a full stop does not end a sentence, and which stay one token.
enum Abbreviations {
    /// Titles and common abbreviations: a break after them is always suppressed.
    static let always: Set<String> = [
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt",
        "Sgt", "Cpl", "Adm", "Maj", "Brig", "Cmdr", "Gens", "Sens", "Reps", "Govt", "Pres", "Amb",
        "Supt", "Insp", "Rev", "Hon", "St", "Jr", "Sr", "Mt", "Ft", "Sen", "vs", "v", "cf", "al",
        "approx", "Dept", "Univ", "Inc", "Ltd", "Corp", "Bros", "Co", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "a.m", "p.m", "viz",
    ]
    /// Abbreviations that only hold on to the next word when it is a number (`No. 5`, `p. 12`).
    static let beforeNumber: Set<String> = ["No", "Nos", "no", "Vol", "vol", "p", "pp", "Art", "art", "Fig", "fig", "Sec", "sec", "Ch", "ch", "Nr", "nr"]

    /// Whether a full stop at the end of `word` (which ends with ".") is not a sentence end,
    /// given the next non-space character.
    static func suppressesBreak(word: Substring, next: Character?) -> Bool {
        let bare = word.dropLast()
        if bare.isEmpty { return false }
        if always.contains(String(bare)) { return true }
        if beforeNumber.contains(String(bare)) { return next?.isNumber ?? false }
        if isDotted(word) { return true }
        // A single capital initial before a capitalised name: "J. Smith".
        if bare.count == 1, let c = bare.first, c.isUppercase, let n = next, n.isUppercase { return true }
        return false
    }

    /// `U.S.`, `U.K.`, `e.g.`: letters each followed by a full stop, two or more of them.
    static func isDotted<S: StringProtocol>(_ word: S) -> Bool {
        var letters = 0
        var expectLetter = true
        for c in word {
            if expectLetter {
                guard c.isLetter else { return false }
                letters += 1
            } else if c != "." {
                return false
            }
            expectLetter.toggle()
        }
        return expectLetter && letters >= 2
    }
}
