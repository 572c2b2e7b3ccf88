package collect_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/testpeer"
)

const (
	benchImage = "big.SPA.bin"
	benchSize  = 256 << 20
)

func benchFleet(authorized string) string {
	return `
devices:
  - name: bench-sw
    platform: cisco_iosxe
    model: C9300-48P
    os_version: 17.09.04a
    rommon: 17.9.1r[FC2]
    image: ` + benchImage + `
    files: [{name: ` + benchImage + `, size: ` + strconv.Itoa(benchSize) + `}]
    authorized_keys: ["` + strings.TrimSpace(authorized) + `"]
`
}

// peakHeap samples HeapInuse until stop is called and returns the maximum
// in MiB (the whole process: the lab serving the file is in it too).
func peakHeap() func() float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak.Load()) / (1 << 20)
	}
}

// BenchmarkOffboxHash streams a 256 MiB lab image over loopback and hashes
// it (SHA-512) while it streams, per protocol.
func BenchmarkOffboxHash(b *testing.B) {
	l := labtest.StartFleet(b, labtest.Fleet(b, benchFleet(userKeyLine(b, b.TempDir()))), lab.Options{})
	d := l.Device("bench-sw")
	hk := pinLab(b, l, hostkey.Strict)
	want := lab.ImageSHA512(benchImage, benchSize)
	for _, proto := range []string{collect.ProtocolSFTP, collect.ProtocolSCP} {
		b.Run(proto, func(b *testing.B) {
			h := newHasher(b, collect.HasherOptions{Protocol: proto})
			b.SetBytes(benchSize)
			b.ReportAllocs()
			stop := peakHeap()
			for b.Loop() {
				got, err := h.Hash(context.Background(), hashTarget(b, d, hk),
					[]collect.HashFile{{Path: "bootflash:" + benchImage, MaxBytes: benchSize}}, nil)
				require.NoError(b, err)
				require.Equal(b, want, got[0].SHA512)
			}
			b.ReportMetric(stop(), "peak-heap-MiB")
		})
	}
}

// BenchmarkOpenSSHStream is the comparison: OpenSSH's ssh runs the same scp
// source command on the lab and pipes the stream into sha512sum
// (`ssh -p PORT admin@127.0.0.1 'scp -f FILE' | sha512sum`).
func BenchmarkOpenSSHStream(b *testing.B) {
	bin := testpeer.OpenSSH(b)
	dir := b.TempDir()
	line := userKeyLine(b, dir)
	l := labtest.StartFleet(b, labtest.Fleet(b, benchFleet(line)), lab.Options{})
	require.NoError(b, l.WriteInventory(dir))
	d := l.Device("bench-sw")
	script := `printf '\0\0\0' | "$0" -F /dev/null -o UserKnownHostsFile="$1" -o StrictHostKeyChecking=yes ` +
		`-o BatchMode=yes -o IdentitiesOnly=yes -i "$2" -p "$3" admin@127.0.0.1 'scp -f bootflash:` + benchImage + `' | sha512sum`
	b.SetBytes(benchSize)
	var maxRSS int64
	for b.Loop() {
		cmd := exec.Command("bash", "-c", script, bin, filepath.Join(dir, "known_hosts"),
			filepath.Join(dir, "id_ed25519"), strconv.Itoa(d.Port()))
		var out, stderr bytes.Buffer // only stdout is the digest
		cmd.Stdout, cmd.Stderr = &out, &stderr
		require.NoError(b, cmd.Run(), stderr.String())
		require.Len(b, strings.Fields(out.String())[0], 128)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, ru.Maxrss)
		}
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-rss-MiB")
}

// userKeyLine writes an ed25519 key to dir/id_ed25519 and returns its
// authorized_keys line.
func userKeyLine(t testing.TB, dir string) string {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "id_ed25519"), pem.EncodeToMemory(block), 0o600))
	sp, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)
	return string(ssh.MarshalAuthorizedKey(sp))
}
