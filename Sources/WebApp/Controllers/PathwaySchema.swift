/// The published JSON Schema of a qualification's pathway rules (`GET /api/v1/schemas/pathway-rules.json`).
enum PathwaySchema {
    static let text = #"""
        {
         "$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": "/api/v1/schemas/pathway-rules.json",
         "title": "Accord pathway rules",
         "description": "The rules that say which credentials count toward a qualification. Minimums count each credential's credits converted into the qualification's framework (credits, notional hours, target credits, ranges kept); caps limit what the total-credits rule counts; recency leaves old credentials out of every rule.",
         "type": "array",
         "maxItems": 50,
         "minItems": 1,
         "items": {
          "type": "object",
          "required": ["kind"],
          "properties": {
           "kind": {"enum": ["total-credits", "credits-at-level", "required-units", "units-from-list", "credits-from-providers", "cap-outside", "recency", "prior-learning-cap"]},
           "label": {"type": "string", "maxLength": 200},
           "min_credits": {"type": "number", "minimum": 0, "maximum": 10000},
           "max_credits": {"type": "number", "minimum": 0, "maximum": 10000},
           "min_count": {"type": "integer", "minimum": 1},
           "level": {"type": "integer", "minimum": 1, "maximum": 20},
           "years": {"type": "integer", "minimum": 1, "maximum": 100},
           "units": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 300}, "minItems": 1, "maxItems": 500, "uniqueItems": true, "description": "Registry microcredential ids or achievement IRIs"},
           "providers": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 300}, "minItems": 1, "maxItems": 500, "uniqueItems": true, "description": "Registry provider ids or issuer DIDs"},
           "countries": {"type": "array", "items": {"type": "string", "minLength": 2, "maxLength": 2}, "minItems": 1, "maxItems": 500, "uniqueItems": true}
          },
          "allOf": [
           {"if": {"properties": {"kind": {"const": "total-credits"}}}, "then": {"required": ["min_credits"]}},
           {"if": {"properties": {"kind": {"const": "credits-at-level"}}}, "then": {"required": ["level", "min_credits"]}},
           {"if": {"properties": {"kind": {"const": "required-units"}}}, "then": {"required": ["units"]}},
           {"if": {"properties": {"kind": {"const": "units-from-list"}}}, "then": {"required": ["units"], "anyOf": [{"required": ["min_credits"]}, {"required": ["min_count"]}]}},
           {"if": {"properties": {"kind": {"const": "credits-from-providers"}}}, "then": {"required": ["providers", "min_credits"]}},
           {"if": {"properties": {"kind": {"const": "cap-outside"}}}, "then": {"required": ["max_credits"], "anyOf": [{"required": ["providers"]}, {"required": ["countries"]}]}},
           {"if": {"properties": {"kind": {"const": "recency"}}}, "then": {"required": ["years"]}},
           {"if": {"properties": {"kind": {"const": "prior-learning-cap"}}}, "then": {"required": ["max_credits"]}}
          ]
         }
        }
        """#
}
