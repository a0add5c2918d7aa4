package main

// A JSON Schema validator for the keywords of draft-04 that the SARIF
// 2.1.0 schema (testdata/sarif) uses, and only those: newSchema refuses a
// schema with any other keyword, so nothing the schema says is skipped
// silently. x/tools and the module's other dependencies have no
// validator, and a dependency of the root module for one test would be a
// dependency of every build that imports the analyzer.
// TestSchemaValidator holds each keyword to rejecting what it must.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// annotations are keywords that constrain nothing.
var annotations = map[string]bool{"$schema": true, "id": true, "title": true, "description": true, "default": true, "definitions": true}

// A schema is a parsed JSON schema document; #/definitions/NAME refers
// into it.
type schema struct {
	root    map[string]any
	regexps map[string]*regexp.Regexp
}

// newSchema reads a schema and checks that every keyword of every
// subschema is one validate implements.
func newSchema(data []byte) (*schema, error) {
	root, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, ok := root.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the schema is not an object")
	}
	s := &schema{root: m, regexps: map[string]*regexp.Regexp{}}
	return s, s.check(m, "#")
}

func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// check refuses unknown keywords and compiles the patterns.
func (s *schema) check(sub map[string]any, path string) error {
	for k, v := range sub {
		var err error
		switch k {
		case "type", "$ref", "required", "enum", "minItems", "uniqueItems", "minimum", "maximum", "format":
		case "pattern":
			s.regexps[v.(string)], err = regexp.Compile(v.(string))
		case "items":
			err = s.checkSub(v, path+"/items")
		case "additionalProperties":
			if _, isBool := v.(bool); !isBool {
				err = s.checkSub(v, path+"/additionalProperties")
			}
		case "properties", "definitions":
			for name, p := range v.(map[string]any) {
				if err = s.checkSub(p, path+"/"+k+"/"+name); err != nil {
					break
				}
			}
		case "anyOf", "oneOf":
			for i, p := range v.([]any) {
				if err = s.checkSub(p, fmt.Sprintf("%s/%s/%d", path, k, i)); err != nil {
					break
				}
			}
		default:
			if !annotations[k] {
				err = fmt.Errorf("%s: keyword %q is not implemented", path, k)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *schema) checkSub(v any, path string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: a schema is not an object", path)
	}
	return s.check(m, path)
}

// validate returns every violation of the instance, each as "path:
// keyword: what".
func (s *schema) validate(inst any) []string {
	var errs []string
	s.validateAt(s.root, inst, "", &errs)
	return errs
}

func (s *schema) validateAt(sub map[string]any, inst any, path string, errs *[]string) {
	fail := func(keyword, format string, args ...any) {
		*errs = append(*errs, fmt.Sprintf("%s: %s: %s", cmpOr(path, "/"), keyword, fmt.Sprintf(format, args...)))
	}
	if ref, ok := sub["$ref"].(string); ok {
		// draft-04: a $ref replaces its siblings.
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		def, found := s.root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok || !found {
			fail("$ref", "cannot resolve %s", ref)
			return
		}
		s.validateAt(def, inst, path, errs)
		return
	}
	if t, ok := sub["type"]; ok && !hasType(inst, t) {
		fail("type", "%s is not %v", jsonKind(inst), t)
		return
	}
	if enum, ok := sub["enum"].([]any); ok && !containsJSON(enum, inst) {
		fail("enum", "%v is not one of %v", inst, enum)
	}
	if alts, ok := sub["anyOf"].([]any); ok && s.matching(alts, inst) == 0 {
		fail("anyOf", "matches none of %d schemas", len(alts))
	}
	if alts, ok := sub["oneOf"].([]any); ok {
		if n := s.matching(alts, inst); n != 1 {
			fail("oneOf", "matches %d of %d schemas, want 1", n, len(alts))
		}
	}
	switch v := inst.(type) {
	case map[string]any:
		s.validateObject(sub, v, path, fail, errs)
	case []any:
		s.validateArray(sub, v, path, fail, errs)
	case json.Number:
		f, _ := v.Float64()
		if min, ok := sub["minimum"].(json.Number); ok && f < number(min) {
			fail("minimum", "%v < %v", v, min)
		}
		if max, ok := sub["maximum"].(json.Number); ok && f > number(max) {
			fail("maximum", "%v > %v", v, max)
		}
	case string:
		if p, ok := sub["pattern"].(string); ok && !s.regexps[p].MatchString(v) {
			fail("pattern", "%q does not match %s", v, p)
		}
		if f, ok := sub["format"].(string); ok {
			if err := checkFormat(f, v); err != nil {
				fail("format", "%q is not a %s: %v", v, f, err)
			}
		}
	}
}

func (s *schema) validateObject(sub map[string]any, obj map[string]any, path string, fail func(string, string, ...any), errs *[]string) {
	for _, r := range asSlice(sub["required"]) {
		if _, ok := obj[r.(string)]; !ok {
			fail("required", "no property %q", r)
		}
	}
	props, _ := sub["properties"].(map[string]any)
	for name, val := range obj {
		if p, ok := props[name].(map[string]any); ok {
			s.validateAt(p, val, path+"/"+name, errs)
			continue
		}
		switch extra := sub["additionalProperties"].(type) {
		case bool:
			if !extra {
				fail("additionalProperties", "property %q is not allowed", name)
			}
		case map[string]any:
			s.validateAt(extra, val, path+"/"+name, errs)
		}
	}
}

func (s *schema) validateArray(sub map[string]any, arr []any, path string, fail func(string, string, ...any), errs *[]string) {
	if min, ok := sub["minItems"].(json.Number); ok && float64(len(arr)) < number(min) {
		fail("minItems", "%d items, want at least %v", len(arr), min)
	}
	if u, _ := sub["uniqueItems"].(bool); u {
		for i := range arr {
			if containsJSON(arr[:i], arr[i]) {
				fail("uniqueItems", "item %d repeats an earlier one", i)
			}
		}
	}
	if items, ok := sub["items"].(map[string]any); ok {
		for i, item := range arr {
			s.validateAt(items, item, fmt.Sprintf("%s/%d", path, i), errs)
		}
	}
}

// matching counts the schemas of alts that inst satisfies.
func (s *schema) matching(alts []any, inst any) int {
	n := 0
	for _, a := range alts {
		var errs []string
		s.validateAt(a.(map[string]any), inst, "", &errs)
		if len(errs) == 0 {
			n++
		}
	}
	return n
}

func hasType(inst any, t any) bool {
	for _, name := range append(asSlice(t), t) {
		switch name {
		case "object", "array", "string", "boolean", "null":
			if jsonKind(inst) == name {
				return true
			}
		case "number":
			if _, ok := inst.(json.Number); ok {
				return true
			}
		case "integer":
			if n, ok := inst.(json.Number); ok {
				f, err := n.Float64()
				if err == nil && f == math.Trunc(f) {
					return true
				}
			}
		}
	}
	return false
}

func jsonKind(inst any) string {
	switch inst.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", inst)
}

// containsJSON reports whether list holds a value equal to v as JSON
// (numbers by value).
func containsJSON(list []any, v any) bool {
	for _, x := range list {
		if reflect.DeepEqual(normal(x), normal(v)) {
			return true
		}
	}
	return false
}

func normal(v any) any {
	switch v := v.(type) {
	case json.Number:
		return number(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normal(x)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = normal(x)
		}
		return out
	}
	return v
}

func number(n json.Number) float64 {
	f, _ := n.Float64()
	return f
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkFormat checks the formats the SARIF schema names.
func checkFormat(format, v string) error {
	switch format {
	case "uri":
		u, err := url.Parse(v)
		if err == nil && u.Scheme == "" {
			err = fmt.Errorf("not absolute")
		}
		return err
	case "uri-reference":
		_, err := url.Parse(v)
		return err
	case "date-time":
		_, err := time.Parse(time.RFC3339, v)
		return err
	}
	return fmt.Errorf("format %q is not implemented", format)
}

// sarifSchemaFile is the SARIF 2.1.0 schema, parsed.
func sarifSchemaFile(t *testing.T) *schema {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSchema(data)
	if err != nil {
		t.Fatalf("SARIF schema: %v", err)
	}
	return s
}

// validSARIF is a small log that uses what the command's logs use.
const validSARIF = `{
  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {"name": "t", "informationUri": "https://example.com/t",
      "rules": [{"id": "r", "shortDescription": {"text": "R."}, "helpUri": "https://example.com/t#r"}]}},
    "invocations": [{"executionSuccessful": true}],
    "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///src/"}},
    "columnKind": "utf16CodeUnits",
    "results": [{
      "ruleId": "r", "ruleIndex": 0, "level": "warning", "message": {"text": "m"},
      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 2, "endLine": 1, "endColumn": 3}}}],
      "fixes": [{"description": {"text": "f"}, "artifactChanges": [{"artifactLocation": {"uri": "a.go"},
        "replacements": [{"deletedRegion": {"byteOffset": 0, "byteLength": 1}, "insertedContent": {"text": "x"}}]}]}]
    }]
  }]
}`

// The validator accepts a valid log and rejects, by the keyword that
// forbids it, each change that makes it invalid; it refuses a schema with
// a keyword it does not implement.
func TestSchemaValidator(t *testing.T) {
	s := sarifSchemaFile(t)
	valid := func() map[string]any {
		v, err := decodeJSON([]byte(validSARIF))
		if err != nil {
			t.Fatal(err)
		}
		return v.(map[string]any)
	}
	if errs := s.validate(valid()); errs != nil {
		t.Fatalf("a valid log is rejected: %v", errs)
	}
	run := func(log map[string]any) map[string]any { return log["runs"].([]any)[0].(map[string]any) }
	result := func(log map[string]any) map[string]any { return run(log)["results"].([]any)[0].(map[string]any) }
	num := func(s string) json.Number { return json.Number(s) }
	for keyword, change := range map[string]func(map[string]any){
		"required":             func(l map[string]any) { delete(l, "version") },
		"enum":                 func(l map[string]any) { result(l)["level"] = "fatal" },
		"type":                 func(l map[string]any) { l["runs"] = "none" },
		"additionalProperties": func(l map[string]any) { result(l)["severity"] = "high" },
		"minimum":              func(l map[string]any) { result(l)["ruleIndex"] = num("-2") },
		"maximum":              func(l map[string]any) { result(l)["rank"] = num("100.5") },
		"minItems":             func(l map[string]any) { result(l)["fixes"].([]any)[0].(map[string]any)["artifactChanges"] = []any{} },
		"uniqueItems": func(l map[string]any) {
			d := run(l)["tool"].(map[string]any)["driver"].(map[string]any)
			d["rules"] = append(d["rules"].([]any), d["rules"].([]any)[0])
		},
		"pattern": func(l map[string]any) { run(l)["language"] = "english" },
		"format": func(l map[string]any) {
			run(l)["tool"].(map[string]any)["driver"].(map[string]any)["informationUri"] = "example.com/t"
		},
		"anyOf": func(l map[string]any) { result(l)["message"] = map[string]any{"markdown": "m"} },
		"oneOf": func(l map[string]any) {
			result(l)["graphTraversals"] = []any{map[string]any{"runGraphIndex": num("0"), "resultGraphIndex": num("0")}}
		},
		"items": func(l map[string]any) { run(l)["results"] = []any{"r"} },
		"$ref": func(l map[string]any) {
			result(l)["locations"] = []any{map[string]any{"physicalLocation": map[string]any{"region": map[string]any{"startLine": num("0")}}}}
		},
		"integer": func(l map[string]any) { result(l)["ruleIndex"] = num("0.5") },
		"datetime": func(l map[string]any) {
			run(l)["invocations"].([]any)[0].(map[string]any)["startTimeUtc"] = "yesterday"
		},
	} {
		log := valid()
		change(log)
		errs := s.validate(log)
		want := map[string]string{"integer": "type", "datetime": "format", "$ref": "minimum", "items": "type"}[keyword]
		want = cmpOr(want, keyword)
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, ": "+want+": ") }) {
			t.Errorf("%s: want a %s violation, got %q", keyword, want, errs)
		}
	}
	if _, err := newSchema([]byte(`{"properties": {"a": {"patternProperties": {}}}}`)); err == nil || !strings.Contains(err.Error(), "patternProperties") {
		t.Errorf("a schema with an unimplemented keyword: got %v, want an error naming it", err)
	}
}
