import Crypto
import Synchronization

/// Processed contexts, keyed by the context they were applied to and the local context applied.
/// Credentials repeat the same few contexts, so after the first document every context step is a lookup.
final class ContextCache: Sendable {
    struct Key: Hashable {
        let active: ObjectIdentifier
        let local: String
        let flags: UInt8
    }

    private struct Entry {
        let source: ActiveContext  // keeps `Key.active` alive, so the identifier cannot be reused
        let result: ActiveContext
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 2_048) { self.capacity = capacity }

    func lookup(_ key: Key) -> ActiveContext? { entries.withLock { $0[key]?.result } }

    func store(_ key: Key, source: ActiveContext, result: ActiveContext) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(source: source, result: result)
        }
    }
}

extension JSONLDProcessor {
    /// Context Processing (JSON-LD 1.1 API §4.1.2).
    func process(
        _ active: ActiveContext, local: JSON, base: String?, remoteContexts: [String] = [], overrideProtected: Bool = false,
        propagate: Bool = true, validateScoped: Bool = true, cacheKey: String? = nil
    ) throws(JSONLDError) -> ActiveContext {
        let flags: UInt8 = (overrideProtected ? 1 : 0) | (propagate ? 2 : 0) | (validateScoped ? 4 : 0)
        // Validation runs (validateScoped false) build throwaway contexts: keep them out of the cache.
        let key =
            remoteContexts.isEmpty && validateScoped
            ? ContextCache.Key(active: ObjectIdentifier(active), local: cacheKey ?? local.canonicalString + "|" + (base ?? ""), flags: flags) : nil
        if let key, let cached = cache.lookup(key) { return cached }
        let result = try processUncached(
            active, local: local, base: base, remoteContexts: remoteContexts, overrideProtected: overrideProtected, propagate: propagate,
            validateScoped: validateScoped)
        if let key { cache.store(key, source: active, result: result) }
        return result
    }

