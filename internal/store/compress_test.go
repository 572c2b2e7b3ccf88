package store

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/require"
)

// benchOutput is 1,000 syslog lines that differ in time, host and address.
var benchOutput = func() string {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "Nov 25 %02d:%02d:%02d.%03d: %%SYS-5-CONFIG_I: Configured from console by admin%d on vty%d (10.10.%d.%d)\n",
			i/3600, i/60%60, i%60, i*7%1000, i%13, i%5, i%250, i*31%250)
	}
	return b.String()
}()

func TestCompressRoundTrip(t *testing.T) {
	for _, s := range []string{"", "x", benchOutput} {
		got, err := decompress(compress(nil, s))
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
}

func TestDecompressReadsGzip(t *testing.T) {
	b, err := compressGzip(benchOutput)
	require.NoError(t, err)
	got, err := decompress(b)
	require.NoError(t, err)
	require.Equal(t, benchOutput, got)
}

func TestDecompressRefusesOversizeAndGarbage(t *testing.T) {
	big := strings.Repeat("a", maxOutputBytes+1)
	_, err := decompress(compress(nil, big))
	require.ErrorContains(t, err, "more than")
	gz, err := compressGzip(big)
	require.NoError(t, err)
	_, err = decompress(gz)
	require.ErrorContains(t, err, "more than")
	_, err = decompress([]byte("plain text"))
	require.Error(t, err)
}

var zstdDefaultLevel, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault),
	zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true))

// BenchmarkCompress compares the codecs on ~90 KiB of IOS log text:
// gzip-new is what Save did before (a new writer per output).
func BenchmarkCompress(b *testing.B) {
	codecs := []struct {
		name string
		f    func(string) []byte
	}{
		{"gzip-new", func(s string) []byte {
			var buf bytes.Buffer
			w := gzip.NewWriter(&buf)
			_, _ = io.WriteString(w, s)
			_ = w.Close()
			return buf.Bytes()
		}},
		{"gzip-pool", func(s string) []byte { out, _ := compressGzip(s); return out }},
		{"zstd", func(s string) []byte { return compress(nil, s) }},
		{"zstd-default-level", func(s string) []byte { return zstdDefaultLevel.EncodeAll([]byte(s), nil) }},
	}
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchOutput)))
			var n int
			for b.Loop() {
				n = len(c.f(benchOutput))
			}
			b.ReportMetric(float64(n), "stored-bytes")
		})
	}
}
