import AccordServices
import RecognitionCore

/// The issuing routes' parameters, read alike by the API and the pages: a signature suite, whole numbers for paging,
/// and the filter of a provider's issued credentials (`q`, `batch`, `state`, `limit`, `offset`).
enum IssuingParameters {
    /// eddsa-rdfc-2022 when none is given.
    static func suite(_ text: String?) throws -> IssuedCredential.Suite {
        guard let suite = IssuedCredential.Suite(rawValue: text.flatMap { $0.isEmpty ? nil : $0 } ?? "eddsa-rdfc-2022") else {
            throw ValidationFailure([.init(field: "suite", message: "must be eddsa-rdfc-2022, eddsa-jcs-2022 or jwt")])
        }
        return suite
    }

    static func wholeNumber(_ text: String?, field: String, default value: Int) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), number >= 0, number <= 1_000_000 else {
            throw ValidationFailure([.init(field: field, message: "must be a whole number from 0 to 1000000")])
        }
        return number
    }

    static func credentialQuery(provider: String, _ parameters: [String: String], limit: Int = 200) throws -> IssuedCredentialQuery {
        let state = parameters["state"].flatMap { $0.isEmpty ? nil : $0 }
        guard state.map({ IssuedCredential.State(rawValue: $0) != nil }) ?? true else {
            throw ValidationFailure([.init(field: "state", message: "must be issued, revoked or suspended")])
        }
        guard (parameters["q"]?.count ?? 0) <= 200, (parameters["batch"]?.count ?? 0) <= 100 else {
            throw ValidationFailure([.init(field: "q", message: "is longer than 200 characters")])
        }
        return IssuedCredentialQuery(
            provider: .init(provider), batch: parameters["batch"].flatMap { $0.isEmpty ? nil : IssuanceBatch.ID($0) },
            state: state.flatMap(IssuedCredential.State.init(rawValue:)), text: parameters["q"],
            limit: try wholeNumber(parameters["limit"], field: "limit", default: limit),
            offset: try wholeNumber(parameters["offset"], field: "offset", default: 0))
    }
}