    private func processUncached(
        _ active: ActiveContext, local: JSON, base: String?, remoteContexts: [String], overrideProtected: Bool, propagate initialPropagate: Bool,
        validateScoped: Bool
    ) throws(JSONLDError) -> ActiveContext {
        var result = ContextDraft(active)
        var propagate = initialPropagate
        if case .object(let map) = local, let value = map["@propagate"] {
            guard case .bool(let flag) = value else { throw JSONLDError(.invalidPropagateValue, "@propagate must be true or false") }
            propagate = flag
        }
        if !propagate, result.previous == nil { result.previous = active }
        var remoteContexts = remoteContexts
        for context in local.items.isEmpty && local == .null ? [JSON.null] : local.items {
            switch context {
            case .null:
                if !overrideProtected, result.terms.values.contains(where: { $0.isProtected }) {
                    throw JSONLDError(.invalidContextNullification, "a context may not be set to null while it holds protected terms")
                }
                let previous = result.frozen
                result = ContextDraft(ActiveContext.initial(base: active.originalBase))
                if !propagate { result.previous = previous }
                continue
            case .string(let reference):
                let url = IRI.resolve(reference, against: base)
                if !validateScoped, remoteContexts.contains(url) { continue }
                guard remoteContexts.count < limits.maxRemoteContexts else {
                    throw JSONLDError(.contextOverflow, "more than \(limits.maxRemoteContexts) nested remote contexts")
                }
                remoteContexts.append(url)
                let document = try loader.context(at: url)
                guard let remote = document["@context"] else {
                    throw JSONLDError(.invalidRemoteContext, "the document at \(url) has no @context")
                }
                let processed = try process(
                    result.frozen, local: remote, base: url, remoteContexts: remoteContexts, overrideProtected: overrideProtected,
                    propagate: true, validateScoped: validateScoped)
                result = ContextDraft(processed)
                continue
            case .object:
                break
            default:
                throw JSONLDError(.invalidLocalContext, "a context must be null, a URL or an object")
            }
            guard var map = context.objectValue else { continue }
            if let version = map["@version"] {
                guard version == .number(1.1) else { throw JSONLDError(.invalidVersionValue, "@version must be 1.1") }
            }
            if let importValue = map["@import"] {
                guard case .string(let reference) = importValue else { throw JSONLDError(.invalidImportValue, "@import must be a string") }
                let url = IRI.resolve(reference, against: base)
                let document = try loader.context(at: url)
                guard case .object(let imported)? = document["@context"] else {
                    throw JSONLDError(.invalidRemoteContext, "the imported context \(url) is not an object")
                }
                guard imported["@import"] == nil else { throw JSONLDError(.invalidContextEntry, "an imported context may not import") }
                map = imported.merging(map)
                map["@import"] = nil
            }
            if let baseValue = map["@base"], remoteContexts.isEmpty {
                switch baseValue {
                case .null: result.base = nil
                case .string(let iri) where IRI.isAbsolute(iri): result.base = iri
                case .string(let iri) where result.base != nil: result.base = IRI.resolve(iri, against: result.base)
                default: throw JSONLDError(.invalidBaseIRI, "@base must be an IRI")
                }
            }
            if let vocab = map["@vocab"] {
                switch vocab {
                case .null: result.vocab = nil
                case .string(let iri):
                    var state = TermDefinitionState(draft: result, local: [:], defined: [:])
                    guard let expanded = try expandIRI(iri, state: &state, documentRelative: true, vocab: true),
                        IRI.isAbsolute(expanded) || expanded.hasPrefix("_:") || iri.isEmpty || !IRI.isAbsolute(iri)
                    else { throw JSONLDError(.invalidVocabMapping, "@vocab must be an IRI or blank node") }
                    result.vocab = expanded
                default: throw JSONLDError(.invalidVocabMapping, "@vocab must be a string or null")
                }
            }
            if let language = map["@language"] {
                switch language {
                case .null: result.defaultLanguage = nil
                case .string(let tag): result.defaultLanguage = tag.lowercased()
                default: throw JSONLDError(.invalidDefaultLanguage, "@language must be a string or null")
                }
            }
            if let direction = map["@direction"] {
                switch direction {
                case .null: result.defaultDirection = nil
                case .string("ltr"), .string("rtl"): result.defaultDirection = direction.stringValue
                default: throw JSONLDError(.invalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null")
                }
            }
            var isProtected = false
            if let protectedValue = map["@protected"] {
                guard case .bool(let flag) = protectedValue else { throw JSONLDError(.invalidProtectedValue, "@protected must be a boolean") }
                isProtected = flag
            }
            var state = TermDefinitionState(draft: result, local: map, defined: [:])
            for term in map.keys.sorted() where !Self.contextKeywords.contains(term) {
                try createTermDefinition(
                    term, state: &state, base: base, isProtected: isProtected, overrideProtected: overrideProtected,
                    remoteContexts: remoteContexts, validateScoped: validateScoped)
            }
            result = state.draft
        }
        return result.frozen
    }

    static let contextKeywords: Set<String> = ["@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab"]

    /// Create Term Definition (JSON-LD 1.1 API §4.2.2).
    func createTermDefinition(
        _ term: String, state: inout TermDefinitionState, base: String?, isProtected protectedDefault: Bool, overrideProtected: Bool,
        remoteContexts: [String], validateScoped: Bool
    ) throws(JSONLDError) {
        if let done = state.defined[term] {
            if done { return }
            throw JSONLDError(.cyclicIRIMapping, "the term \(term) is defined in terms of itself")
        }
        guard !term.isEmpty else { throw JSONLDError(.invalidTermDefinition, "a term may not be empty") }
        state.defined[term] = false
        let value = state.local[term] ?? .null
        if term == "@type" {
            guard case .object(let map) = value, !map.isEmpty,
                map.keys.allSatisfy({ $0 == "@container" || $0 == "@protected" }),
                map["@container"] == nil || map["@container"] == "@set"
            else { throw JSONLDError(.keywordRedefinition, "@type may only be given @container: @set and @protected") }
        } else if Keyword.isKeyword(term) {
            throw JSONLDError(.keywordRedefinition, "the keyword \(term) cannot be redefined")
        } else if Keyword.hasKeywordForm(term) {
            state.defined[term] = true
            return
        }
        let previous = state.draft.terms.removeValue(forKey: term)
        var map: JSONObject
        var isSimple = false
        switch value {
        case .null: map = ["@id": .null]
        case .string(let iri):
            map = ["@id": .string(iri)]
            isSimple = true
        case .object(let object): map = object
        default: throw JSONLDError(.invalidTermDefinition, "the definition of \(term) must be null, a string or an object")
        }
        var definition = TermDefinition()
        definition.isProtected = protectedDefault
        if let protectedValue = map["@protected"] {
            guard case .bool(let flag) = protectedValue else { throw JSONLDError(.invalidProtectedValue, "@protected of \(term) must be a boolean") }
            definition.isProtected = flag
        }
        if let typeValue = map["@type"] {
            guard case .string(let type) = typeValue else { throw JSONLDError(.invalidTypeMapping, "@type of \(term) must be a string") }
            let expanded = try expandIRI(type, state: &state, documentRelative: false, vocab: true, base: base)
            guard let expanded, ["@id", "@json", "@none", "@vocab"].contains(expanded) || (IRI.isAbsolute(expanded) && !expanded.hasPrefix("_:"))
            else { throw JSONLDError(.invalidTypeMapping, "@type of \(term) must be @id, @json, @none, @vocab or an IRI") }
            definition.typeMapping = expanded
        }
        if let reverse = map["@reverse"] {
            guard map["@id"] == nil, map["@nest"] == nil else {
                throw JSONLDError(.invalidReverseProperty, "\(term) may not have @id or @nest with @reverse")
            }
            guard case .string(let reverseIRI) = reverse else { throw JSONLDError(.invalidIRIMapping, "@reverse of \(term) must be a string") }
            if Keyword.hasKeywordForm(reverseIRI) {
                state.defined[term] = true
                return
            }
            guard let expanded = try expandIRI(reverseIRI, state: &state, documentRelative: false, vocab: true, base: base), expanded.contains(":")
            else { throw JSONLDError(.invalidIRIMapping, "@reverse of \(term) must expand to an IRI") }
            definition.iri = expanded
            if let container = map["@container"] {
                guard container == .null || container == "@set" || container == "@index" else {
                    throw JSONLDError(.invalidReverseProperty, "a reverse property's container must be @set or @index")
                }
                if let keyword = container.stringValue, let parsed = Container(keyword: keyword) { definition.container = parsed }
            }
            definition.isReverse = true
            state.draft.terms[term] = definition
            state.defined[term] = true
            return
        }
        if let idValue = map["@id"], idValue != .string(term) {
            switch idValue {
            case .null:
                definition.iri = nil
            case .string(let id):
                if !Keyword.isKeyword(id), Keyword.hasKeywordForm(id) {
                    state.defined[term] = true
                    return
                }
                guard let expanded = try expandIRI(id, state: &state, documentRelative: false, vocab: true, base: base),
                    Keyword.isKeyword(expanded) || IRI.isAbsolute(expanded) || expanded.hasPrefix("_:")
                else { throw JSONLDError(.invalidIRIMapping, "\(term) must map to an IRI, a blank node or a keyword") }
                guard expanded != "@context" else { throw JSONLDError(.invalidKeywordAlias, "@context cannot be aliased") }
                definition.iri = expanded
                let inner = term.dropFirst().dropLast()
                if inner.contains(":") || term.contains("/") {
                    state.defined[term] = true
                    let own = try expandIRI(term, state: &state, documentRelative: false, vocab: true, base: base)
                    guard own == expanded else {
                        throw JSONLDError(.invalidIRIMapping, "the compact IRI \(term) must expand to its own @id")
                    }
                }
                if !term.contains(":"), !term.contains("/"), isSimple,
                    let last = expanded.utf8.last, expanded.hasPrefix("_:") || Self.genDelims.contains(last)
                {
                    definition.isPrefix = true
                }
            default:
                throw JSONLDError(.invalidIRIMapping, "@id of \(term) must be a string or null")
            }
        } else if term.dropFirst().contains(":"), let colon = term.firstIndex(of: ":") {
            let prefix = String(term[..<colon])
            let suffix = term[term.index(after: colon)...]
            if state.local[prefix] != nil {
                try createTermDefinition(
                    prefix, state: &state, base: base, isProtected: protectedDefault, overrideProtected: overrideProtected,
                    remoteContexts: remoteContexts, validateScoped: validateScoped)
            }
            if let prefixDefinition = state.draft.terms[prefix], let prefixIRI = prefixDefinition.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            guard let expanded = try expandIRI(term, state: &state, documentRelative: false, vocab: true, base: base), IRI.isAbsolute(expanded)
            else { throw JSONLDError(.invalidIRIMapping, "the relative IRI term \(term) does not expand to an IRI") }
            definition.iri = expanded
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocab = state.draft.vocab {
            definition.iri = vocab + term
        } else {
            throw JSONLDError(.invalidIRIMapping, "the term \(term) has no IRI and the context has no @vocab")
        }
        if let containerValue = map["@container"] {
            var container: Container = []
            for item in containerValue.items {
                guard let keyword = item.stringValue, let parsed = Container(keyword: keyword) else {
                    throw JSONLDError(.invalidContainerMapping, "the container of \(term) is not valid")
                }
                container.insert(parsed)
            }
            guard Self.validContainers.contains(container.rawValue) else {
                throw JSONLDError(.invalidContainerMapping, "the container combination of \(term) is not allowed")
            }
            definition.container = container
            if container.contains(.type) {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw JSONLDError(.invalidTypeMapping, "a @type container needs @type @id or @vocab")
                }
            }
        }
        if let indexValue = map["@index"] {
            guard definition.container.contains(.index), case .string(let index) = indexValue else {
                throw JSONLDError(.invalidTermDefinition, "@index of \(term) needs an @index container and a string")
            }
            guard let expanded = try expandIRI(index, state: &state, documentRelative: false, vocab: true, base: base), IRI.isAbsolute(expanded)
            else { throw JSONLDError(.invalidTermDefinition, "@index of \(term) must expand to an IRI") }
            definition.index = index
        }
        if let scoped = map["@context"] {
            if validateScoped {
                do {
                    _ = try process(
                        state.draft.frozen, local: scoped, base: base, remoteContexts: remoteContexts, overrideProtected: true,
                        validateScoped: false)
                } catch {
                    throw JSONLDError(.invalidScopedContext, "the scoped context of \(term) is invalid: \(error.detail)")
                }
            }
            definition.localContext = scoped
            definition.localContextBase = base
            // A short digest keys the cache: hashing a multi-kilobyte context string on every node would cost more than the lookup saves.
            definition.localContextKey = "scoped:" + Hex.encode(SHA256.hash(data: scoped.canonicalBytes + Array((base ?? "").utf8)).prefix(16))
        }
        if let language = map["@language"], map["@type"] == nil {
            switch language {
            case .null: definition.language = .some(nil)
            case .string(let tag): definition.language = .some(tag.lowercased())
            default: throw JSONLDError(.invalidLanguageMapping, "@language of \(term) must be a string or null")
            }
        }
        if let direction = map["@direction"], map["@type"] == nil {
            switch direction {
            case .null: definition.direction = .some(nil)
            case .string("ltr"), .string("rtl"): definition.direction = .some(direction.stringValue)
            default: throw JSONLDError(.invalidBaseDirection, "@direction of \(term) must be \"ltr\", \"rtl\" or null")
            }
        }
        if let nest = map["@nest"] {
            guard case .string(let nestTerm) = nest, nestTerm == "@nest" || !Keyword.isKeyword(nestTerm) else {
                throw JSONLDError(.invalidNestValue, "@nest of \(term) must be a term or @nest")
            }
            definition.nest = nestTerm
        }
        if let prefix = map["@prefix"] {
            guard !term.contains(":"), !term.contains("/") else {
                throw JSONLDError(.invalidTermDefinition, "\(term) cannot be a prefix: it contains ':' or '/'")
            }
            guard case .bool(let flag) = prefix else { throw JSONLDError(.invalidPrefixValue, "@prefix of \(term) must be a boolean") }
            definition.isPrefix = flag
            if flag, let iri = definition.iri, Keyword.isKeyword(iri) {
                throw JSONLDError(.invalidTermDefinition, "a keyword alias cannot be a prefix")
            }
        }
        if let unknown = map.keys.first(where: { !Self.termDefinitionKeys.contains($0) }) {
            throw JSONLDError(.invalidTermDefinition, "\(term) has the unknown entry \(unknown)")
        }
        if !overrideProtected, let previous, previous.isProtected {
            guard definition.sameMeaning(as: previous) else {
                throw JSONLDError(.protectedTermRedefinition, "the protected term \(term) cannot be redefined")
            }
            definition = previous
        }
        state.draft.terms[term] = definition
        state.defined[term] = true
    }

    static let genDelims: Set<UInt8> = Set(":/?#[]@".utf8)
    static let termDefinitionKeys: Set<String> = [
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix", "@protected", "@type",
    ]
    /// @list, @set, @index, @language, @id, @type, @graph and the combinations §4.2.2 step 19 allows.
    static let validContainers: Set<UInt8> = {
        let singles: [Container] = [.list, .set, .index, .language, .id, .type, .graph]
        var valid = Set(singles.map(\.rawValue))
        valid.insert(0)
        for extra in [Container.index, .id, .type, .language] { valid.insert(Container.set.union(extra).rawValue) }
        for extra in [Container.id, .index] {
            valid.insert(Container.graph.union(extra).rawValue)
            valid.insert(Container.graph.union(extra).union(.set).rawValue)
        }
        valid.insert(Container.graph.union(.set).rawValue)
        return valid
    }()
}

/// What Create Term Definition works on: the context being built, the local context, and which terms are done.
struct TermDefinitionState {
    var draft: ContextDraft
    var local: JSONObject
    var defined: [String: Bool]
}
