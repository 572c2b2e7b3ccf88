// Package reportschema is a test-only helper: it validates JSON reports
// against the published fwaudit.report/v2 JSON Schema
// (docs/schema/fwaudit.report.v2.json, draft 2020-12).
package reportschema
