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
        try expandedObjects(document, base: base).map(\.json)
    }

    /// Expansion's result as typed objects, with a lone top-level @graph object unwrapped (§5.1 step 8).
    func expandedObjects(_ document: JSON, base: String?) throws(JSONLDError) -> [ExpandedObject] {
        var expansion = Expansion(processor: self)
        let start = base == nil ? initialContext : ActiveContext.initial(base: base)
        let expanded = try expansion.expand(start, property: nil, element: document, base: base)
        if case .one(let object)? = expanded, let graph = object.graph, object.entryCount == 1 { return graph }
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
        for node in try expandedObjects(document, base: base) { _ = writer.node(node, graph: nil) }
        return writer.quads
    }
}
