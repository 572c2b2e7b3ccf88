package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	scaleMu  sync.Mutex
	scaleDBs = map[int]string{}
)

// scaleStore builds (once per size) an SQLite store of rows snapshots —
// 100 per device, one compressed output each, digests and chains as Save
// computes them — by inserting the rows directly: saving a million
// snapshots through Save would take the benchmark's whole budget.
func scaleStore(b *testing.B, rows int) string {
	scaleMu.Lock()
	defer scaleMu.Unlock()
	if p, ok := scaleDBs[rows]; ok {
		return p
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "state.db")
	s, err := Open(ctx, path, Options{ProgramVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	run, err := s.BeginRun(ctx, "", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	factsJSON := []byte(`{"model":"C9300-48P","rommon":[{"component":"R0","version":"17.9.1r[FC2]","source":"cli"}],"uptime_seconds":3600}`)
	findingsJSON := []byte(`[]`)
	devices := max(rows/100, 1)
	chains := make([]string, devices)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const perTx = 20000
	for start := 0; start < rows; start += perTx {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		snapStmt, _ := tx.PrepareContext(ctx, `INSERT INTO snapshots (id, run_id, device, parent, label, taken_at, started_at,
			finished_at, program_version, schema, status, error, host_key, facts, findings, digest, chain, digest_version)
			VALUES (?, ?, ?, ?, '', ?, ?, ?, 'bench', ?, 'ok', '', '', ?, ?, ?, ?, ?)`)
		outStmt, _ := tx.PrepareContext(ctx, `INSERT INTO outputs (snapshot_id, command, body, sha256) VALUES (?, ?, ?, ?)`)
		for i := start; i < min(start+perTx, rows); i++ {
			id, dev := int64(i+1), i%devices
			at := t0.Add(time.Duration(i) * time.Second)
			out := fmt.Sprintf("ROM: 17.9.1r[FC2]\nuptime is %d seconds\n", i)
			sn := Snapshot{ID: id, RunID: run.ID, Device: fmt.Sprintf("dev-%05d", dev), TakenAt: at, Started: at, Finished: at,
				ProgramVersion: "bench", Schema: SchemaVersion(), Status: StatusOK, DigestVersion: DigestVersion}
			if i >= devices {
				sn.Parent = id - int64(devices)
			}
			sn.Digest = Digest(sn, factsJSON, findingsJSON, map[string]string{"show rom-monitor": out})
			sn.Chain = chain(chains[dev], sn.Digest)
			chains[dev] = sn.Chain
			if _, err := snapStmt.ExecContext(ctx, id, run.ID, sn.Device, nullID(sn.Parent), fmtTime(at), fmtTime(at), fmtTime(at),
				sn.Schema, factsJSON, findingsJSON, sn.Digest, sn.Chain, sn.DigestVersion); err != nil {
				b.Fatal(err)
			}
			if _, err := outStmt.ExecContext(ctx, id, "show rom-monitor", compress(nil, out), sha256String(out)); err != nil {
				b.Fatal(err)
			}
		}
		_ = snapStmt.Close()
		_ = outStmt.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.FinishRun(ctx, run.ID, time.Now(), false); err != nil {
		b.Fatal(err)
	}
	scaleDBs[rows] = path
	return path
}

// BenchmarkVerifyRows runs store verify over a store of N snapshots built
// directly (rows=1000000 is the figure; its build takes minutes).
func BenchmarkVerifyRows(b *testing.B) {
	for _, rows := range []int{10000, 1000000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			path := scaleStore(b, rows)
			s, err := Open(context.Background(), path, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				probs, err := s.Verify(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if len(probs) > 0 {
					b.Fatalf("%d problems, the first: %+v", len(probs), probs[0])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(rows*b.N), "µs/row")
		})
	}
}
