import Credentials
import Foundation
import TestSupport
import Testing

/// W3C vc-di-eddsa vectors, stage by stage: canonical document → hashes → signature → proofValue → signed document.
@Suite struct DataIntegrityVectorTests {
    struct Case: Sendable, CustomStringConvertible {
        let folder: String
        let suffix: String
        let unsigned: String
        let suite: Cryptosuite
        var description: String { "\(folder) (\(suite.rawValue))" }
    }

    static let cases = [
        Case(folder: "vc-di-eddsa/eddsa-rdfc-2022", suffix: "DataInt", unsigned: "vc-di-eddsa/unsigned.json", suite: .eddsaRdfc2022),
        Case(folder: "vc-di-eddsa/eddsa-rdfc-2022/employ", suffix: "DataInt", unsigned: "vc-di-eddsa/employmentAuth.json", suite: .eddsaRdfc2022),
        Case(folder: "vc-di-eddsa/eddsa-jcs-2022", suffix: "JCS", unsigned: "vc-di-eddsa/unsigned.json", suite: .eddsaJcs2022),
        Case(folder: "vc-di-eddsa/Ed25519Signature2020", suffix: "EdSig", unsigned: "vc-di-eddsa/unsigned.json", suite: .ed25519Signature2020),
    ]

    @Test("the Multikey pair decodes to the published public key") func keyPair() throws {
        let pair = try VectorSupport.object("vc-di-eddsa/keyPair.json")
        let key = try Ed25519KeyPair(secretKeyMultibase: pair["privateKeyMultibase"]!.stringValue!)
        #expect(key.publicKeyMultibase == pair["publicKeyMultibase"]!.stringValue!)
        #expect(key.secretKeyMultibase == pair["privateKeyMultibase"]!.stringValue!)
    }

    @Test("every intermediate value and the signed document", arguments: cases)
    func stages(_ vector: Case) async throws {
        let integrity = VectorSupport.integrity
        let key = try Ed25519KeyPair(secretKeyMultibase: try VectorSupport.object("vc-di-eddsa/keyPair.json")["privateKeyMultibase"]!.stringValue!)
        var document = try VectorSupport.object(vector.unsigned)
        let proofConfig = try VectorSupport.object("\(vector.folder)/proofConfig\(vector.suffix).json")
        if vector.suite == .ed25519Signature2020 { document["@context"] = proofConfig["@context"] }
        let inputs = try integrity.hashInputs(document: document, proofConfig: proofConfig, suite: vector.suite)
        #expect(inputs.canonicalDocument == (try Vectors.text("\(vector.folder)/canonDoc\(vector.suffix).txt")))
        #expect(inputs.canonicalProofConfig == (try Vectors.text("\(vector.folder)/proofCanon\(vector.suffix).txt")))
        #expect(Hex.encode(inputs.documentHash) == (try Vectors.line("\(vector.folder)/docHash\(vector.suffix).txt")))
        #expect(Hex.encode(inputs.proofHash) == (try Vectors.line("\(vector.folder)/proofHash\(vector.suffix).txt")))
        #expect(Hex.encode(inputs.combined) == (try Vectors.line("\(vector.folder)/combinedHash\(vector.suffix).txt")))
        let signature = try key.sign(inputs.combined)
        #expect(Hex.encode(signature) == (try Vectors.line("\(vector.folder)/sigHex\(vector.suffix).txt")))
        #expect(Multibase.encodeBase58(signature) == (try Vectors.line("\(vector.folder)/sigBTC58\(vector.suffix).txt")))

        let signed = try VectorSupport.json("\(vector.folder)/signed\(vector.suffix).json")
        if vector.suite != .ed25519Signature2020 {
            let options = ProofOptions(
                cryptosuite: vector.suite, verificationMethod: proofConfig["verificationMethod"]!.stringValue!,
                created: proofConfig["created"]!.stringValue!)
            #expect(try integrity.sign(.object(document), with: key, options: options) == signed)
        }
        let checks = try await integrity.verifyProofs(signed.objectValue!, resolver: StandardResolver(), at: VectorSupport.now)
        #expect(checks.map(\.failure) == [nil])
    }

