/// The dates a convention's rule gives, computed from its parties' deposits rather than copied from a source: the day
/// the convention entered into force, each party's effective day, and where the computation disagrees with what is
/// recorded. Deposits known only to a year, a month or a bound are ranges; so are the results, and the result names
/// the parties whose uncertain dates it rests on.
public struct EntryIntoForce: Sendable, Equatable {
    public enum Check: Sendable, Equatable {
        /// The recorded date lies in the computed range (which is a single day when the deposits are known).
        case agrees
        case disagrees
        /// Nothing recorded, or nothing to compute from; `reason` says which.
        case unchecked(reason: String)
    }

    /// Where a party's deposit range comes from.
    public enum DepositBasis: String, Sendable, Equatable {
        case recorded
        case bounded
        /// No deposit recorded: the range is what the rule allows for the recorded effective date.
        case inferred
        case unknown
    }

    public struct PartyResult: Sendable, Equatable {
        public var country: String
        public var state: String
        public var deposit: DayRange
        public var basis: DepositBasis
        public var computedEffective: DayRange?
        public var recordedEffective: String?
        public var check: Check
        public var withdrawn: CalendarDay?
        /// One of the first instruments, counted toward entry into force (false when it may or may not be).
        public var founding: Bool
    }

    /// What was compared, for the flags list: the convention itself or one party.
    public struct Flag: Sendable, Equatable {
        public var country: String?
        public var recorded: String
        public var computed: String
        public var message: String
    }

    /// The day the required instrument was deposited, and the day the convention entered into force.
    public var instrument: DayRange?
    public var computed: DayRange?
    public var recorded: String?
    public var check: Check
    /// How the result was reached, in a sentence or two.
    public var explanation: String
    /// Parties whose deposits are ranges and could be among the required instruments: the result holds on their bounds.
    public var reliesOn: [String]
    public var parties: [PartyResult]

    /// Every record that disagrees with the computation.
    public var flags: [Flag] {
        var flags: [Flag] = []
        if check == .disagrees, let recorded, let computed {
            flags.append(.init(country: nil, recorded: recorded, computed: computed.description, message: "entry into force"))
        }
        for party in parties where party.check == .disagrees {
            flags.append(
                .init(
                    country: party.country, recorded: party.recordedEffective ?? "", computed: party.computedEffective?.description ?? "",
                    message: "\(party.state): effective date"))
        }
        return flags
    }

    public init(_ convention: Convention) {
        let rule = convention.entryIntoForce
        let adoption = convention.adopted?.date.flatMap(DayRange.init(partial:))?.earliest
        var states = convention.parties.map { Self.deposit(of: $0, adoption: adoption, rule: rule) }
        recorded = convention.inForceDate
        reliesOn = []

        let required = rule.instrumentsRequired ?? 0
        guard required > 0, rule.delayMonths != nil else {
            instrument = nil
            computed = nil
            check = .unchecked(reason: "the rule is not recorded in a form Accord computes with")
            explanation = "Accord cannot compute dates for this convention: its entry-into-force rule is not recorded."
            parties = states.map { Self.result($0, instrument: nil, rule: rule, reason: "no rule to compute with") }
            return
        }

        // The required instrument: the n-th earliest deposit. Its latest possible day is the n-th smallest of the latest
        // days (recorded effective dates cap undated deposits); a party that withdrew by then does not count toward it.
        let all = Array(states.indices)
        let firstGuess = Self.nth(required, of: all.map { states[$0].deposit.latest })
        let counting = all.filter { index in
            guard let gone = states[index].withdrawn, case .found(let day) = firstGuess else { return true }
            return day.map { gone > $0 } ?? true
        }
        let latest = Self.nth(required, of: counting.map { states[$0].deposit.latest })
        // A recorded effective date after the latest possible entry into force is the party's own: its deposit follows.
        if case .found(let day?) = latest, let latestInForce = rule.effect(of: day) {
            for index in states.indices where states[index].basis == .inferred || states[index].basis == .unknown {
                guard let effective = states[index].recordedEffective, effective > latestInForce,
                    let range = rule.deposits(takingEffectOn: effective)
                else { continue }
                states[index].deposit = range
                states[index].basis = .inferred
            }
        }
        let earliest = Self.nth(required, of: counting.map { states[$0].deposit.earliest ?? adoption })
        var instrumentRange: DayRange?
        if case .found(let low) = earliest, case .found(let high) = latest { instrumentRange = DayRange(earliest: low, latest: high) }
        instrument = instrumentRange
        computed = instrumentRange.map { DayRange(earliest: $0.earliest.flatMap(rule.effect(of:)), latest: $0.latest.flatMap(rule.effect(of:))) }
        // Without enough dated deposits, the recorded entry into force still anchors each later party's own date.
        let anchor = instrumentRange ?? convention.inForceDate.flatMap(CalendarDay.init).flatMap(rule.deposits(takingEffectOn:))
        reliesOn = counting.compactMap { index in
            let state = states[index]
            guard let instrumentRange, state.deposit.exact == nil else { return nil }
            guard let start = state.deposit.earliest ?? adoption, let end = instrumentRange.latest else { return state.party.state }
            return start <= end ? state.party.state : nil
        }
        let countingTotal = counting.count

        switch (computed, convention.inForceDate.flatMap(CalendarDay.init)) {
        case (nil, _):
            check = .unchecked(reason: "\(countingTotal) of the \(required) instruments required are on record")
            explanation =
                "The register holds \(countingTotal) of the \(required) instruments the rule requires, so the date of entry into force "
                + "cannot be computed; each later party's date is computed from its deposit and the recorded entry into force."
        case (let range?, nil):
            check = .unchecked(reason: "no date of entry into force is recorded")
            explanation = Self.explain(range, instrument: instrumentRange, required: required)
        case (let range?, let day?):
            check = range.contains(day) ? .agrees : .disagrees
            explanation = Self.explain(range, instrument: instrumentRange, required: required)
        }
        parties = states.map { state in
            Self.result(state, instrument: anchor, rule: rule, reason: anchor == nil ? "the required instrument's date is not known" : nil)
        }
    }

