import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// The NIC directory (`/nics`) and one country across the conventions and the registry (`/countries/:code`).
extension ConventionPages {
    // MARK: the NIC directory

    struct DirectoryModel: PageModel {
        static let template = "nics"
        let title: String
        let networks: [RegistryPages.Option]
        let rows: [NICRow]
        let coverage: [CoverageRow]
        let seesContacts: Bool
    }

    struct CoverageRow {
        let convention: String
        let covered: Int
        let parties: Int
        let missing: String?
    }

    func directory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let network = request.uri.queryParameters["network"].map(String.init).flatMap(Forms.present)
        let nics = try await reference.nics(for: context.account)
        let conventions = try await reference.conventions().filter { ["tokyo-2011", "global-2019"].contains($0.id.rawValue) }
        let rows = nics.filter { network == nil || $0.networks.contains(network ?? "") }.map { nic in
            Self.nicRow(
                nic, parties: conventions.filter { $0.parties.contains { $0.country == nic.country } }.map(\.shortName), context: context)
        }
        let names = Set(nics.flatMap(\.networks)).sorted()
        let options =
            [RegistryPages.Option(value: "", label: words("Every network"), selected: network == nil)]
            + names.map { RegistryPages.Option(value: $0, label: $0, selected: $0 == network) }
        return try pages.render(
            DirectoryModel(
                title: words("National Information Centres"), networks: options, rows: rows,
                coverage: NICCoverage.of(conventions, nics: nics).map {
                    CoverageRow(
                        convention: $0.shortName, covered: $0.withNIC, parties: $0.parties,
                        missing: $0.missing.isEmpty ? nil : $0.missing.joined(separator: ", "))
                },
                seesContacts: context.account.may(.readNetworkContacts)),
            context: context)
    }

    // MARK: one country

    struct CountryModel: PageModel {
        static let template = "country"
        let title: String
        let report: CountryReport
        let memberships: [MembershipRow]
        let hasMemberships: Bool
        let nics: [NICRow]
        let hasNICs: Bool
        let frameworks: [LinkRow]
        let providersLink: String
        let searchLink: String
        let jsonLink: String
    }

    struct MembershipRow {
        let link: String
        let name: String
        let instrument: String
        let deposit: String
        let since: String
        let withdrawn: String?
    }

    struct NICRow {
        let name: String
        let website: String?
        let networks: String
        let recognitionLink: String?
        let contacts: [NIC.Contact]
        let countryLink: String
        let country: String
        let parties: String
    }

    static func nicRow(_ nic: NIC, parties: [String] = [], context: AppRequestContext) -> NICRow {
        NICRow(
            name: nic.body ?? context.words("{country}: name not known", ["country": nic.countryName]),
            website: DirectoryPages.webLink(nic.website), networks: nic.networks.joined(separator: ", "),
            recognitionLink: context.account.may(.readRecognitionCases(of: nic.id)) ? SiteURL.recognition.path : nil, contacts: nic.contacts,
            countryLink: SiteURL.country(nic.country).path, country: nic.countryName, parties: parties.joined(separator: ", "))
    }

    struct LinkRow {
        let link: String
        let label: String
    }

    func country(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let report = try await reference.country(try context.parameters.require("code"), for: context.account)
        let model = CountryModel(
            title: report.name ?? report.country, report: report,
            memberships: report.memberships.map { membership in
                MembershipRow(
                    link: SiteURL.convention(membership.convention).path, name: membership.shortName,
                    instrument: membership.instrument?.rawValue ?? words("not known"), deposit: membership.depositDate ?? words("not known"),
                    since: membership.partySince ?? words("not known"), withdrawn: membership.withdrawn)
            },
            hasMemberships: !report.memberships.isEmpty,
            nics: report.nics.map { Self.nicRow($0, context: context) },
            hasNICs: !report.nics.isEmpty,
            frameworks: report.frameworks.map { LinkRow(link: SiteURL.framework($0).path, label: $0.rawValue) },
            providersLink: SiteURL.providers.path + "?country=\(report.country)",
            searchLink: SiteURL.home.path + "?country=\(report.country)", jsonLink: "/api/v1/countries/\(report.country)")
        return try pages.render(model, context: context)
    }
}