    @Test("proof sets and proof chains from the vectors verify", arguments: ["signedProofSet2.json", "signedProofChain2.json"])
    func proofSets(_ file: String) async throws {
        let signed = try VectorSupport.object("vc-di-eddsa/proof-set-chain/\(file)")
        let checks = try await VectorSupport.integrity.verifyProofs(signed, resolver: StandardResolver(), at: VectorSupport.now)
        #expect(checks.count == signed["proof"]!.items.count && checks.count >= 2)
        #expect(checks.filter { !$0.isValid }.isEmpty, "\(checks)")
    }

    @Test("1EdTech Open Badges 3.0 eddsa-rdfc-2022 vector, stage by stage") func openBadge() async throws {
        let folder = "ob3-eddsa-rdfc-2022"
        let keys = try VectorSupport.object("\(folder)/keyPair.json")
        let expected = keys["expected"]!
        let seed = Hex.decode(keys["privateKeyHex"]!.stringValue!)!.prefix(32)
        let key = try Ed25519KeyPair(seed: seed)
        #expect(key.publicKeyMultibase == keys["publicKeyMultibase"]!.stringValue!)
        let document = try VectorSupport.object("\(folder)/unsignedCredential.json")
        var proofConfig = try VectorSupport.object("\(folder)/proofConfig.json")
        proofConfig["@context"] = document["@context"]
        let integrity = DataIntegrity()  // the product's own bundled contexts
        let inputs = try integrity.hashInputs(document: document, proofConfig: proofConfig, suite: .eddsaRdfc2022)
        #expect(inputs.canonicalDocument == (try Vectors.text("\(folder)/document-canon.txt")))
        #expect(inputs.canonicalProofConfig == (try Vectors.text("\(folder)/proof-canon.txt")))
        #expect(Hex.encode(inputs.documentHash) == expected["documentHashHex"]!.stringValue!)
        #expect(Hex.encode(inputs.proofHash) == expected["proofHashHex"]!.stringValue!)
        #expect(Hex.encode(inputs.combined) == expected["dataToSignHex"]!.stringValue!)
        #expect(Hex.encode(try key.sign(inputs.combined)) == expected["signatureHex"]!.stringValue!)
        #expect(Multibase.encodeBase58(try key.sign(inputs.combined)) == expected["proofValue"]!.stringValue!)

        let method = keys["verificationMethod"]!
        let issuer: JSON = ["id": method["controller"]!, "verificationMethod": [method], "assertionMethod": [method["id"]!]]
        let resolver = StandardResolver(resources: StaticResources([method["controller"]!.stringValue!: issuer]))
        let signed = try VectorSupport.object("\(folder)/signedCredential.json")
        let checks = try await integrity.verifyProofs(signed, resolver: resolver, at: VectorSupport.now)
        #expect(checks.map(\.failure) == [nil])
    }

    @Test("did:key vectors: seed → did:key → public key") func didKey() throws {
        guard case .object(let vectors) = try VectorSupport.json("did-key/ed25519-x25519.json") else { return }
        #expect(vectors.count == 5)
        for (did, vector) in vectors {
            let seed = try #require(vector["seed"]?.stringValue.flatMap(Hex.decode))
            let key = try Ed25519KeyPair(seed: seed)
            #expect(key.did == did)
            let method = try DIDKey.verificationMethod(did)
            let pair = try #require(vector["verificationKeyPair"])
            if let base58 = pair["publicKeyBase58"]?.stringValue {
                #expect(Base58.encode(method.rawPublicKey) == base58)
            } else {
                #expect(Base64URL.encode(method.rawPublicKey) == pair["publicKeyJwk"]?["x"]?.stringValue)
            }
            let document = try DIDKey.document(did)
            let assertion = try #require(vector["didDocument"]?["assertionMethod"]?.items.first)
            #expect(document["assertionMethod"]?.items.first == assertion)
        }
    }
}
