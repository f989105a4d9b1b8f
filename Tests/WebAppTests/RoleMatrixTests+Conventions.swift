extension RoleMatrixTests {
    /// Conventions and countries: anyone reads them; only admins (the secretariat) edit, always with a source.
    static let conventionDecisions: [String: Decision] = [
        "get /api/v1/conventions/{id}/report": .init(uri: "/api/v1/conventions/tokyo-2011/report?format=csv", allowed: everyone),
        "put /api/v1/conventions/{id}": .init(
            uri: "/api/v1/conventions/lisbon-1997", allowed: admin, body: .json(#"{"in_force_date": "1999-02-01", "source": "matrix"}"#)),
        "get /api/v1/countries/{code}": .init(uri: "/api/v1/countries/NZ", allowed: everyone),
        "get /conventions": .init(uri: "/conventions", allowed: everyone),
        "get /conventions/{id}": .init(uri: "/conventions/tokyo-2011", allowed: everyone),
        "get /conventions/{id}/parties.csv": .init(uri: "/conventions/tokyo-2011/parties.csv", allowed: everyone),
        "post /conventions/{id}/rule": .init(
            uri: "/conventions/lisbon-1997/rule", allowed: admin,
            body: .form(["instruments_required": "5", "delay_months": "1", "from_first_of_next_month": "on", "source": "matrix"])),
        "post /conventions/{id}/parties": .init(
            uri: "/conventions/lisbon-1997/parties", allowed: admin,
            body: .form(["country": "GR", "state": "Greece", "deposit_date": "2024-09-13", "source": "matrix"])),
        "get /countries/{code}": .init(uri: "/countries/NZ", allowed: everyone),
        "get /nics": .init(uri: "/nics?network=APNNIC", allowed: everyone),
    ]
}
