import Foundation

/// A National Information Centre: the body a State Party names to inform on recognition.
public struct NIC: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<NIC>

    /// Stable: `nz-nzqa`, the country code and the acronym (or the body's name) as a slug.
    public var id: ID
    /// ISO 3166 alpha-2.
    public var country: String
    public var countryName: String
    /// The body's name; nil where no source gave it.
    public var body: String?
    public var acronym: String?
    public var website: String?
    public var networks: [String]
    public var note: String?
    public var provenance: Provenance

    public init(
        id: ID, country: String, countryName: String, body: String?, acronym: String? = nil, website: String? = nil,
        networks: [String] = [], note: String? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.country = country
        self.countryName = countryName
        self.body = body
        self.acronym = acronym
        self.website = website
        self.networks = networks
        self.note = note
        self.provenance = provenance
    }

    /// The id a record without one gets: the country code and the acronym, else the body's name, else `nic`
    /// (`nz-nzqa`, `va-nic`); always the same for the same record.
    public static func derivedID(country: String, acronym: String?, body: String?) -> ID {
        let name = [acronym, body].compactMap { $0 }.first { !$0.isEmpty } ?? "nic"
        return ID(Identifier<NIC>.slug("\(country) \(name)"))
    }
}

extension Identifier {
    /// Lower-case ASCII letters and digits joined by single `-`, at most 120 characters.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return String(slug.prefix(120))
    }
}
