/// A registry search: free text plus filters, one page at a time.
public struct RegistryQuery: Sendable, Equatable {
    public static let maxPageSize = 100
    public static let maxTextLength = 200
    /// Text queries rank at most this many matches (filters applied first): the bound that keeps broad queries fast.
    public static let candidateLimit = 200
    /// Filter-only counts stop here; pages show "1,000+" beyond it (counting further would scan the table).
    public static let countLimit = 1_000

    public var text: String?
    public var country: String?
    public var provider: Provider.ID?
    public var framework: Framework.ID?
    public var levelRange: ClosedRange<Int>?
    public var creditsRange: ClosedRange<Double>?
    public var mode: Microcredential.Mode?
    public var language: String?
    public var qaStatus: QAStanding.Status?
    public var status: Microcredential.Status?
    /// Which listings the caller may see; the registry sets it from the caller, never from the request.
    public var visibility: Visibility = .published
    public var page: Int
    public var pageSize: Int

    public init(
        text: String? = nil, country: String? = nil, provider: Provider.ID? = nil, framework: Framework.ID? = nil,
        levelRange: ClosedRange<Int>? = nil, creditsRange: ClosedRange<Double>? = nil, mode: Microcredential.Mode? = nil,
        language: String? = nil, qaStatus: QAStanding.Status? = nil, status: Microcredential.Status? = nil,
        page: Int = 1, pageSize: Int = 20
    ) {
        self.text = text
        self.country = country
        self.provider = provider
        self.framework = framework
        self.levelRange = levelRange
        self.creditsRange = creditsRange
        self.mode = mode
        self.language = language
        self.qaStatus = qaStatus
        self.status = status
        self.page = page
        self.pageSize = pageSize
    }

    /// The tokens of `text` that search engines match (`SearchText`: normalised, folded, pairs of characters in Chinese,
    /// Japanese and Thai), at most 8; a word written with a leading `-` is excluded instead (`forestry -roads`).
    public var terms: [String] { Self.words(text, excluded: false) }

    /// The words a listing must not contain: those written `-word`, at most 8.
    public var excludedTerms: [String] { Self.words(text, excluded: true) }

    /// True when the text holds something but no word (punctuation, emoji): such a query matches nothing.
    public var hasNoWords: Bool {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return false }
        return terms.isEmpty && excludedTerms.isEmpty
    }

    static func words(_ text: String?, excluded: Bool) -> [String] {
        guard let text else { return [] }
        let tokens = text.split(whereSeparator: \.isWhitespace).filter { ($0.count > 1 && $0.hasPrefix("-")) == excluded }
        return Array(tokens.flatMap { SearchText.tokens(String($0)) }.prefix(8))
    }

    public var offset: Int { (page - 1) * pageSize }
}

/// Which listings a search may return.
public enum Visibility: Sendable, Equatable {
    /// Public listings only (`Microcredential.Status.isPublic`).
    case published
    /// Public listings and every listing of one provider (its staff).
    case publishedAnd(Provider.ID)
    /// Everything (admins).
    case everything

    /// What `caller` may see.
    public init(for caller: Account?) {
        if caller.may(.reviewMicrocredentials) {
            self = .everything
        } else if case .providerStaff(let provider)? = caller?.role {
            self = .publishedAnd(provider)
        } else {
            self = .published
        }
    }

    public func allows(_ item: Microcredential) -> Bool {
        switch self {
        case .everything: true
        case .published: item.status.isPublic
        case .publishedAnd(let provider): item.status.isPublic || item.providerID == provider
        }
    }
}

/// One page of results with the total count of matches.
public struct SearchPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var page: Int
    public var pageSize: Int
    /// True when counting stopped at a limit: there are at least `total` matches.
    public var totalIsCapped: Bool

    public init(items: [Item], total: Int, page: Int, pageSize: Int, totalIsCapped: Bool = false) {
        self.items = items
        self.total = total
        self.totalIsCapped = totalIsCapped
        self.page = page
        self.pageSize = pageSize
    }

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

/// A search hit: the listing with its provider's name, country and QA status.
public struct RegistryHit: Sendable, Equatable, Codable {
    public var microcredential: Microcredential
    public var providerName: String
    public var country: String
    public var qaStatus: QAStanding.Status

    public init(microcredential: Microcredential, providerName: String, country: String, qaStatus: QAStanding.Status) {
        self.microcredential = microcredential
        self.providerName = providerName
        self.country = country
        self.qaStatus = qaStatus
    }
}
