/// The built-in inventory of Korean particles and endings: grammar, not vocabulary.
enum KoreanSuffixes {
    typealias A = KoreanSuffix.Attachment

    /// All suffixes, by their text. One text may be several suffixes (`는` is a topic particle
    /// after a vowel and a verb ending after a consonant: `그는`, `있는`).
    static let byText: [String: [KoreanSuffix]] = {
        var table: [String: [KoreanSuffix]] = [:]
        func add(_ text: String, _ kind: KoreanSuffix.Kind, _ a: A, strong: Bool, minStem: Int = 1) {
            let suffix = KoreanSuffix(text: text, kind: kind, attachment: a, strong: strong, minStem: minStem)
            if table[text]?.contains(where: { $0.attachment == a }) == true { return }
            table[text, default: []].append(suffix)
        }
        // Case and topic particles, with their allomorphs.
        for (t, a, s) in [
            ("은", A.afterConsonant, true), ("는", .afterVowel, true), ("을", .afterConsonant, true), ("를", .afterVowel, true),
            ("이", .afterConsonant, false), ("가", .afterVowel, false), ("과", .afterConsonant, false), ("와", .afterVowel, false),
            ("으로", .afterConsonantNotRieul, true), ("로", .afterVowelOrRieul, false),
            ("의", .any, false), ("에", .any, false), ("도", .any, false), ("만", .any, false), ("께", .any, false),
            ("에서", .any, true), ("에게", .any, true), ("에게서", .any, true), ("께서", .any, true), ("한테", .any, true),
            ("한테서", .any, true), ("까지", .any, true), ("부터", .any, true), ("보다", .any, true), ("처럼", .any, true),
            ("마저", .any, true), ("조차", .any, true), ("마다", .any, true), ("밖에", .any, true), ("뿐", .any, false),
            ("대로", .any, false), ("이나", .afterConsonant, false), ("나", .afterVowel, false), ("이랑", .afterConsonant, true),
            ("랑", .afterVowel, false), ("이며", .afterConsonant, true), ("며", .afterVowel, false),
            ("으로서", .afterConsonantNotRieul, true), ("로서", .afterVowelOrRieul, true),
            ("으로써", .afterConsonantNotRieul, true), ("로써", .afterVowelOrRieul, true),
            ("이라는", .afterConsonant, true), ("라는", .afterVowel, true), ("이라고", .afterConsonant, true),
            ("라고", .afterVowel, true), ("이라도", .afterConsonant, true), ("라도", .afterVowel, true),
            ("이란", .afterConsonant, true), ("란", .afterVowel, true), ("이나마", .afterConsonant, true),
            ("이든", .afterConsonant, true), ("이야", .afterConsonant, true),
        ] as [(String, A, Bool)] {
            add(t, .particle, a, strong: s)
        }
        // Particle combinations: first particle + topic/additive/genitive/limiting particle.
        let firsts: [(String, A)] = [
            ("에", .any), ("에서", .any), ("에게", .any), ("께서", .any), ("한테", .any), ("까지", .any), ("부터", .any),
            ("으로", .afterConsonantNotRieul), ("로", .afterVowelOrRieul), ("과", .afterConsonant), ("와", .afterVowel),
            ("보다", .any), ("만", .any), ("에서부터", .any),
        ]
        for (f, a) in firsts {
            for second in ["는", "도", "만", "의", "부터", "까지", "은", "을", "이"] {
                let combo = f + second
                // 만은/만을/만이 are fine; 는 after a vowel-final first particle, 은 after consonant-final.
                if (second == "은" || second == "을" || second == "이") && f != "만" { continue }
                add(combo, .particle, a, strong: true)
            }
        }
        // Copula on nouns.
        for t in ["이다", "입니다", "이고", "이었다", "이었습니다", "이지만", "이므로", "이어야", "이었고", "이었으며", "일까", "입니까", "이죠", "이에요"] {
            add(t, .ending, .any, strong: true)
        }
        for t in ["였다", "였습니다", "였으며", "였고", "였던"] { add(t, .ending, .afterVowel, strong: true) }
        // Copula forms that only follow a derivation such as 적 (see `afterDerivationOnly`).
        for t in ["인", "일", "임", "이라"] { add(t, .ending, .any, strong: true) }
        // 하다 and 되다 derivations (협상하다, 협상했다, 배제된): the stem is the noun before them.
        let ha = [
            "하다", "한다", "하는", "하고", "하며", "하면", "하여", "하지", "하기", "하게", "하도록", "하려면", "하려고", "하던",
            "하자", "하십시오", "하세요", "하시오", "하시겠습니까", "하기로", "하는지", "하지만", "하므로", "하여야", "해야",
            "해서", "해도", "해요", "해", "한", "할", "함", "합니다", "합니까", "했다", "했고", "했으며", "했습니다", "했던",
            "했는지", "했지만", "했을", "했으나", "하였다", "하였고", "하였으며", "하였습니다", "하였던", "할지", "할까",
            "할까요", "하나", "하여서", "하기에", "하기를", "하기는", "하기도", "하신", "하실", "합시다", "하십니까", "할수록",
            "하면서", "하거나", "하든", "한데", "하느라", "하다가", "함으로써", "했음", "함을", "함에", "함이", "한지", "할때",
            "하겠습니다", "하겠다", "했기", "하기가", "하기위해", "하기위한", "하는데", "했는데", "하므로", "할수", "하시",
        ]
        let doe = [
            "되다", "된다", "되는", "되고", "되며", "되면", "되어", "되지", "되기", "되게", "되도록", "되었다", "되었습니다",
            "되었으며", "되었고", "되었던", "됐다", "됐고", "됐으며", "됐습니다", "됩니다", "됩니까", "된", "될", "됨", "돼",
            "돼서", "돼야", "되어야", "되어서", "되었는지", "되는지", "되지만", "되므로", "되면서", "되거나", "되던", "되었을",
            "될지", "될까", "될수록", "되었음", "됐던", "되어있습니다", "되어있는", "되어", "되었거나", "되지않았습니다",
            "시키다", "시킨", "시키는", "시켰다", "시켜", "시킵니다", "받다", "받은", "받는", "받았다", "받습니다",
        ]
        for t in ha + doe { add(t, .ending, .any, strong: true, minStem: 2) }
        // Verb and adjective endings on a verb stem (없습니다, 있는, 찾았다).
        for (t, a, s) in [
            ("습니다", A.afterConsonant, true), ("습니까", .afterConsonant, true), ("는", .afterConsonant, true),
            ("었다", .any, true), ("았다", .any, true), ("었습니다", .any, true), ("았습니다", .any, true),
            ("었고", .any, true), ("았고", .any, true), ("었으며", .any, true), ("았으며", .any, true), ("었던", .any, true),
            ("았던", .any, true), ("었는지", .any, true), ("었을", .any, true), ("겠습니다", .any, true), ("겠다", .any, true),
            ("는다", .afterConsonant, true), ("지만", .any, true), ("면서", .any, true), ("으며", .afterConsonant, true),
            ("으면", .afterConsonant, true), ("어서", .any, true), ("아서", .any, true), ("어야", .any, true), ("아야", .any, true),
            ("도록", .any, true), ("려면", .afterVowelOrRieul, true), ("으려면", .afterConsonant, true), ("려고", .afterVowelOrRieul, true),
            ("으려고", .afterConsonant, true), ("십시오", .afterVowelOrRieul, true), ("으십시오", .afterConsonant, true),
            ("세요", .afterVowelOrRieul, true), ("으세요", .afterConsonant, true), ("는지", .any, true), ("는데", .any, true),
            ("으니까", .afterConsonant, true), ("니까", .afterVowel, false), ("고", .any, false), ("지", .any, false),
            ("기", .any, false), ("게", .any, false), ("던", .any, false), ("다", .afterVowel, false), ("면", .afterVowel, false),
            ("거나", .any, true), ("는가", .any, true), ("음", .afterConsonant, false), ("째", .any, true),
            ("어", .afterConsonant, false), ("아", .afterConsonant, false)
        ] as [(String, A, Bool)] {
            add(t, .ending, a, strong: s)
        }
        return table
    }()

