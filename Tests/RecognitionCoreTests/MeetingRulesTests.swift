import Foundation
import RecognitionCore
import Testing

/// What a meeting must be to be kept: its days in order, an https link, language tags, bounded lists; and what
/// "upcoming" and the countries taking part mean.
@Suite struct MeetingRulesTests {
    static func meeting(_ change: (inout Meeting) -> Void = { _ in }) -> Meeting {
        var meeting = Meeting(
            id: "m", kind: .workshop, title: "Capacity-building workshop", conventions: ["tokyo-2011"], startsOn: "2017-06-01",
            endsOn: "2017-06-03", place: "Beijing, China", languages: ["en", "zh-Hans"], agenda: ["Welcome"],
            participants: [.init(country: "CN", name: "A"), .init(country: "NZ"), .init(country: "CN", capacity: .observer)],
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        change(&meeting)
        return meeting
    }

    @Test("a well-formed meeting has no issues; each broken field is named")
    func issues() {
        #expect(Self.meeting().issues.isEmpty)
        let cases: [(String, (inout Meeting) -> Void)] = [
            ("title", { $0.title = "  " }),
            ("title", { $0.title = String(repeating: "x", count: 301) }),
            ("startsOn", { $0.startsOn = "2017-02-30" }),
            ("endsOn", { $0.endsOn = "2017-05-31" }),
            ("endsOn", { $0.endsOn = "June" }),
            ("link", { $0.link = "http://example.org" }),
            ("link", { $0.link = "https://" }),
            ("languages", { $0.languages = ["english"] }),
            ("languages", { $0.languages = ["zh_Hans"] }),
            ("agenda", { $0.agenda = ["ok", " "] }),
            ("agenda", { $0.agenda = Array(repeating: "item", count: 101) }),
            ("participants[1].country", { $0.participants[1].country = "nz" }),
            ("outcomes", { $0.outcomes = String(repeating: "x", count: 20_001) }),
        ]
        for (field, change) in cases {
            #expect(Self.meeting(change).issues.map(\.field) == [field], "\(field)")
        }
        // A one-day meeting and an online one (no place, an https link) are fine.
        #expect(
            Self.meeting {
                $0.endsOn = nil; $0.place = nil; $0.link = "https://example.org/join"
            }.issues.isEmpty)
    }

    @Test("language tags: a 2-3 letter language, then subtags of 1-8 letters or digits")
    func languageTags() {
        for tag in ["en", "mi", "zh-Hans", "th-TH", "sr-Latn-RS", "fil"] { #expect(Meeting.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "e", "english", "zh_Hans", "en-", "-en", "en-toolongsubtag", "ภาษา"] { #expect(!Meeting.isLanguageTag(tag), "\(tag)") }
    }

    @Test("countries taking part, once each and sorted; upcoming until the first day")
    func countriesAndUpcoming() throws {
        let meeting = Self.meeting()
        #expect(meeting.countries == ["CN", "NZ"])
        #expect(meeting.isUpcoming(on: try #require(CalendarDay("2017-05-31"))))
        #expect(!meeting.isUpcoming(on: try #require(CalendarDay("2017-06-01"))))
    }

    @Test("a participant sent without a capacity is a delegate")
    func defaultCapacity() throws {
        let participant = try JSONDecoder().decode(Meeting.Participant.self, from: Data(#"{"country": "NZ", "name": "Aroha"}"#.utf8))
        #expect(participant.capacity == .delegate && participant.nic == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Meeting.Participant.self, from: Data(#"{"country": "NZ", "capacity": "chair"}"#.utf8))
        }
    }
}
