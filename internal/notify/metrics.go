package notify

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fwaudit/internal/report"
)

const lastSuccessMetric = "fwaudit_last_success_timestamp_seconds"

// WriteMetricsFile writes the run's metrics to path atomically (a temp file
// in the same folder, then rename), so node_exporter never reads half a
// file. completed says the run finished. The last-success timestamp moves
// to the run's end only when the run completed and audited at least one
// device; otherwise the previous file's value is carried over, so an
// interrupted run or one where every device failed cannot look like
// success.
func WriteMetricsFile(path string, r report.Run, completed bool) error {
	last := previousSuccess(path)
	if completed && auditedAny(r) {
		last = float64(r.FinishedAt.UnixMilli()) / 1000
	}
	var b bytes.Buffer
	if err := renderMetrics(&b, r, last); err != nil {
		return fmt.Errorf("render metrics: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create temp file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write temp file: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod temp file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close temp file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	return nil
}

// auditedAny reports whether the audit of at least one device completed.
func auditedAny(r report.Run) bool {
	for _, d := range r.Devices {
		if d.Error == "" {
			return true
		}
	}
	return false
}

// previousSuccess reads the last-success timestamp of an earlier file, 0
// if there is none.
func previousSuccess(path string) float64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), lastSuccessMetric+" "); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
				return 0
			}
			return n
		}
	}
	return 0
}
