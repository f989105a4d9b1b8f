/// JSON-LD 1.1 expansion and conversion to RDF over an offline context loader.
///
/// Processed contexts are cached inside the processor, so keep one processor and reuse it:
/// after the first credential, context processing costs a dictionary lookup.
public struct JSONLDProcessor: Sendable {
    public struct Limits: Sendable {
        public var maxRemoteContexts: Int
        public var maxDepth: Int
        public init(maxRemoteContexts: Int = 32, maxDepth: Int = 64) {
            self.maxRemoteContexts = maxRemoteContexts
            self.maxDepth = maxDepth
        }
    }

    let loader: any ContextLoader
    let cache: ContextCache
    let limits: Limits
    /// One shared empty context: the cache is keyed by context identity, so every document must start from the same one.
    let initialContext = ActiveContext.initial(base: nil)

    public init(loader: any ContextLoader = BundledContexts.shared, limits: Limits = Limits()) {
        self.loader = loader
        self.cache = ContextCache()
        self.limits = limits
    }

    /// The expanded form of `document` (JSON-LD 1.1 API §5.1), always an array of node objects.
    public func expand(_ document: JSON, base: String? = nil) throws(JSONLDError) -> [JSON] {
        var expansion = Expansion(processor: self)
        let start = base == nil ? initialContext : ActiveContext.initial(base: base)
        let expanded = try expansion.expand(start, property: nil, element: document, base: base)
        if case .object(let map)? = expanded, map.count == 1, let graph = map["@graph"] { return graph.items }
        return expanded?.items ?? []
    }

    /// The RDF dataset of `document` (JSON-LD 1.1 API §8.1, without generalized RDF, rdfDirection null).
    public func toRDF(_ document: JSON, base: String? = nil) throws(JSONLDError) -> [Quad] {
        var seen = Set<Quad>()
        return try statements(document, base: base).filter { seen.insert($0).inserted }
    }

    /// The statements in the order they were produced, possibly repeated (the canonicalizer removes repeats itself).
    func statements(_ document: JSON, base: String? = nil) throws(JSONLDError) -> [Quad] {
        var writer = RDFWriter()
        for node in try expand(document, base: base) { _ = writer.node(node, graph: nil) }
        return writer.quads
    }
}

/// One run of the Expansion Algorithm (§5.1.2).
struct Expansion {
    let processor: JSONLDProcessor
    var depth = 0

    init(processor: JSONLDProcessor) { self.processor = processor }

