extension JSONLDProcessor {
    /// IRI Expansion (JSON-LD 1.1 API §5.2) against a finished active context.
    func expandIRI(_ value: String, in context: ActiveContext, documentRelative: Bool = false, vocab: Bool = false) -> String? {
        if Keyword.startsLikeOne(value) { return expandIRI(value, definition: nil, in: context, documentRelative: documentRelative, vocab: vocab) }
        // Without `vocab`, a term only matters when it aliases a keyword (step 4): a short list, not a lookup of a whole IRI.
        if !vocab {
            if let keyword = context.keyword(aliasedBy: value) { return keyword }
            return Self.expandIRITail(
                value, terms: context.terms, vocabMapping: context.vocab, base: context.base, documentRelative: documentRelative, vocab: false)
        }
        return expandIRI(value, definition: context.terms[value], in: context, documentRelative: documentRelative, vocab: vocab)
    }

    /// IRI Expansion with the value's term definition already looked up (nil when it has none).
    func expandIRI(_ value: String, definition: TermDefinition?, in context: ActiveContext, documentRelative: Bool = false, vocab: Bool = false)
        -> String?
    {
        if Keyword.isKeyword(value) { return value }
        if Keyword.hasKeywordForm(value) { return nil }
        if let definition {
            if let iri = definition.iri, Keyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        return Self.expandIRITail(
            value, terms: context.terms, vocabMapping: context.vocab, base: context.base, documentRelative: documentRelative, vocab: vocab)
    }

    /// IRI Expansion while a local context is processed: terms it mentions are defined first.
    func expandIRI(
        _ value: String, state: inout TermDefinitionState, documentRelative: Bool, vocab: Bool, base: String? = nil
    ) throws(JSONLDError) -> String? {
        if Keyword.isKeyword(value) { return value }
        if Keyword.hasKeywordForm(value) { return nil }
        if state.local[value] != nil, state.defined[value] != true {
            try createTermDefinition(
                value, state: &state, base: base, isProtected: state.local["@protected"] == .bool(true), overrideProtected: false, remoteContexts: [],
                validateScoped: true)
        }
        if let definition = state.draft.terms[value] {
            if let iri = definition.iri, Keyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        if let colon = value.firstIndex(of: ":"), colon != value.startIndex {
            let prefix = String(value[..<colon])
            if state.local[prefix] != nil, state.defined[prefix] != true {
                try createTermDefinition(
                    prefix, state: &state, base: base, isProtected: state.local["@protected"] == .bool(true), overrideProtected: false,
                    remoteContexts: [], validateScoped: true)
            }
        }
        return Self.expandIRITail(
            value, terms: state.draft.terms, vocabMapping: state.draft.vocab, base: state.draft.base, documentRelative: documentRelative, vocab: vocab
        )
    }

    /// Steps 6–9 of IRI Expansion: compact IRIs, absolute IRIs, the vocabulary mapping, the base IRI.
    static func expandIRITail(
        _ value: String, terms: [String: TermDefinition], vocabMapping: String?, base: String?, documentRelative: Bool, vocab: Bool
    ) -> String? {
        let bytes = value.utf8
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let suffix = bytes[bytes.index(after: colon)...]
            if bytes.distance(from: bytes.startIndex, to: colon) == 1 && bytes.first == UInt8(ascii: "_") { return value }
            if suffix.starts(with: "//".utf8) { return value }
            if let definition = terms[String(value[..<colon])], let iri = definition.iri, definition.isPrefix { return iri + Substring(suffix) }
            if IRI.isAbsolute(value) { return value }
        }
        if vocab, let vocabMapping { return vocabMapping + value }
        if documentRelative { return IRI.resolve(value, against: base) }
        return value
    }
}