    /// Adverbs and conjunctions that look like a stem with a particle (`또는` is not `또` + `는`).
    static let functionWords: Set<String> = [
        "또는", "혹은", "또한", "그리고", "그러나", "하지만", "그런데", "따라서", "그래서", "아니면", "그러면",
        "그러므로", "만약", "만일", "이미", "다시", "아직", "모두", "함께", "가장", "매우", "너무", "이런", "그런",
        "저런", "어떤", "모든", "다른", "이후", "이전", "현재", "한",
    ]

    /// Weak particles common enough to split from an unknown stem of two or more syllables.
    static let guessable: Set<String> = ["의", "에", "이", "가", "와", "과", "로", "도", "만", "음"]

    /// For each suffix length, the scalars suffixes of that length start with: a cheap filter
    /// before a candidate suffix string is built.
    static let firstScalarsByLength: [Int: Set<Unicode.Scalar>] = {
        var table: [Int: Set<Unicode.Scalar>] = [:]
        for text in byText.keys {
            let scalars = Array(text.unicodeScalars)
            table[scalars.count, default: []].insert(scalars[0])
        }
        return table
    }()

    /// The scalars suffixes end with.
    static let lastScalars: Set<Unicode.Scalar> = Set(byText.keys.compactMap { $0.unicodeScalars.last })

    /// The longest suffix, in scalars.
    static let maxLength: Int = byText.keys.map { $0.unicodeScalars.count }.max() ?? 1

    /// Derivational suffixes split from a stem of two or more syllables (`장기화`, `가능성`, `사람들`).
    static let derivations: Set<Unicode.Scalar> = ["화", "적", "성", "들", "님"]

    /// The derivations that make a word of their own, kept in its key (`장기화`, `중요성`, `기술적`).
    static let nounDerivations: Set<Unicode.Scalar> = ["화", "적", "성"]

    /// Endings that only follow a derivation (`기본적인`, `기본적으로`).
    static let afterDerivationOnly: Set<String> = ["인", "일", "임", "이라", "이라는"]

    /// Number counters that follow digits (`30일`, `2022년`, `3명`).
    static let counters: Set<String> = [
        "년", "월", "일", "시", "분", "초", "개", "명", "번", "차", "세", "원", "달러", "유로", "위", "층", "회", "건",
        "장", "권", "대", "척", "개월", "주", "주년", "시간", "퍼센트", "배", "살", "킬로", "톤", "점", "가지", "줄",
        "바이트", "픽셀", "초간", "분간", "일간", "년간", "개국", "대의", "천", "백", "십",
    ]
}
