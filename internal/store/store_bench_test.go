package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fwaudit/internal/store"
)

// BenchmarkSave writes one device snapshot (facts, findings, ~100 KiB of
// raw outputs) per iteration, each in its own transaction, as a sweep does.
func BenchmarkSave(b *testing.B) {
	for _, be := range backends {
		b.Run("backend="+be.name, func(b *testing.B) { benchmarkSave(b, be.location(b)) })
	}
}

func benchmarkSave(b *testing.B, loc string) {
	ctx := context.Background()
	s, err := store.Open(ctx, loc, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	run, err := s.BeginRun(ctx, "", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	rec := record("r1", "17.9.1r", time.Now())
	rec.Outputs["show logging"] = strings.Repeat("Nov 25 01:58:02.114: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.10.4.20)\n", 1000)
	b.ResetTimer()
	for i := range b.N {
		rec.Device = "r" + string(rune('a'+i%26))
		if _, err := s.Save(ctx, run, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveBatch writes 64 device snapshots per transaction (group
// commit, as the sweep's saver does under load); ns/op is per snapshot.
func BenchmarkSaveBatch(b *testing.B) {
	for _, be := range backends {
		b.Run("backend="+be.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := store.Open(ctx, be.location(b), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			run, err := s.BeginRun(ctx, "", time.Now())
			if err != nil {
				b.Fatal(err)
			}
			batch := make([]store.Record, 64)
			for i := range batch {
				batch[i] = record(fmt.Sprintf("r%03d", i), "17.9.1r", time.Now())
				batch[i].Outputs["show logging"] = strings.Repeat("Nov 25 01:58:02.114: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.10.4.20)\n", 1000)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += len(batch) {
				if _, err := s.SaveBatch(ctx, run, batch[:min(len(batch), b.N-i)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify recomputes the chain over 200 snapshots.
func BenchmarkVerify(b *testing.B) {
	for _, be := range backends {
		b.Run("backend="+be.name, func(b *testing.B) { benchmarkVerify(b, be.location(b)) })
	}
}

func benchmarkVerify(b *testing.B, loc string) {
	ctx := context.Background()
	s, err := store.Open(ctx, loc, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	run, _ := s.BeginRun(ctx, "", time.Now())
	for i := range 200 {
		if _, err := s.Save(ctx, run, record("r"+string(rune('a'+i%26)), "17.9.1r", time.Now())); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := s.Verify(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
