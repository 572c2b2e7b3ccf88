package notify

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fwaudit/internal/report"
)

const lastSuccessMetric = "fwaudit_last_success_timestamp_seconds"

// WriteMetricsFile writes the run's metrics to path atomically (a temp file
// in the same folder, then rename), so node_exporter never reads half a
// file. completed says the run finished; when it did not, the previous
// file's last-success timestamp is carried over.
func WriteMetricsFile(path string, r report.Run, completed bool) error {
	last := previousSuccess(path)
	if completed {
		last = float64(r.FinishedAt.UnixMilli()) / 1000
	}
	var b bytes.Buffer
	if err := report.RenderMetrics(&b, r, report.MetricsOptions{LastSuccess: last}); err != nil {
		return err
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
			if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				return n
			}
		}
	}
	return 0
}
