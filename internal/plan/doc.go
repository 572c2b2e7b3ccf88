// Package plan builds revert and containment plans (ordered, per-platform commands) from facts, findings and the matched baseline; it never runs them.
package plan
