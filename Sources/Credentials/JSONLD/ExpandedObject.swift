/// One map of expanded JSON-LD (a node, value, list, set or graph object), typed.
///
/// The Expansion Algorithm builds every result as one map whose keyword entries decide what it is; here each keyword
/// is a field and the properties are a list in the order they were met. Expansion then hashes no IRIs, and the RDF
/// writer reads fields instead of looking keys up. `json` gives the spec's map for the public `expand` API.
final class ExpandedObject {
    /// `@id`: `hasID` with a nil `id` is an @id that expanded to null.
    var id: String?
    var hasID = false
    /// `@type`: nil items are IRIs that expanded to null; `typeIsArray` keeps the map's single-string form for value objects.
    var types: [String?]?
    var typeIsArray = false
    /// `@value`: `.null` when the document gave null.
    var value: JSON?
    var language: String?
    var direction: String?
    var index: String?
    var list: [ExpandedObject]?
    var set: Expansion.Output?
    var graph: [ExpandedObject]?
    var included: [ExpandedObject]?
    var reverse: Properties?
    var properties = Properties()

    init() {}

    /// A value object (Value Expansion's result).
    init(value: JSON, type: String? = nil, language: String? = nil, direction: String? = nil) {
        self.value = value
        if let type { types = [type] }
        self.language = language
        self.direction = direction
    }

    /// An object holding only `@list` (or only `@graph`), wrapping `items`.
    static func list(_ items: [ExpandedObject]) -> ExpandedObject {
        let object = ExpandedObject()
        object.list = items
        return object
    }

    static func graph(_ items: [ExpandedObject]) -> ExpandedObject {
        let object = ExpandedObject()
        object.graph = items
        return object
    }

    var isValueOrList: Bool { value != nil || list != nil }

    /// How many entries the spec's map would hold.
    var entryCount: Int {
        func one(_ present: Bool) -> Int { present ? 1 : 0 }
        return properties.count + one(hasID) + one(types != nil) + one(value != nil) + one(language != nil) + one(direction != nil)
            + one(index != nil) + one(list != nil) + one(set != nil) + one(graph != nil) + one(included != nil) + one(reverse != nil)
    }

    /// The map as the JSON-LD API writes it.
    var json: JSON {
        var map: JSONObject = [:]
        if hasID { map["@id"] = id.map(JSON.string) ?? .null }
        if let types {
            let items = types.map { $0.map(JSON.string) ?? .null }
            map["@type"] = typeIsArray || items.count != 1 ? .array(items) : items[0]
        }
        if let value { map["@value"] = value }
        if let language { map["@language"] = .string(language) }
        if let direction { map["@direction"] = .string(direction) }
        if let index { map["@index"] = .string(index) }
        if let list { map["@list"] = .array(list.map(\.json)) }
        if let set { map["@set"] = set.json }
        if let graph { map["@graph"] = .array(graph.map(\.json)) }
        if let included { map["@included"] = .array(included.map(\.json)) }
        if let reverse { map["@reverse"] = .object(reverse.object) }
        // Merged in one pass: setting thousands of properties one by one would shift the sorted members each time.
        return .object(map.merging(properties.object))
    }
}

/// Expanded properties: IRI → values, in the order first met. Small objects search the list; large ones get an index,
/// so an object with thousands of properties stays linear. Each entry knows whether RDF can hold its IRI, so the RDF
/// writer need not scan IRIs that came from a term definition (which worked it out once).
struct Properties {
    private(set) var entries: [(iri: String, isWellFormed: Bool, values: [ExpandedObject])] = []
    private var positions: [String: Int]?

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    private func position(of iri: String) -> Int? {
        if let positions { return positions[iri] }
        return entries.firstIndex { $0.iri == iri }
    }

    /// Adds `values` under `iri` (creating the entry even when `values` is empty, as the spec's map does).
    /// `isWellFormed` is `IRI.isWellFormed(iri)` when the caller knows it.
    mutating func append(_ values: [ExpandedObject], to iri: String, isWellFormed: Bool? = nil) {
        if let position = position(of: iri) {
            entries[position].values.append(contentsOf: values)
            return
        }
        entries.append((iri, isWellFormed ?? IRI.isWellFormed(iri), values))
        if positions != nil {
            positions?[iri] = entries.count - 1
        } else if entries.count > 16 {
            positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.iri, $0) })
        }
    }

    /// Puts `value` first under `iri` (a property-valued index, §5.1.2 step 13.8.3.7.2).
    mutating func prepend(_ value: ExpandedObject, to iri: String) {
        append([], to: iri)
        if let position = position(of: iri) { entries[position].values.insert(value, at: 0) }
    }

    /// IRI → array of values, as the JSON-LD API writes them (sorted once).
    var object: JSONObject { JSONObject(entries.map { ($0.iri, JSON.array($0.values.map(\.json))) }) }
}
