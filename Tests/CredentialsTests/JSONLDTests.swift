import Credentials
import Testing

/// The JSON-LD features credential contexts lean on, each checked end to end as canonical N-Quads (so blank node
/// labels do not matter). Every expected statement was checked by hand against JSON-LD 1.1 (toRDF, rdfDirection null).
@Suite struct JSONLDTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let document: String
        let nquads: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "vocab-and-coercion",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "xsd": "http://www.w3.org/2001/XMLSchema#", "homepage": {"@type": "@id"}, "kind": {"@type": "@vocab"}, "born": {"@type": "xsd:date"}, "Thing": "https://ex.org/types#Thing"}, "@id": "https://ex.org/a", "@type": ["Thing", "Other"], "homepage": "https://ex.org/home", "kind": "Thing", "born": "2001-02-03", "name": "Ana", "age": 42, "height": 1.75, "big": 1e21, "ok": true, "ex:raw": "kept as written"}"#,
            nquads: #"""
                <https://ex.org/a> <ex:raw> "kept as written" .
                <https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://ex.org/types#Thing> .
                <https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://ex.org/v#Other> .
                <https://ex.org/a> <https://ex.org/v#age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
                <https://ex.org/a> <https://ex.org/v#big> "1.0E21"^^<http://www.w3.org/2001/XMLSchema#double> .
                <https://ex.org/a> <https://ex.org/v#born> "2001-02-03"^^<http://www.w3.org/2001/XMLSchema#date> .
                <https://ex.org/a> <https://ex.org/v#height> "1.75E0"^^<http://www.w3.org/2001/XMLSchema#double> .
                <https://ex.org/a> <https://ex.org/v#homepage> <https://ex.org/home> .
                <https://ex.org/a> <https://ex.org/v#kind> <https://ex.org/types#Thing> .
                <https://ex.org/a> <https://ex.org/v#name> "Ana" .
                <https://ex.org/a> <https://ex.org/v#ok> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
                """#),
        Case(
            name: "language-and-direction",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "@language": "EN", "@direction": "ltr", "title": {"@container": "@language"}, "plain": {"@language": null}, "rtl": {"@direction": "rtl", "@language": "ar"}}, "@id": "https://ex.org/b", "label": "Hello", "title": {"fr": "Bonjour", "DE": ["Hallo", "Servus"], "@none": "hi"}, "plain": "no tag", "rtl": "مرحبا", "explicit": {"@value": "x", "@language": "mi"}}"#,
            nquads: #"""
                <https://ex.org/b> <https://ex.org/v#explicit> "x"@mi .
                <https://ex.org/b> <https://ex.org/v#label> "Hello"@en .
                <https://ex.org/b> <https://ex.org/v#plain> "no tag" .
                <https://ex.org/b> <https://ex.org/v#rtl> "مرحبا"@ar .
                <https://ex.org/b> <https://ex.org/v#title> "Bonjour"@fr .
                <https://ex.org/b> <https://ex.org/v#title> "Hallo"@de .
                <https://ex.org/b> <https://ex.org/v#title> "Servus"@de .
                <https://ex.org/b> <https://ex.org/v#title> "hi" .
                """#),
        Case(
            name: "json-literal",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "data": {"@type": "@json"}}, "@id": "https://ex.org/c", "data": {"b": [1, 2.5, "x"], "a": null, "c": true}}"#,
            nquads: #"""
                <https://ex.org/c> <https://ex.org/v#data> "{\"a\":null,\"b\":[1,2.5,\"x\"],\"c\":true}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
                """#),
        Case(
            name: "scoped-contexts",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "Course": {"@id": "https://ex.org/types#Course", "@context": {"code": "https://ex.org/course#code", "unit": {"@id": "https://ex.org/course#unit", "@type": "@id"}}}, "provider": {"@id": "https://ex.org/v#provider", "@context": {"name": "https://schema.org/name"}}}, "@id": "https://ex.org/d", "@type": "Course", "code": "ABC101", "unit": "https://ex.org/u/1", "provider": {"name": "Scoped Name", "inner": {"name": "still scoped"}}, "child": {"code": "type scope does not propagate"}}"#,
            nquads: #"""
                <https://ex.org/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://ex.org/types#Course> .
                <https://ex.org/d> <https://ex.org/course#code> "ABC101" .
                <https://ex.org/d> <https://ex.org/course#unit> <https://ex.org/u/1> .
                <https://ex.org/d> <https://ex.org/v#child> _:c14n0 .
                <https://ex.org/d> <https://ex.org/v#provider> _:c14n1 .
                _:c14n0 <https://ex.org/v#code> "type scope does not propagate" .
                _:c14n1 <https://ex.org/v#inner> _:c14n2 .
                _:c14n1 <https://schema.org/name> "Scoped Name" .
                _:c14n2 <https://schema.org/name> "still scoped" .
                """#),
        Case(
            name: "lists-and-sets",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "steps": {"@container": "@list"}, "tags": {"@container": "@set"}}, "@id": "https://ex.org/e", "steps": ["one", {"@id": "https://ex.org/two"}, 3], "empty": {"@list": []}, "tags": ["a", "a", "b"], "nested": {"@list": [{"@list": ["x"]}, "y"]}}"#,
            nquads: #"""
                <https://ex.org/e> <https://ex.org/v#empty> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
                <https://ex.org/e> <https://ex.org/v#nested> _:c14n5 .
                <https://ex.org/e> <https://ex.org/v#steps> _:c14n2 .
                <https://ex.org/e> <https://ex.org/v#tags> "a" .
                <https://ex.org/e> <https://ex.org/v#tags> "b" .
                _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "x" .
                _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
                _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <https://ex.org/two> .
                _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n3 .
                _:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "one" .
                _:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n1 .
                _:c14n3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
                _:c14n3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
                _:c14n4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "y" .
                _:c14n4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
                _:c14n5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _:c14n0 .
                _:c14n5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n4 .
                """#),
        Case(
            name: "nest-reverse-included",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "details": "@nest", "memberOf": {"@reverse": "https://ex.org/v#member"}}, "@id": "https://ex.org/f", "details": {"colour": "blue", "size": 3}, "memberOf": {"@id": "https://ex.org/group"}, "@reverse": {"https://ex.org/v#likes": {"@id": "https://ex.org/fan"}}, "@included": [{"@id": "https://ex.org/g", "colour": "green"}]}"#,
            nquads: #"""
                <https://ex.org/f> <https://ex.org/v#colour> "blue" .
                <https://ex.org/f> <https://ex.org/v#size> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
                <https://ex.org/fan> <https://ex.org/v#likes> <https://ex.org/f> .
                <https://ex.org/g> <https://ex.org/v#colour> "green" .
                <https://ex.org/group> <https://ex.org/v#member> <https://ex.org/f> .
                """#),
        Case(
            name: "maps",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "byIndex": {"@container": "@index"}, "byId": {"@container": "@id"}, "byType": {"@container": "@type"}, "byProp": {"@id": "https://ex.org/v#byProp", "@container": "@index", "@index": "category"}, "graphs": {"@container": "@graph"}}, "@id": "https://ex.org/h", "byIndex": {"first": "one", "second": {"@id": "https://ex.org/two"}}, "byId": {"https://ex.org/i1": {"label": "i1"}, "_:local": {"label": "blank"}}, "byType": {"Kind": {"label": "typed"}, "@none": {"label": "untyped"}}, "byProp": {"red": {"label": "r"}}, "graphs": {"@id": "https://ex.org/in-graph", "label": "inside"}}"#,
            nquads: #"""
                <https://ex.org/h> <https://ex.org/v#byId> <https://ex.org/i1> .
                <https://ex.org/h> <https://ex.org/v#byId> _:c14n3 .
                <https://ex.org/h> <https://ex.org/v#byIndex> "one" .
                <https://ex.org/h> <https://ex.org/v#byIndex> <https://ex.org/two> .
                <https://ex.org/h> <https://ex.org/v#byProp> _:c14n1 .
                <https://ex.org/h> <https://ex.org/v#byType> _:c14n0 .
                <https://ex.org/h> <https://ex.org/v#byType> _:c14n4 .
                <https://ex.org/h> <https://ex.org/v#graphs> _:c14n2 .
                <https://ex.org/i1> <https://ex.org/v#label> "i1" .
                <https://ex.org/in-graph> <https://ex.org/v#label> "inside" _:c14n2 .
                _:c14n0 <https://ex.org/v#label> "untyped" .
                _:c14n1 <https://ex.org/v#category> "red" .
                _:c14n1 <https://ex.org/v#label> "r" .
                _:c14n3 <https://ex.org/v#label> "blank" .
                _:c14n4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://ex.org/v#Kind> .
                _:c14n4 <https://ex.org/v#label> "typed" .
                """#),
        Case(
            name: "blank-nodes-and-base",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "@base": "https://ex.org/base/", "link": {"@type": "@id"}}, "@id": "_:me", "knows": {"@id": "_:you", "knows": {"@id": "_:me"}}, "link": "../up/doc", "anon": {"label": "anonymous"}, "@graph": [{"@id": "rel", "label": "in named graph"}]}"#,
            nquads: #"""
                <https://ex.org/base/rel> <https://ex.org/v#label> "in named graph" _:c14n1 .
                _:c14n0 <https://ex.org/v#label> "anonymous" .
                _:c14n1 <https://ex.org/v#anon> _:c14n0 .
                _:c14n1 <https://ex.org/v#knows> _:c14n2 .
                _:c14n1 <https://ex.org/v#link> <https://ex.org/up/doc> .
                _:c14n2 <https://ex.org/v#knows> _:c14n1 .
                """#),
        Case(
            name: "dropped-terms",
            document:
                #"{"@context": {"nothing": null, "ex": "https://ex.org/v#"}, "@id": "https://ex.org/k", "nothing": "dropped", "undefined": "dropped too", "ex:kept": "kept", "@type": "ex:T", "ex:nullValue": null, "ex:emptyArray": []}"#,
            nquads: #"""
                <https://ex.org/k> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://ex.org/v#T> .
                <https://ex.org/k> <https://ex.org/v#kept> "kept" .
                """#),
        Case(
            name: "double-reverse-and-explicit-json",
            document:
                #"{"@context": {"@vocab": "https://ex.org/v#", "isPartOf": {"@reverse": "https://ex.org/v#hasPart"}}, "@id": "https://ex.org/r", "@reverse": {"isPartOf": {"@id": "https://ex.org/whole"}}, "https://ex.org/v#j": {"@value": {"b": 2, "a": [1.5]}, "@type": "@json"}}"#,
            nquads: #"""
                <https://ex.org/r> <https://ex.org/v#hasPart> <https://ex.org/whole> .
                <https://ex.org/r> <https://ex.org/v#j> "{\"a\":[1.5],\"b\":2}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
                """#),
        Case(
            name: "keyword-form-id-is-a-blank-node",
            document: #"{"@id": "@ignoreMe", "https://ex.org/p": "x"}"#,
            nquads: #"""
                _:c14n0 <https://ex.org/p> "x" .
                """#),
    ]

    @Test("JSON-LD to canonical N-Quads", arguments: cases)
    func toRDF(_ entry: Case) throws {
        let document = try JSON(parsing: entry.document)
        let quads = try JSONLDProcessor().toRDF(document)
        #expect(try RDFCanonicalizer().canonicalize(quads).nquads == entry.nquads + "\n")
    }

    @Test(
        "broken JSON-LD gives the error code the spec names",
        arguments: [
            (
                #"{"@context": [{"@protected": true, "a": "https://ex.org/a"}, {"a": "https://ex.org/b"}], "a": 1}"#,
                JSONLDError.Code.protectedTermRedefinition
            ),
            (#"{"@id": 5, "https://ex.org/p": 1}"#, .invalidIdValue),
            (#"{"@context": {"id": "@id"}, "id": "https://ex.org/a", "@id": "https://ex.org/b"}"#, .collidingKeywords),
            (#"{"https://ex.org/p": {"@value": "x", "https://ex.org/q": 1}}"#, .invalidValueObject),
            (#"{"https://ex.org/p": {"@value": "x", "@type": "not an iri"}}"#, .invalidTypedValue),
            (#"{"https://ex.org/p": {"@value": 5, "@language": "en"}}"#, .invalidLanguageTaggedValue),
            (#"{"https://ex.org/p": {"@value": ["x"]}}"#, .invalidValueObjectValue),
            (#"{"@type": 5, "https://ex.org/p": 1}"#, .invalidTypeValue),
            (#"{"@reverse": "x"}"#, .invalidReverseValue),
            (#"{"@context": {"n": "@nest"}, "n": {"@value": 1}}"#, .invalidNestValue),
            (#"{"https://ex.org/p": {"@list": [1], "@id": "https://ex.org/l"}}"#, .invalidSetOrListObject),
            (#"{"https://ex.org/p": {"@value": "x", "@direction": "up"}}"#, .invalidBaseDirection),
            (#"{"@context": {"m": {"@id": "https://ex.org/m", "@container": "@language"}}, "m": {"en": 5}}"#, .invalidLanguageMapValue),
            (#"{"@context": {"r": {"@reverse": "https://ex.org/r"}}, "r": "literal"}"#, .invalidReversePropertyValue),
            (
                #"{"@context": {"byProp": {"@id": "https://ex.org/byProp", "@container": "@index", "@index": "https://ex.org/cat"}}, "byProp": {"red": "a literal"}}"#,
                .invalidValueObject
            ),
        ])
    func errors(_ document: String, _ code: JSONLDError.Code) throws {
        let parsed = try JSON(parsing: document)
        #expect { try JSONLDProcessor().toRDF(parsed) } throws: { ($0 as? JSONLDError)?.code == code }
    }

    @Test("the public expand gives the spec's expanded form") func expandedForm() throws {
        let document = try JSON(
            parsing: #"""
                {"@context": {"@vocab": "https://ex.org/", "tags": {"@container": "@list"}, "data": {"@type": "@json"}},
                 "@id": "https://ex.org/a", "@type": "T", "name": "x", "tags": [1, "two"], "data": {"k": [true]},
                 "@reverse": {"https://ex.org/owns": {"@id": "https://ex.org/owner"}}, "empty": []}
                """#)
        let expected = try JSON(
            parsing: #"""
                [{"@id": "https://ex.org/a", "@type": ["https://ex.org/T"], "https://ex.org/name": [{"@value": "x"}],
                  "https://ex.org/tags": [{"@list": [{"@value": 1}, {"@value": "two"}]}],
                  "https://ex.org/data": [{"@value": {"k": [true]}, "@type": "@json"}],
                  "@reverse": {"https://ex.org/owns": [{"@id": "https://ex.org/owner"}]}, "https://ex.org/empty": []}]
                """#)
        #expect(try JSONLDProcessor().expand(document) == expected.items)
        // A lone top-level @graph is unwrapped; free-floating values are dropped.
        let graph = try JSON(parsing: #"{"@graph": [{"@id": "https://ex.org/g", "https://ex.org/p": 1}, {"@value": "floating"}]}"#)
        #expect(try JSONLDProcessor().expand(graph) == [["@id": "https://ex.org/g", "https://ex.org/p": [["@value": 1]]]])
    }
}