    mutating func expand(
        _ initialContext: ActiveContext, property: String?, element: JSON, base: String?, fromMap: Bool = false
    ) throws(JSONLDError) -> JSON? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= processor.limits.maxDepth else { throw JSONLDError(.tooDeep, "the document nests deeper than \(processor.limits.maxDepth) levels") }
        var active = initialContext
        let propertyDefinition = property.flatMap { active.terms[$0] }
        let propertyScoped = propertyDefinition?.localContext
        switch element {
        case .null:
            return nil
        case .bool, .number, .string:
            if property == nil || property == "@graph" { return nil }
            if let propertyScoped, let definition = propertyDefinition {
                active = try processor.process(active, local: propertyScoped, base: definition.localContextBase, cacheKey: definition.localContextKey)
            }
            return try expandValue(active, property: property!, value: element)
        case .array(let items):
            var result: [JSON] = []
            let isList = propertyDefinition?.container.contains(.list) == true
            for item in items {
                guard var expanded = try expand(active, property: property, element: item, base: base, fromMap: fromMap) else { continue }
                if isList, case .array = expanded { expanded = ["@list": expanded] }
                if case .array(let inner) = expanded { result.append(contentsOf: inner) } else { result.append(expanded) }
            }
            return .array(result)
        case .object(let element):
            return try expandObject(active, property: property, element: element, base: base, fromMap: fromMap)
        }
    }

    private mutating func expandObject(
        _ initialContext: ActiveContext, property: String?, element: [String: JSON], base: String?, fromMap: Bool
    ) throws(JSONLDError) -> JSON? {
        var active = initialContext
        let propertyDefinition = property.flatMap { initialContext.terms[$0] }
        // Step 7: a non-propagated (type-scoped) context reverts when we enter a new node object.
        if let previous = active.previous, !fromMap {
            var revert = true
            for key in element.keys where processor.expandIRI(key, in: active, vocab: true) == "@value" { revert = false }
            if element.count == 1, let key = element.keys.first, processor.expandIRI(key, in: active, vocab: true) == "@id" { revert = false }
            if revert { active = previous }
        }
        if let definition = propertyDefinition, let scoped = definition.localContext {
            active = try processor.process(
                active, local: scoped, base: definition.localContextBase, overrideProtected: true, cacheKey: definition.localContextKey)
        }
        if let local = element["@context"] { active = try processor.process(active, local: local, base: base) }
        let typeScoped = active
        var inputType: String?
        // Keys that expand to @type, in lexicographic order (usually just "type" or "@type").
        let typeKeys = element.keys.filter { processor.expandIRI($0, in: active, vocab: true) == "@type" }.sorted()
        for key in typeKeys {
            let types = element[key]!.items.compactMap(\.stringValue).sorted()
            for type in types {
                if let definition = typeScoped.terms[type], let scoped = definition.localContext {
                    active = try processor.process(
                        active, local: scoped, base: definition.localContextBase, propagate: false, cacheKey: definition.localContextKey)
                }
            }
            if let last = types.last { inputType = processor.expandIRI(last, in: typeScoped, documentRelative: true, vocab: true) }
        }
        var result: [String: JSON] = [:]
        try expandMembers(
            element, into: &result, active: active, typeScoped: typeScoped, property: property, inputType: inputType, base: base)
        // Steps 15–19: value, set and list objects, and dropping what cannot stand alone.
        if let value = result["@value"] {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            guard result.keys.allSatisfy(allowed.contains),
                result["@type"] == nil || (result["@language"] == nil && result["@direction"] == nil)
            else { throw JSONLDError(.invalidValueObject, "a value object may only hold @value, @type, @language, @direction, @index") }
            if result["@type"] == "@json" {
                // kept as is
            } else if value == .null {
                return nil
            } else if !(value.stringValue != nil), result["@language"] != nil {
                throw JSONLDError(.invalidLanguageTaggedValue, "only strings can have a language")
            } else if let type = result["@type"] {
                guard case .string(let typeIRI) = type, IRI.isAbsolute(typeIRI), !typeIRI.hasPrefix("_:") else {
                    throw JSONLDError(.invalidTypedValue, "a typed value's @type must be an IRI")
                }
            }
        } else if let type = result["@type"], type.arrayValue == nil {
            result["@type"] = .array([type])
        } else if result["@set"] != nil || result["@list"] != nil {
            guard result.count <= (result["@index"] != nil ? 2 : 1) else {
                throw JSONLDError(.invalidSetOrListObject, "@set and @list objects may only carry @index besides")
            }
            if let set = result["@set"] { return set }
        }
        if result.count == 1, result["@language"] != nil { return nil }
        if property == nil || property == "@graph" {
            if result.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1, result["@id"] != nil { return nil }
        }
        return .object(result)
    }

    /// Step 13 (and 14 for @nest): each entry of the element, expanded into `result`.
    private mutating func expandMembers(
        _ element: [String: JSON], into result: inout [String: JSON], active: ActiveContext, typeScoped: ActiveContext, property: String?,
        inputType: String?, base: String?
    ) throws(JSONLDError) {
        var nests: [String] = []
        // Entry order does not change the RDF (or any result Accord uses), so no sort here; nests are still taken in order.
        for (key, value) in element where key != "@context" {
            guard let expandedProperty = processor.expandIRI(key, in: active, vocab: true),
                expandedProperty.contains(":") || Keyword.isKeyword(expandedProperty)
            else { continue }
            if Keyword.isKeyword(expandedProperty) {
                if property == "@reverse" { throw JSONLDError(.invalidReversePropertyMap, "a reverse map may not hold keywords") }
                if result[expandedProperty] != nil, expandedProperty != "@included", expandedProperty != "@type" {
                    throw JSONLDError(.collidingKeywords, "\(expandedProperty) appears twice in one object")
                }
                var expandedValue: JSON?
                switch expandedProperty {
                case "@id":
                    guard case .string(let id) = value else { throw JSONLDError(.invalidIdValue, "@id must be a string") }
                    expandedValue = processor.expandIRI(id, in: active, documentRelative: true).map(JSON.string) ?? .null
                case "@type":
                    let types = value.items
                    guard types.allSatisfy({ $0.stringValue != nil }), value.isScalar || value.arrayValue != nil else {
                        throw JSONLDError(.invalidTypeValue, "@type must be a string or an array of strings")
                    }
                    var expanded = types.map { type in
                        processor.expandIRI(type.stringValue!, in: typeScoped, documentRelative: true, vocab: true).map(JSON.string) ?? .null
                    }
                    if let existing = result["@type"] { expanded = existing.items + expanded }
                    expandedValue = value.arrayValue != nil || expanded.count > 1 ? .array(expanded) : expanded[0]
                case "@graph":
                    expandedValue = .array(try expand(active, property: "@graph", element: value, base: base)?.items ?? [])
                case "@included":
                    let included = try expand(active, property: nil, element: value, base: base)?.items ?? []
                    guard included.allSatisfy({ $0["@value"] == nil && $0["@list"] == nil && $0.objectValue != nil }) else {
                        throw JSONLDError(.invalidIncludedValue, "@included must hold node objects")
                    }
                    expandedValue = .array((result["@included"]?.items ?? []) + included)
                case "@value":
                    if inputType == "@json" {
                        expandedValue = value
                    } else {
                        guard value.isScalar || value == .null else {
                            throw JSONLDError(.invalidValueObjectValue, "@value must be a string, number, boolean or null")
                        }
                        expandedValue = value
                        if value == .null {
                            result["@value"] = .null
                            continue
                        }
                    }
                case "@language":
                    guard case .string(let language) = value else {
                        throw JSONLDError(.invalidLanguageTaggedString, "@language must be a string")
                    }
                    expandedValue = .string(language.lowercased())
                case "@direction":
                    guard value == "ltr" || value == "rtl" else { throw JSONLDError(.invalidBaseDirection, "@direction must be ltr or rtl") }
                    expandedValue = value
                case "@index":
                    guard value.stringValue != nil else { throw JSONLDError(.invalidIndexValue, "@index must be a string") }
                    expandedValue = value
                case "@list":
                    if property == nil || property == "@graph" { continue }
                    expandedValue = .array(try expand(active, property: property, element: value, base: base)?.items ?? [])
                case "@set":
                    expandedValue = try expand(active, property: property, element: value, base: base)
                case "@reverse":
                    guard value.objectValue != nil else { throw JSONLDError(.invalidReverseValue, "@reverse must be an object") }
                    guard case .object(let reversed)? = try expand(active, property: "@reverse", element: value, base: base) else { continue }
                    if case .object(let doubleReversed)? = reversed["@reverse"] {
                        for (reverseProperty, items) in doubleReversed { Self.append(items, to: &result, key: reverseProperty) }
                    }
                    var reverseMap = result["@reverse"]?.objectValue ?? [:]
                    for (reverseProperty, items) in reversed where reverseProperty != "@reverse" {
                        for item in items.items {
                            if item["@value"] != nil || item["@list"] != nil {
                                throw JSONLDError(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                            }
                            Self.append(item, to: &reverseMap, key: reverseProperty)
                        }
                    }
                    if !reverseMap.isEmpty { result["@reverse"] = .object(reverseMap) }
                    continue
                case "@nest":
                    nests.append(key)
                    continue
                default:
                    continue
                }
                if let expandedValue, !(expandedValue == .null && expandedProperty == "@value" && inputType != "@json") {
                    result[expandedProperty] = expandedValue
                }
                continue
            }
            let definition = active.terms[key]
            let container = definition?.container ?? []
            var expandedValue: JSON?
            if definition?.typeMapping == "@json" {
                expandedValue = ["@value": value, "@type": "@json"]
            } else if container.contains(.language), case .object(let languageMap) = value {
                var items: [JSON] = []
                let direction: String?? = definition?.direction ?? .some(active.defaultDirection)
                for language in languageMap.keys.sorted() {
                    for item in languageMap[language]!.items {
                        if item == .null { continue }
                        guard item.stringValue != nil else {
                            throw JSONLDError(.invalidLanguageMapValue, "language map values must be strings")
                        }
                        var valueObject: [String: JSON] = ["@value": item]
                        if processor.expandIRI(language, in: active, vocab: true) != "@none" { valueObject["@language"] = .string(language.lowercased()) }
                        if case .some(.some(let dir)) = direction { valueObject["@direction"] = .string(dir) }
                        items.append(.object(valueObject))
                    }
                }
                expandedValue = .array(items)
            } else if !container.intersection([.index, .type, .id]).isEmpty, case .object(let indexMap) = value {
                expandedValue = .array(try expandIndexMap(indexMap, key: key, definition: definition!, active: active, base: base))
            } else {
                expandedValue = try expand(active, property: key, element: value, base: base)
            }
            guard var expandedValue else { continue }
            if container.contains(.list), expandedValue["@list"] == nil {
                expandedValue = ["@list": .array(expandedValue.items)]
            }
            if container.contains(.graph), !container.contains(.id), !container.contains(.index) {
                expandedValue = .array(expandedValue.items.map { ["@graph": .array($0.items)] })
            }
            if definition?.isReverse == true {
                var reverseMap = result["@reverse"]?.objectValue ?? [:]
                for item in expandedValue.items {
                    if item["@value"] != nil || item["@list"] != nil {
                        throw JSONLDError(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                    }
                    Self.append(item, to: &reverseMap, key: expandedProperty)
                }
                result["@reverse"] = .object(reverseMap)
            } else {
                Self.append(expandedValue, to: &result, key: expandedProperty)
            }
        }
        for nestKey in nests.sorted() {
            for nested in element[nestKey]!.items {
                guard case .object(let nestedMap) = nested,
                    !nestedMap.keys.contains(where: { processor.expandIRI($0, in: active, vocab: true) == "@value" })
                else { throw JSONLDError(.invalidNestValue, "@nest must hold node objects") }
                try expandMembers(nestedMap, into: &result, active: active, typeScoped: typeScoped, property: property, inputType: inputType, base: base)
            }
        }
    }

    /// Step 13.8: maps under @index, @id and @type containers.
    private mutating func expandIndexMap(
        _ indexMap: [String: JSON], key: String, definition: TermDefinition, active: ActiveContext, base: String?
    ) throws(JSONLDError) -> [JSON] {
        let container = definition.container
        let indexKey = definition.index ?? "@index"
        var items: [JSON] = []
        for index in indexMap.keys.sorted() {
            var mapContext = active
            if container.contains(.id) || container.contains(.type) { mapContext = active.previous ?? active }
            if container.contains(.type), let indexDefinition = mapContext.terms[index], let scoped = indexDefinition.localContext {
                mapContext = try processor.process(mapContext, local: scoped, base: indexDefinition.localContextBase, cacheKey: indexDefinition.localContextKey)
            }
            let expandedIndex = processor.expandIRI(index, in: active, vocab: true)
            let expanded = try expand(mapContext, property: key, element: .array(indexMap[index]!.items), base: base, fromMap: true)?.items ?? []
            for var item in expanded {
                if container.contains(.graph), item["@graph"] == nil { item = ["@graph": .array(item.items)] }
                guard case .object(var map) = item else { continue }
                if container.contains(.index), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = try expandValue(active, property: indexKey, value: .string(index))
                    guard let expandedIndexKey = processor.expandIRI(indexKey, in: active, vocab: true) else { continue }
                    map[expandedIndexKey] = .array([reExpanded] + (map[expandedIndexKey]?.items ?? []))
                    if map["@value"] != nil { throw JSONLDError(.invalidValueObject, "a value object cannot take a property index") }
                } else if container.contains(.index), map["@index"] == nil, expandedIndex != "@none" {
                    map["@index"] = .string(index)
                } else if container.contains(.id), map["@id"] == nil, expandedIndex != "@none" {
                    map["@id"] = processor.expandIRI(index, in: active, documentRelative: true).map(JSON.string) ?? .null
                } else if container.contains(.type), let expandedIndex, expandedIndex != "@none" {
                    map["@type"] = .array([.string(expandedIndex)] + (map["@type"]?.items ?? []))
                }
                items.append(.object(map))
            }
        }
        return items
    }

    /// Value Expansion (§5.3.2).
    func expandValue(_ active: ActiveContext, property: String, value: JSON) throws(JSONLDError) -> JSON {
        let definition = active.terms[property]
        let typeMapping = definition?.typeMapping
        if typeMapping == "@id", case .string(let id) = value {
            return ["@id": processor.expandIRI(id, in: active, documentRelative: true).map(JSON.string) ?? .null]
        }
        if typeMapping == "@vocab", case .string(let id) = value {
            return ["@id": processor.expandIRI(id, in: active, documentRelative: true, vocab: true).map(JSON.string) ?? .null]
        }
        var result: [String: JSON] = ["@value": value]
        if let typeMapping, typeMapping != "@id", typeMapping != "@vocab", typeMapping != "@none" {
            result["@type"] = .string(typeMapping)
        } else if value.stringValue != nil {
            let language = definition?.language ?? .some(active.defaultLanguage)
            let direction = definition?.direction ?? .some(active.defaultDirection)
            if case .some(.some(let tag)) = language { result["@language"] = .string(tag) }
            if case .some(.some(let dir)) = direction { result["@direction"] = .string(dir) }
        }
        return .object(result)
    }

    static func append(_ value: JSON, to map: inout [String: JSON], key: String) {
        var items = map[key]?.items ?? []
        if case .array(let values) = value { items.append(contentsOf: values) } else { items.append(value) }
        map[key] = .array(items)
    }
}