    /// A party's deposit as a range, and what the range rests on.
    struct DepositState {
        let party: StateParty
        var deposit: DayRange
        var basis: DepositBasis
        let recordedEffective: CalendarDay?
        let withdrawn: CalendarDay?
    }

    static func deposit(of party: StateParty, adoption: CalendarDay?, rule: Convention.EntryIntoForceRule) -> DepositState {
        let floor = DayRange(earliest: adoption, latest: nil)
        let effective = party.effectiveDate.flatMap(CalendarDay.init)
        let withdrawn = party.withdrawalEffective.flatMap(DayRange.init(partial:))?.earliest
        if let text = party.depositDate, let range = DayRange(partial: text) {
            // A deposit dated only by its year cannot precede the adoption of the text.
            return .init(
                party: party, deposit: range.narrowed(to: floor) ?? range, basis: .recorded, recordedEffective: effective, withdrawn: withdrawn)
        }
        var range = floor
        var basis = DepositBasis.unknown
        let low = party.depositNotBefore.flatMap(DayRange.init(partial:))?.earliest
        let high = party.depositNotAfter.flatMap(DayRange.init(partial:))?.latest
        if low != nil || high != nil {
            range = range.narrowed(to: DayRange(earliest: low, latest: high)) ?? range
            basis = .bounded
        }
        // A party in force on a recorded day deposited no later than the rule allows for that day.
        if let effective, let allowed = rule.deposits(takingEffectOn: effective)?.latest {
            range = range.narrowed(to: DayRange(earliest: nil, latest: allowed)) ?? range
            if basis == .unknown { basis = .inferred }
        }
        return .init(party: party, deposit: range, basis: basis, recordedEffective: effective, withdrawn: withdrawn)
    }

    /// A party's effective range: its own deposit's effect, or the convention's entry into force when it deposited
    /// before the required instrument (the rule is monotonic, so `effect(max(deposit, instrument))`).
    static func result(_ state: DepositState, instrument: DayRange?, rule: Convention.EntryIntoForceRule, reason: String?) -> PartyResult {
        var computed: DayRange?
        if let instrument {
            let low = [state.deposit.earliest, instrument.earliest].compactMap { $0 }.max()
            let high: CalendarDay? =
                if let deposit = state.deposit.latest, let required = instrument.latest { max(deposit, required) } else { nil }
            computed = DayRange(earliest: low.flatMap(rule.effect(of:)), latest: high.flatMap(rule.effect(of:)))
        }
        let founding = instrument?.earliest.map { earliestRequired in state.deposit.latest.map { $0 <= earliestRequired } ?? false } ?? false
        let check: Check
        if let reason {
            check = .unchecked(reason: reason)
        } else if state.basis == .inferred {
            check = .unchecked(reason: "no deposit date on record: the deposit is inferred from the effective date")
        } else if state.recordedEffective == nil {
            check = .unchecked(reason: "no effective date on record")
        } else if let computed, let day = state.recordedEffective {
            check = computed.contains(day) ? .agrees : .disagrees
        } else {
            check = .unchecked(reason: "nothing to compute from")
        }
        return PartyResult(
            country: state.party.country, state: state.party.state, deposit: state.deposit, basis: state.basis, computedEffective: computed,
            recordedEffective: state.party.effectiveDate, check: check, withdrawn: state.withdrawn, founding: founding)
    }

    /// The n-th smallest of some days (1-based), where nil is "unbounded" and sorts last; `.tooFew` when there are
    /// fewer than n.
    enum Nth: Equatable {
        case found(CalendarDay?)
        case tooFew
    }

    static func nth(_ n: Int, of days: [CalendarDay?]) -> Nth {
        guard n > 0, days.count >= n else { return .tooFew }
        let sorted = days.sorted { a, b in
            switch (a, b) {
            case let (a?, b?): a < b
            case (.some, nil): true
            default: false
            }
        }
        return .found(sorted[n - 1])
    }

    static func explain(_ range: DayRange, instrument: DayRange?, required: Int) -> String {
        "In force \(range): the required \(ordinal(required)) instrument was deposited \(instrument?.description ?? "on an unknown day")."
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }
}
