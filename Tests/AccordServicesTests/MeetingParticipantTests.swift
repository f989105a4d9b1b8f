import AccordServices
import Foundation
import RecognitionCore
import StorageTestSupport
import TestSupport
import Testing

/// Participants changed one at a time, as the meeting page does: each change reads and writes the country's list in one
/// unit of work (the meeting row held on PostgreSQL), so concurrent editors lose nothing, and a removal names the
/// participant, not a position another edit may have moved.
@Suite("meeting participants")
struct MeetingParticipantTests {
    @Test("eight concurrent additions all land; a removal takes off exactly the one named", arguments: TestDatabase.available)
    func concurrent(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let desk = MeetingDesk(dependencies: dependencies)
            let admin = UseCaseTests.admin
            let meeting = try await desk.create(
                .init(kind: .webinar, title: "Recognition of microcredentials", startsOn: "2027-03-04", link: "https://meet.example/rec"),
                by: admin)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<8 {
                    group.addTask {
                        _ = try await desk.addParticipant(.init(country: "nz", name: "Delegate \(number)"), to: meeting.id, by: admin)
                    }
                }
                try await group.waitForAll()
            }
            _ = try await desk.addParticipant(.init(country: "AU", name: "Delegate 3", capacity: .observer), to: meeting.id, by: admin)
            var stored = try await desk.meeting(meeting.id, by: admin).meeting.participants
            #expect(Set(stored.filter { $0.country == "NZ" }.compactMap(\.name)) == Set((0..<8).map { "Delegate \($0)" }))

            _ = try await desk.removeParticipant(.init(country: "NZ", name: "Delegate 3"), from: meeting.id, by: admin)
            stored = try await desk.meeting(meeting.id, by: admin).meeting.participants
            #expect(stored.count == 8)
            #expect(!stored.contains(.init(country: "NZ", name: "Delegate 3")))
            #expect(stored.contains(.init(country: "AU", name: "Delegate 3", capacity: .observer)))
            // Removed already (or changed meanwhile): not found, and nobody else goes in its place.
            await #expect(throws: StoreError.self) {
                _ = try await desk.removeParticipant(.init(country: "NZ", name: "Delegate 3"), from: meeting.id, by: admin)
            }
            #expect(try await desk.meeting(meeting.id, by: admin).meeting.participants.count == 8)
            // Another country's focal point may not add to or remove from New Zealand's list.
            let focalPoint = Account(id: "fp-au", email: "fp@au.example", displayName: "AU", role: .focalPoint(country: "AU"), createdAt: .t0)
            await #expect(throws: AccessError.self) {
                _ = try await desk.removeParticipant(.init(country: "NZ", name: "Delegate 0"), from: meeting.id, by: focalPoint)
            }
            await #expect(throws: AccessError.self) {
                _ = try await desk.addParticipant(.init(country: "NZ", name: "Intruder"), to: meeting.id, by: focalPoint)
            }
        }
    }
}
