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
    /// People to write to: for the network's members only (``Action/readNetworkContacts``); empty when not known.
    public var contacts: [Contact]
    public var note: String?
    public var provenance: Provenance

    /// A person or a shared mailbox at the NIC.
    public struct Contact: Sendable, Equatable, Codable {
        public var name: String?
        public var role: String?
        public var email: String?
        public var phone: String?

        public init(name: String? = nil, role: String? = nil, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.role = role
            self.email = email
            self.phone = phone
        }
    }

    public init(
        id: ID, country: String, countryName: String, body: String?, acronym: String? = nil, website: String? = nil,
        networks: [String] = [], contacts: [Contact] = [], note: String? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.country = country
        self.countryName = countryName
        self.body = body
        self.acronym = acronym
        self.website = website
        self.networks = networks
        self.contacts = contacts
        self.note = note
        self.provenance = provenance
    }

    private enum CodingKeys: String, CodingKey {
        case id, country, countryName, body, acronym, website, networks, contacts, note, provenance
    }

    /// A record without `contacts` (every seeded one, and API clients that never send them) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        country = try container.decode(String.self, forKey: .country)
        countryName = try container.decode(String.self, forKey: .countryName)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        acronym = try container.decodeIfPresent(String.self, forKey: .acronym)
        website = try container.decodeIfPresent(String.self, forKey: .website)
        networks = try container.decodeIfPresent([String].self, forKey: .networks) ?? []
        contacts = try container.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
        note = try container.decodeIfPresent(String.self, forKey: .note)
        provenance = try container.decodeIfPresent(Provenance.self, forKey: .provenance) ?? .init()
    }

    /// The record as someone who may not see the network's contacts reads it.
    public var withoutContacts: NIC {
        var copy = self
        copy.contacts = []
        return copy
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
