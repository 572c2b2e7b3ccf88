package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
)

// richRecord is a snapshot whose facts carry more than a timeline shows:
// hashes, a listing, logs, SNMP answers, ROMMON regions.
func richRecord(device string, night int, failed bool) store.Record {
	at := tDay.Add(time.Duration(night) * 24 * time.Hour)
	r := record(device, fmt.Sprintf("17.%d.1r", night%3), at)
	r.Facts.Hostname, r.Facts.Serial, r.Facts.OSVersion = device, "FOC123", "17.9.4a"
	r.Facts.Image = fmt.Sprintf("bootflash:cat9k_iosxe.17.0%d.04a.SPA.bin", night%2+8)
	r.Facts.Boot = facts.BootConfig{System: []string{r.Facts.Image, "bootflash:old.bin"}, ConfigRegister: "0x2102", ConfigRegisterNext: "0x2142"}
	r.Facts.UptimeSeconds, r.Facts.LastReloadReason = int64(3600*night), "Reload Command"
	r.Facts.ImageHashes = []facts.ImageHash{{File: r.Facts.Image, SHA512: "ab12", Source: facts.SourceOffbox}}
	r.Facts.Files = []facts.File{{Name: r.Facts.Image, Size: 1 << 30}, {Name: "bootflash:packages.conf", Size: 9000}}
	r.Facts.Logs = []facts.LogEvent{{Time: at, Kind: "login", Source: "10.0.0.1", User: "admin", Message: `login "quoted" {json}`}}
	r.Facts.SNMP = &facts.SNMP{}
	r.Facts.ROMRegions = &facts.ROMRegions{}
	r.Findings = []audit.Finding{
		{Rule: audit.ROM001, Severity: audit.High},
		{Rule: audit.IMG005, Severity: audit.Info},
		{Rule: audit.BOOT003, Severity: audit.Critical},
	}[:night%4]
	if failed {
		r.Err = "ssh: connection refused"
	}
	return r
}

// TestTimelineMatchesHistory: the timeline read (a cut-down decode of
// facts, findings counted) gives the same report points as the full
// snapshots History returns, newest limit and oldest first.
func TestTimelineMatchesHistory(t *testing.T) {
	forEachBackend(t, func(t *testing.T, _ backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, tDay)
		for night := range 12 {
			_, err := s.Save(ctx, run, richRecord("r1", night, night == 5))
			require.NoError(t, err)
			_, err = s.Save(ctx, run, richRecord("r2", night, false))
			require.NoError(t, err)
		}
		for _, limit := range []int{1, 7, 30} {
			hist, err := s.History(ctx, "r1", limit)
			require.NoError(t, err)
			tl, err := s.Timeline(ctx, "r1", limit)
			require.NoError(t, err)
			require.Len(t, tl, min(limit, 12))
			require.Len(t, tl, len(hist))
			failed := 0
			for i, sn := range hist {
				want := report.NewHistoryPoint(sn.TakenAt, sn.Facts, sn.Findings, sn.Status == store.StatusError)
				got := report.HistoryPointCounted(tl[i].TakenAt, tl[i].Facts, tl[i].AboveInfo, tl[i].Failed)
				require.Equal(t, want, got, "snapshot %d", sn.ID)
				require.Equal(t, sn.ID, tl[i].ID)
				require.Equal(t, sn.RunID, tl[i].RunID)
				if tl[i].Failed {
					failed++
				}
			}
			if limit >= 7 {
				require.Equal(t, 1, failed, "the failed snapshot of night 5 is in the timeline")
			}
		}
		none, err := s.Timeline(ctx, "nobody", 30)
		require.NoError(t, err)
		require.Empty(t, none)
	})
}

// BenchmarkTimeline reads a device's 30-snapshot report timeline, by
// Timeline and by History (the full snapshots it replaced for reports).
func BenchmarkTimeline(b *testing.B) {
	for _, be := range backends {
		ctx := context.Background()
		s, err := store.Open(ctx, be.location(b), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		run, _ := s.BeginRun(ctx, "", tDay)
		for night := range 40 {
			r := richRecord("r1", night, false)
			for i := range 40 { // a month of security-relevant log events
				r.Facts.Logs = append(r.Facts.Logs, facts.LogEvent{Kind: "login", Source: "10.0.0.1", User: "admin",
					Message: fmt.Sprintf("%%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.0.0.1] at %d", i)})
			}
			if _, err := s.Save(ctx, run, r); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("backend="+be.name+"/read=timeline", func(b *testing.B) {
			for range b.N {
				if tl, err := s.Timeline(ctx, "r1", 30); err != nil || len(tl) != 30 {
					b.Fatal(err, len(tl))
				}
			}
		})
		b.Run("backend="+be.name+"/read=history", func(b *testing.B) {
			for range b.N {
				if h, err := s.History(ctx, "r1", 30); err != nil || len(h) != 30 {
					b.Fatal(err, len(h))
				}
			}
		})
		s.Close()
	}
}
