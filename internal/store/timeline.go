package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

// TimelineEntry is what a report's timeline needs of one snapshot.
type TimelineEntry struct {
	ID, RunID int64
	TakenAt   time.Time
	Failed    bool // the device could not be audited (status error)
	// Facts holds only the fields a timeline shows and compares
	// (timelineFacts); the rest are zero.
	Facts facts.Facts
	// AboveInfo counts the snapshot's findings of a severity above info.
	AboveInfo int
}

// timelineFacts is facts.Facts cut to what a timeline shows and compares
// (report's comparedFacts: the model, versions, image, boot settings,
// uptime, reload reason and host key). Decoding only these skips the
// image hashes, listings, logs and SNMP answers a snapshot's facts also
// hold, which were most of a report's history reads.
// TestTimelineMatchesHistory holds it to the full decode.
type timelineFacts struct {
	Model            string            `json:"model"`
	OSVersion        string            `json:"os_version"`
	Image            string            `json:"image"`
	ROMMON           []facts.Component `json:"rommon"`
	Boot             facts.BootConfig  `json:"boot"`
	UptimeSeconds    int64             `json:"uptime_seconds"`
	LastReloadReason string            `json:"last_reload_reason"`
	HostKeySHA256    string            `json:"host_key_sha256"`
}

// Timeline returns device's newest limit snapshots (limit > 0), oldest
// first, read for a report timeline only (TimelineEntry).
func (s *Store) Timeline(ctx context.Context, device string, limit int) ([]TimelineEntry, error) {
	rows, err := s.reads.QueryContext(ctx, s.d.q(`SELECT id, run_id, taken_at, status, facts, findings
		FROM snapshots WHERE device = ? ORDER BY id DESC LIMIT ?`), device, limit)
	if err != nil {
		return nil, fmt.Errorf("read timeline of %s: %w", device, err)
	}
	defer rows.Close()
	var out []TimelineEntry
	for rows.Next() {
		var e TimelineEntry
		var taken, status string
		var factsJSON, findingsJSON sql.RawBytes // only read in this iteration
		if err := rows.Scan(&e.ID, &e.RunID, &taken, &status, &factsJSON, &findingsJSON); err != nil {
			return nil, fmt.Errorf("read timeline of %s: %w", device, err)
		}
		var f timelineFacts
		if err := json.Unmarshal(factsJSON, &f); err != nil {
			return nil, fmt.Errorf("snapshot %d: decode facts: %w", e.ID, err)
		}
		var fs []struct {
			Severity audit.Severity `json:"severity"`
		}
		if err := json.Unmarshal(findingsJSON, &fs); err != nil {
			return nil, fmt.Errorf("snapshot %d: decode findings: %w", e.ID, err)
		}
		for _, x := range fs {
			if x.Severity != audit.Info {
				e.AboveInfo++
			}
		}
		e.TakenAt, e.Failed = parseTime(taken), status == StatusError
		e.Facts = facts.Facts{Model: f.Model, OSVersion: f.OSVersion, Image: f.Image, ROMMON: f.ROMMON, Boot: f.Boot,
			UptimeSeconds: f.UptimeSeconds, LastReloadReason: f.LastReloadReason, HostKeySHA256: f.HostKeySHA256}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read timeline of %s: %w", device, err)
	}
	slices.Reverse(out)
	return out, nil
}
