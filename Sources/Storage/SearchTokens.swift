import RecognitionCore

/// The filter values a listing is found by, written as tokens into the same text index as its words (`p:nz-ecnz`,
/// `lang:th`, `l:nzqcf:4`…), so a word and its filters are matched together by the index (postings
/// intersected) rather than by visiting every listing that holds a common word. A token with a `:` never comes from
/// text (`SearchText` keeps letters and digits only), so no query can name one.
///
/// The SQL filters still decide (`SQLRegistryStore.filters`): tokens only narrow what the index hands over.
enum SearchTokens {
    /// The tokens of one listing, from its provider's country and QA status.
    static func of(_ item: Microcredential, country: String, qaStatus: String) -> [String] {
        var tokens = ["p:" + clean(item.providerID.rawValue), "c:" + clean(country), "qa:" + clean(qaStatus), "s:" + item.status.rawValue]
        if let level = item.level {
            tokens += ["f:" + clean(level.framework.rawValue), "l:\(clean(level.framework.rawValue)):\(level.level)", "lv:\(level.level)"]
        }
        if let mode = item.mode { tokens.append("m:" + mode.rawValue) }
        if let language = item.language { tokens.append("lang:" + clean(language)) }
        return tokens
    }

    /// Groups a listing must match, one token of each (an empty list when no filter of `query` is a token), the most
    /// selective first.
    static func groups(_ query: RegistryQuery) -> [[String]] {
        var groups: [[String]] = []
        if let provider = query.provider { groups.append(["p:" + clean(provider.rawValue)]) }
        if let country = query.country { groups.append(["c:" + clean(country)]) }
        if let status = query.qaStatus { groups.append(["qa:" + status.rawValue]) }
        if let status = query.status { groups.append(["s:" + status.rawValue]) }
        if let framework = query.framework {
            if let range = query.levelRange, range.count <= 20 {
                groups.append(range.map { "l:\(clean(framework.rawValue)):\($0)" })
            } else {
                groups.append(["f:" + clean(framework.rawValue)])
            }
        } else if let range = query.levelRange, range.count <= 20 {
            groups.append(range.map { "lv:\($0)" })
        }
        if let mode = query.mode { groups.append(["m:" + mode.rawValue]) }
        if let language = query.language { groups.append(["lang:" + clean(language)]) }
        // Left to SQL: a credit range (a group of a token per credit costs more to merge than it narrows) and the
        // public statuses of an ordinary search (nearly every listing holds one).
        return groups
    }

    /// Lower-case letters, digits and `-` (ids and codes are already; anything else becomes `-`).
    static func clean(_ value: String) -> String {
        String(
            value.lowercased().unicodeScalars.map { scalar in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" ? Character(scalar) : "-"
            })
    }
}
