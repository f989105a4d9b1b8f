/// The review of a listing: provider staff submit it, a reviewer (an admin) approves it or returns it with reasons.
/// Drafts, submitted and returned listings are seen only by their provider's staff and admins.
public enum ListingReview {
    /// A step of the review, taken on its own endpoint, button or CLI command.
    public enum Step: String, Sendable, Codable, CaseIterable {
        case submit
        case approve
        case `return`
        case withdraw

        /// What the caller must be allowed to do for this step on a listing of `provider`.
        public func action(on provider: Provider.ID) -> Action {
            switch self {
            case .submit, .withdraw: .editMicrocredentials(of: provider)
            case .approve, .return: .reviewMicrocredentials
            }
        }
    }

    /// Why a step or a save cannot change a listing's status.
    public enum Refusal: Error, Sendable, Equatable {
        /// The step does not apply to a listing in this status.
        case notApplicable(Step, Microcredential.Status)
        /// Setting this status needs a reviewer.
        case needsReviewer(Microcredential.Status)
        /// A return without reasons.
        case reasonsRequired
    }

    /// The status after `step`, or why the step does not apply.
    public static func status(after step: Step, from status: Microcredential.Status) throws(Refusal) -> Microcredential.Status {
        switch (step, status) {
        case (.submit, .draft), (.submit, .returned), (.submit, .withdrawn): return .submitted
        case (.approve, .submitted), (.approve, .changed): return .approved
        case (.return, .submitted), (.return, .changed): return .returned
        case (.withdraw, let current) where current != .withdrawn: return .withdrawn
        default: throw .notApplicable(step, status)
        }
    }

    /// The status a listing gets when saved (created, edited, imported) with `requested` (nil when the body names none).
    /// A reviewer sets any status. Anyone else may keep the current status or choose draft, submitted or withdrawn;
    /// a content change to an approved listing makes it "changed since approval" until reviewed again.
    public static func status(
        saving requested: Microcredential.Status?, over existing: Microcredential.Status?, contentChanged: Bool, reviewer: Bool
    ) throws(Refusal) -> Microcredential.Status {
        if reviewer { return requested ?? existing ?? .draft }
        let wanted = requested ?? existing ?? .draft
        switch wanted {
        case .draft, .submitted, .withdrawn:
            return wanted
        case .approved, .changed:
            guard let existing, existing == .approved || existing == .changed else { throw .needsReviewer(wanted) }
            return contentChanged ? .changed : existing
        case .returned:
            guard existing == .returned else { throw .needsReviewer(wanted) }
            return .returned
        }
    }

    /// Whether two versions of a listing differ in what a reviewer approves: everything but status and provenance.
    public static func contentDiffers(_ a: Microcredential, _ b: Microcredential) -> Bool {
        var a = a
        (a.status, a.reviewNote, a.provenance) = (b.status, b.reviewNote, b.provenance)
        return a != b
    }
}

extension Microcredential.Status {
    /// Approved (and changed since), or withdrawn after publication: anyone may read the listing.
    public var isPublic: Bool { self == .approved || self == .changed || self == .withdrawn }

    /// Approved (or changed since): a provider may issue credentials for it.
    public var isIssuable: Bool { self == .approved || self == .changed }

    /// Words for pages and problems.
    public var label: String {
        switch self {
        case .draft: "draft"
        case .submitted: "submitted for review"
        case .returned: "returned for changes"
        case .approved: "approved"
        case .changed: "changed since approval"
        case .withdrawn: "withdrawn"
        }
    }
}

extension ListingReview.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notApplicable(let step, let status): "a listing that is \(status.label) cannot take the step '\(step.rawValue)'"
        case .needsReviewer(let status):
            "only a reviewer may mark a listing '\(status.rawValue)'; submit it for review instead (status 'submitted')"
        case .reasonsRequired: "a listing is returned with reasons: say what must change"
        }
    }
}
