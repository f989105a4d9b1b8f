import RecognitionCore

extension ReferenceDesk {
    /// The comparison engine over the frameworks and referencing statements as they are now (admins edit both).
    public func comparisonEngine() async throws -> ComparisonEngine {
        ComparisonEngine(frameworks: try await stores.registry.frameworks(), statements: try await stores.reference.referencing())
    }

    /// A level (and volume) of one framework in another, with its path and explanation (DESIGN.md §2). Anyone may ask:
    /// it reads only public reference data.
    public func compare(_ request: ComparisonRequest) async throws -> Comparison {
        try Self.compare(request, with: try await comparisonEngine())
    }

    /// `compare` on an engine already built, with its errors as the rest of Accord reports them.
    public static func compare(_ request: ComparisonRequest, with engine: ComparisonEngine) throws -> Comparison {
        do {
            return try engine.compare(request)
        } catch .unknownFramework(let id) {
            throw StoreError.notFound(kind: "framework", id: id.rawValue)
        } catch {
            throw ValidationFailure([.init(field: error.field, message: error.message)])
        }
    }
}
