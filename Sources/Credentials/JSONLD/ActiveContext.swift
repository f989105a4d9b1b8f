/// The containers a term may declare (JSON-LD 1.1 §4.2.2 step 19).
struct Container: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let list = Container(rawValue: 1)
    static let set = Container(rawValue: 2)
    static let index = Container(rawValue: 4)
    static let language = Container(rawValue: 8)
    static let id = Container(rawValue: 16)
    static let type = Container(rawValue: 32)
    static let graph = Container(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@index": self = .index
        case "@language": self = .language
        case "@id": self = .id
        case "@type": self = .type
        case "@graph": self = .graph
        default: return nil
        }
    }
}

/// One term definition. `iri` nil is a term explicitly mapped to null.
///
/// A class, so that looking a term up costs one retain rather than a copy of a dozen fields: expansion looks up every key
/// of every object. Create Term Definition fills one in, and once it is stored in a context it is never changed again
/// (hence `@unchecked Sendable`).
final class TermDefinition: @unchecked Sendable {
    var iri: String? {
        didSet { iriIsWellFormed = iri.map(IRI.isWellFormed) ?? false }
    }
    var isPrefix = false
    var isProtected = false
    var isReverse = false
    var typeMapping: String?
    var container: Container = []
    /// nil: not set (use the default); .some(nil): explicitly null.
    var language: String??
    var direction: String??
    var nest: String?
    var index: String?
    /// A scoped context, its base URL, and a key that identifies it in the context cache.
    var localContext: JSON?
    var localContextBase: String?
    var localContextKey: String?
    /// Whether RDF can hold `iri` (`IRI.isWellFormed`), worked out when `iri` is set rather than for every statement.
    private(set) var iriIsWellFormed = false

    /// Equality ignoring `isProtected`, as the protected-term rule compares definitions.
    func sameMeaning(as other: TermDefinition) -> Bool {
        iri == other.iri && isPrefix == other.isPrefix && isReverse == other.isReverse && typeMapping == other.typeMapping
            && container == other.container && language == other.language && direction == other.direction && nest == other.nest
            && index == other.index && localContext == other.localContext && localContextBase == other.localContextBase
            && localContextKey == other.localContextKey
    }
}

/// An active context (JSON-LD 1.1 §4.1). Immutable once built, so it can be shared and cached by identity.
final class ActiveContext: Sendable {
    let base: String?
    let originalBase: String?
    let vocab: String?
    let defaultLanguage: String?
    let defaultDirection: String?
    let terms: [String: TermDefinition]
    let previous: ActiveContext?
    /// Terms defined as a keyword alias ("type" → "@type", "id" → "@id"): a handful at most, so a list beats a lookup.
    let keywordAliases: [(term: String, keyword: String)]

    init(
        base: String?, originalBase: String?, vocab: String?, defaultLanguage: String?, defaultDirection: String?,
        terms: [String: TermDefinition], previous: ActiveContext?
    ) {
        self.base = base
        self.originalBase = originalBase
        self.vocab = vocab
        self.defaultLanguage = defaultLanguage
        self.defaultDirection = defaultDirection
        self.terms = terms
        self.previous = previous
        keywordAliases = terms.compactMap { term, definition in
            definition.iri.flatMap { Keyword.isKeyword($0) ? (term, $0) : nil }
        }.sorted { $0.term < $1.term }
    }

    /// The keyword `term` is an alias of, if it is one.
    func keyword(aliasedBy term: String) -> String? { keywordAliases.first { $0.term == term }?.keyword }

    static func initial(base: String?) -> ActiveContext {
        ActiveContext(base: base, originalBase: base, vocab: nil, defaultLanguage: nil, defaultDirection: nil, terms: [:], previous: nil)
    }
}

/// A mutable copy of an active context while a local context is being processed.
struct ContextDraft {
    var base: String?
    var originalBase: String?
    var vocab: String?
    var defaultLanguage: String?
    var defaultDirection: String?
    var terms: [String: TermDefinition]
    var previous: ActiveContext?

    init(_ context: ActiveContext) {
        base = context.base
        originalBase = context.originalBase
        vocab = context.vocab
        defaultLanguage = context.defaultLanguage
        defaultDirection = context.defaultDirection
        terms = context.terms
        previous = context.previous
    }

    var frozen: ActiveContext {
        ActiveContext(
            base: base, originalBase: originalBase, vocab: vocab, defaultLanguage: defaultLanguage, defaultDirection: defaultDirection,
            terms: terms, previous: previous)
    }
}

enum Keyword {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index", "@json", "@language",
        "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
        "@default", "@embed", "@explicit", "@omitDefault", "@requireAll",
    ]

    static func isKeyword(_ value: String) -> Bool { value.utf8.first == UInt8(ascii: "@") && all.contains(value) }

    /// A keyword, or a reserved keyword form: IRI expansion gives it back or drops it without looking at terms.
    static func startsLikeOne(_ value: String) -> Bool {
        value.utf8.first == UInt8(ascii: "@") && (all.contains(value) || hasKeywordForm(value))
    }

    /// "@" followed by one or more ASCII letters: reserved for future keywords, ignored with a warning.
    static func hasKeywordForm(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.first == UInt8(ascii: "@"), bytes.count > 1 else { return false }
        return bytes.dropFirst().allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }
}
