/// A property's term definition, when the caller has it at hand.
enum PropertyDefinition {
    case known(TermDefinition?)
    case lookUp

    func resolve(_ property: String?, in context: ActiveContext) -> TermDefinition? {
        switch self {
        case .known(let definition): definition
        case .lookUp: property.flatMap { context.terms[$0] }
        }
    }
}

/// One run of the Expansion Algorithm (JSON-LD 1.1 API §5.1.2), building typed `ExpandedObject`s.
struct Expansion {
    /// What expanding one element gives: one object, or a list of them (from an array, or a @set's contents).
    enum Output {
        case one(ExpandedObject)
        case many([ExpandedObject])

        var items: [ExpandedObject] {
            switch self {
            case .one(let object): [object]
            case .many(let objects): objects
            }
        }

        var json: JSON {
            switch self {
            case .one(let object): object.json
            case .many(let objects): .array(objects.map(\.json))
            }
        }
    }

    let processor: JSONLDProcessor
    var depth = 0

    init(processor: JSONLDProcessor) { self.processor = processor }

    /// Expands `element`, the value of `property`. Callers that have just looked `property` up in `initialContext` pass
    /// its `definition`; the others say `.lookUp` (expansion looks terms up for every key, so this spares repeats).
    mutating func expand(
        _ initialContext: ActiveContext, property: String?, definition known: PropertyDefinition = .lookUp, element: JSON, base: String?,
        fromMap: Bool = false
    ) throws(JSONLDError) -> Output? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= processor.limits.maxDepth else {
            throw JSONLDError(.tooDeep, "the document nests deeper than \(processor.limits.maxDepth) levels")
        }
        let propertyDefinition = known.resolve(property, in: initialContext)
        switch element {
        case .null:
            return nil
        case .bool, .number, .string:
            guard let property, property != "@graph" else { return nil }
            guard let definition = propertyDefinition, let scoped = definition.localContext else {
                return .one(try expandValue(initialContext, property: property, definition: propertyDefinition, value: element))
            }
            let active = try processor.process(initialContext, local: scoped, base: definition.localContextBase, cacheKey: definition.localContextKey)
            return .one(try expandValue(active, property: property, definition: active.terms[property], value: element))
        case .array(let elements):
            var result: [ExpandedObject] = []
            let isList = propertyDefinition?.container.contains(.list) == true
            for item in elements {
                guard
                    let expanded = try expand(
                        initialContext, property: property, definition: .known(propertyDefinition), element: item, base: base, fromMap: fromMap)
                else { continue }
                switch expanded {
                case .one(let object): result.append(object)
                case .many(let objects) where isList: result.append(.list(objects))
                case .many(let objects): result.append(contentsOf: objects)
                }
            }
            return .many(result)
        case .object(let element):
            return try expandObject(
                initialContext, property: property, propertyDefinition: propertyDefinition, element: element, base: base, fromMap: fromMap)
        }
    }

    /// Whether `element` has a key that expands to `keyword` in `context` (the keyword itself or one of its aliases).
    private func hasKey(_ element: JSONObject, expandingTo keyword: String, in context: ActiveContext) -> Bool {
        element[keyword] != nil || context.keywordAliases.contains { $0.keyword == keyword && element[$0.term] != nil }
    }

    private mutating func expandObject(
        _ initialContext: ActiveContext, property: String?, propertyDefinition: TermDefinition?, element: JSONObject, base: String?,
        fromMap: Bool
    ) throws(JSONLDError) -> Output? {
        var active = initialContext
        // Step 7: a non-propagated (type-scoped) context reverts when we enter a new node object.
        if let previous = active.previous, !fromMap {
            let isValue = hasKey(element, expandingTo: "@value", in: active)
            let isReference = element.count == 1 && hasKey(element, expandingTo: "@id", in: active)
            if !isValue && !isReference { active = previous }
        }
        if let definition = propertyDefinition, let scoped = definition.localContext {
            active = try processor.process(
                active, local: scoped, base: definition.localContextBase, overrideProtected: true, cacheKey: definition.localContextKey)
        }
        if let local = element["@context"] { active = try processor.process(active, local: local, base: base) }
        let typeScoped = active
        var inputType: String?
        // Keys that expand to @type, in lexicographic order (usually just "type" or "@type").
        var typeKeys = element["@type"] == nil ? [] : ["@type"]
        for alias in active.keywordAliases where alias.keyword == "@type" && element[alias.term] != nil { typeKeys.append(alias.term) }
        if typeKeys.count > 1 { typeKeys.sort() }
        for key in typeKeys {
            let types = (element[key]?.items ?? []).compactMap(\.stringValue).sorted()
            for type in types {
                if let definition = typeScoped.terms[type], let scoped = definition.localContext {
                    active = try processor.process(
                        active, local: scoped, base: definition.localContextBase, propagate: false, cacheKey: definition.localContextKey)
                }
            }
            if let last = types.last { inputType = processor.expandIRI(last, in: typeScoped, documentRelative: true, vocab: true) }
        }
        let result = ExpandedObject()
        var sawReverse = false
        try expandMembers(
            element, into: result, sawReverse: &sawReverse, active: active, typeScoped: typeScoped, property: property, inputType: inputType,
            base: base)
        // Steps 15–19: value, set and list objects, and dropping what cannot stand alone.
        if let value = result.value {
            guard result.properties.isEmpty, !result.hasID, result.list == nil, result.set == nil, result.graph == nil, result.included == nil,
                result.reverse == nil, result.types == nil || (result.language == nil && result.direction == nil)
            else { throw JSONLDError(.invalidValueObject, "a value object may only hold @value, @type, @language, @direction, @index") }
            let isJSON = !result.typeIsArray && result.types?.count == 1 && result.types?[0] == "@json"
            if isJSON {
                // kept as is
            } else if value == .null {
                return nil
            } else if value.stringValue == nil, result.language != nil {
                throw JSONLDError(.invalidLanguageTaggedValue, "only strings can have a language")
            } else if let types = result.types {
                guard !result.typeIsArray, types.count == 1, let typeIRI = types[0], IRI.isAbsolute(typeIRI), !typeIRI.hasPrefix("_:") else {
                    throw JSONLDError(.invalidTypedValue, "a typed value's @type must be an IRI")
                }
            }
        } else if result.types != nil, !result.typeIsArray {
            result.typeIsArray = true
        } else if result.set != nil || result.list != nil {
            guard result.entryCount <= (result.index != nil ? 2 : 1) else {
                throw JSONLDError(.invalidSetOrListObject, "@set and @list objects may only carry @index besides")
            }
            if let set = result.set { return set }
        }
        let count = result.entryCount
        if count == 1, result.language != nil { return nil }
        if property == nil || property == "@graph" {
            if count == 0 || result.isValueOrList { return nil }
            if count == 1, result.hasID { return nil }
        }
        return .one(result)
    }

    /// Step 13 (and 14 for @nest): each entry of the element, expanded into `result`.
    ///
    /// Entries are taken in hash-table order (the API's `ordered` flag is false). The one place order could show, a
    /// reverse property met before an `@reverse` entry, is made order-free: only a second `@reverse` entry collides.
    private mutating func expandMembers(
        _ element: JSONObject, into result: ExpandedObject, sawReverse: inout Bool, active: ActiveContext, typeScoped: ActiveContext,
        property: String?, inputType: String?, base: String?
    ) throws(JSONLDError) {
        var nests: [String] = []
        for (key, value) in element where key != "@context" {
            let definition = Keyword.startsLikeOne(key) ? nil : active.terms[key]
            guard let expandedProperty = processor.expandIRI(key, definition: definition, in: active, vocab: true) else { continue }
            let isKeyword = Keyword.isKeyword(expandedProperty)
            guard isKeyword || expandedProperty.utf8.contains(UInt8(ascii: ":")) else { continue }
            if isKeyword {
                if property == "@reverse" { throw JSONLDError(.invalidReversePropertyMap, "a reverse map may not hold keywords") }
                if expandedProperty == "@reverse" ? sawReverse : result.has(keyword: expandedProperty) {
                    throw JSONLDError(.collidingKeywords, "\(expandedProperty) appears twice in one object")
                }
                try expandKeyword(
                    expandedProperty, key: key, value: value, into: result, sawReverse: &sawReverse, nests: &nests, active: active,
                    typeScoped: typeScoped, property: property, inputType: inputType, base: base)
                continue
            }
            let container = definition?.container ?? []
            var expanded: Output?
            if definition?.typeMapping == "@json" {
                expanded = .one(ExpandedObject(value: value, type: "@json"))
            } else if container.contains(.language), case .object(let languageMap) = value {
                expanded = .many(try expandLanguageMap(languageMap, definition: definition, active: active))
            } else if container.contains(.index) || container.contains(.type) || container.contains(.id), case .object(let indexMap) = value,
                let definition
            {
                expanded = .many(try expandIndexMap(indexMap, key: key, definition: definition, active: active, base: base))
            } else {
                expanded = try expand(active, property: key, definition: .known(definition), element: value, base: base)
            }
            guard var items = expanded?.items else { continue }
            if container.contains(.list) {
                if case .one(let object)? = expanded, object.list != nil {} else { items = [.list(items)] }
            }
            if container.contains(.graph), !container.contains(.id), !container.contains(.index) {
                items = items.map { .graph([$0]) }
            }
            if definition?.isReverse == true {
                var reverseMap = result.reverse ?? Properties()
                for item in items where item.isValueOrList {
                    throw JSONLDError(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                }
                if !items.isEmpty { reverseMap.append(items, to: expandedProperty, isWellFormed: definition?.iriIsWellFormed) }
                result.reverse = reverseMap
            } else {
                result.properties.append(items, to: expandedProperty, isWellFormed: definition?.iriIsWellFormed)
            }
        }
        for nestKey in nests.sorted() {
            for nested in element[nestKey]?.items ?? [] {
                guard case .object(let nestedMap) = nested, !hasKey(nestedMap, expandingTo: "@value", in: active) else {
                    throw JSONLDError(.invalidNestValue, "@nest must hold node objects")
                }
                try expandMembers(
                    nestedMap, into: result, sawReverse: &sawReverse, active: active, typeScoped: typeScoped, property: property,
                    inputType: inputType, base: base)
            }
        }
    }

    /// Step 13.4: one entry whose key expands to a keyword.
    private mutating func expandKeyword(
        _ keyword: String, key: String, value: JSON, into result: ExpandedObject, sawReverse: inout Bool, nests: inout [String],
        active: ActiveContext, typeScoped: ActiveContext, property: String?, inputType: String?, base: String?
    ) throws(JSONLDError) {
        switch keyword {
        case "@id":
            guard case .string(let id) = value else { throw JSONLDError(.invalidIdValue, "@id must be a string") }
            result.hasID = true
            result.id = processor.expandIRI(id, in: active, documentRelative: true)
        case "@type":
            let types = value.items
            guard types.allSatisfy({ $0.stringValue != nil }), value.isScalar || value.arrayValue != nil else {
                throw JSONLDError(.invalidTypeValue, "@type must be a string or an array of strings")
            }
            let expanded = types.map { processor.expandIRI($0.stringValue ?? "", in: typeScoped, documentRelative: true, vocab: true) }
            let all = (result.types ?? []) + expanded
            result.types = all
            result.typeIsArray = value.arrayValue != nil || all.count > 1
        case "@graph":
            result.graph = try expand(active, property: "@graph", definition: .known(nil), element: value, base: base)?.items ?? []
        case "@included":
            let included = try expand(active, property: nil, definition: .known(nil), element: value, base: base)?.items ?? []
            guard included.allSatisfy({ !$0.isValueOrList }) else {
                throw JSONLDError(.invalidIncludedValue, "@included must hold node objects")
            }
            result.included = (result.included ?? []) + included
        case "@value":
            guard inputType == "@json" || value.isScalar || value == .null else {
                throw JSONLDError(.invalidValueObjectValue, "@value must be a string, number, boolean or null")
            }
            result.value = value
        case "@language":
            guard case .string(let language) = value else { throw JSONLDError(.invalidLanguageTaggedString, "@language must be a string") }
            result.language = language.lowercased()
        case "@direction":
            guard value == "ltr" || value == "rtl" else { throw JSONLDError(.invalidBaseDirection, "@direction must be ltr or rtl") }
            result.direction = value.stringValue
        case "@index":
            guard case .string(let index) = value else { throw JSONLDError(.invalidIndexValue, "@index must be a string") }
            result.index = index
        case "@list":
            if property == nil || property == "@graph" { return }
            result.list = try expand(active, property: property, element: value, base: base)?.items ?? []
        case "@set":
            result.set = try expand(active, property: property, element: value, base: base)
        case "@reverse":
            guard value.objectValue != nil else { throw JSONLDError(.invalidReverseValue, "@reverse must be an object") }
            sawReverse = true
            guard case .one(let reversed)? = try expand(active, property: "@reverse", definition: .known(nil), element: value, base: base) else {
                return
            }
            for entry in reversed.reverse?.entries ?? [] { result.properties.append(entry.values, to: entry.iri, isWellFormed: entry.isWellFormed) }
            var reverseMap = result.reverse ?? Properties()
            for entry in reversed.properties.entries {
                for item in entry.values where item.isValueOrList {
                    throw JSONLDError(.invalidReversePropertyValue, "a reverse property cannot hold values or lists")
                }
                if !entry.values.isEmpty { reverseMap.append(entry.values, to: entry.iri, isWellFormed: entry.isWellFormed) }
            }
            if !reverseMap.isEmpty { result.reverse = reverseMap }
        case "@nest":
            nests.append(key)
        default:
            break
        }
    }

    /// Step 13.7: a language map's strings as value objects.
    private func expandLanguageMap(
        _ languageMap: JSONObject, definition: TermDefinition?, active: ActiveContext
    ) throws(JSONLDError) -> [ExpandedObject] {
        var items: [ExpandedObject] = []
        let direction = definition?.direction ?? .some(active.defaultDirection)
        for language in languageMap.keys.sorted() {
            for item in languageMap[language]?.items ?? [] {
                if item == .null { continue }
                guard item.stringValue != nil else { throw JSONLDError(.invalidLanguageMapValue, "language map values must be strings") }
                let tag = processor.expandIRI(language, in: active, vocab: true) == "@none" ? nil : language.lowercased()
                items.append(ExpandedObject(value: item, language: tag, direction: direction ?? nil))
            }
        }
        return items
    }

    /// Step 13.8: maps under @index, @id and @type containers.
    private mutating func expandIndexMap(
        _ indexMap: JSONObject, key: String, definition: TermDefinition, active: ActiveContext, base: String?
    ) throws(JSONLDError) -> [ExpandedObject] {
        let container = definition.container
        let indexKey = definition.index ?? "@index"
        var items: [ExpandedObject] = []
        for index in indexMap.keys.sorted() {
            var mapContext = active
            if container.contains(.id) || container.contains(.type) { mapContext = active.previous ?? active }
            if container.contains(.type), let indexDefinition = mapContext.terms[index], let scoped = indexDefinition.localContext {
                mapContext = try processor.process(
                    mapContext, local: scoped, base: indexDefinition.localContextBase, cacheKey: indexDefinition.localContextKey)
            }
            let expandedIndex = processor.expandIRI(index, in: active, vocab: true)
            let element = JSON.array(indexMap[index]?.items ?? [])
            let expanded = try expand(mapContext, property: key, element: element, base: base, fromMap: true)?.items ?? []
            for var item in expanded {
                if container.contains(.graph), item.graph == nil { item = .graph([item]) }
                if container.contains(.index), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = try expandValue(active, property: indexKey, definition: active.terms[indexKey], value: .string(index))
                    guard let expandedIndexKey = processor.expandIRI(indexKey, in: active, vocab: true) else { continue }
                    item.properties.prepend(reExpanded, to: expandedIndexKey)
                    if item.value != nil { throw JSONLDError(.invalidValueObject, "a value object cannot take a property index") }
                } else if container.contains(.index), item.index == nil, expandedIndex != "@none" {
                    item.index = index
                } else if container.contains(.id), !item.hasID, expandedIndex != "@none" {
                    item.hasID = true
                    item.id = processor.expandIRI(index, in: active, documentRelative: true)
                } else if container.contains(.type), let expandedIndex, expandedIndex != "@none" {
                    item.types = [expandedIndex] + (item.types ?? [])
                    item.typeIsArray = true
                }
                items.append(item)
            }
        }
        return items
    }

    /// Value Expansion (§5.3.2).
    func expandValue(_ active: ActiveContext, property: String, definition: TermDefinition?, value: JSON) throws(JSONLDError) -> ExpandedObject {
        let typeMapping = definition?.typeMapping
        if typeMapping == "@id" || typeMapping == "@vocab", case .string(let id) = value {
            let object = ExpandedObject()
            object.hasID = true
            object.id = processor.expandIRI(id, in: active, documentRelative: true, vocab: typeMapping == "@vocab")
            return object
        }
        if let typeMapping, typeMapping != "@id", typeMapping != "@vocab", typeMapping != "@none" {
            return ExpandedObject(value: value, type: typeMapping)
        }
        guard value.stringValue != nil else { return ExpandedObject(value: value) }
        let language = definition?.language ?? .some(active.defaultLanguage)
        let direction = definition?.direction ?? .some(active.defaultDirection)
        return ExpandedObject(value: value, language: language ?? nil, direction: direction ?? nil)
    }
}

extension ExpandedObject {
    /// Whether the spec's map would already hold `keyword` (for the colliding-keywords check; @included and @type may repeat).
    func has(keyword: String) -> Bool {
        switch keyword {
        case "@id": hasID
        case "@value": value != nil
        case "@language": language != nil
        case "@direction": direction != nil
        case "@index": index != nil
        case "@list": list != nil
        case "@set": set != nil
        case "@graph": graph != nil
        default: false
        }
    }
}
