package store

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/zstd"
)

// Raw outputs are stored zstd-compressed (one frame per output). Rows
// written before schema 3 hold gzip; decompress tells them apart by the
// magic number, so old snapshots read and verify as before.
//
// Measured (BenchmarkCompress, 100 KiB of IOS log text, 2-core shared):
// a new gzip writer per output costs its ~800 KiB of deflate state each
// time; a pooled gzip writer removes that, and zstd's EncodeAll on one
// shared encoder is faster again at a smaller size. Level: SpeedFastest
// beat SpeedDefault on this text in both time (156 vs 224 µs) and size
// (8,519 vs 9,332 bytes), so the store uses it.

var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	gzipMagic = []byte{0x1f, 0x8b}
)

// One encoder and one decoder for the process: EncodeAll and DecodeAll
// are safe for concurrent use and keep their state between calls.
var (
	zstdEnc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true))
	zstdDec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderMaxMemory(maxOutputBytes+1), zstd.WithDecoderMaxWindow(maxOutputBytes))
)

// compress appends s's compressed form to dst.
// EncodeAll only reads its input, so s is not copied; it sizes a nil
// destination by the input (100 KiB for a log that compresses to 9), so
// the frame is built in a pooled buffer and copied out at its own size.
func compress(dst []byte, s string) []byte {
	bp := encodeBufs.Get().(*[]byte)
	defer encodeBufs.Put(bp)
	*bp = zstdEnc.EncodeAll(unsafe.Slice(unsafe.StringData(s), len(s)), (*bp)[:0])
	if cap(*bp) > maxPooledBuf {
		defer func() { *bp = nil }()
	}
	return append(dst, *bp...)
}

// maxPooledBuf: a buffer grown past this by one huge output is dropped.
const maxPooledBuf = 1 << 20

var encodeBufs = sync.Pool{New: func() any { return new([]byte) }}

// gzipPool keeps deflate state between outputs (compressGzip: the old
// format, kept for the benchmark and the old-format tests).
var gzipPool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

func compressGzip(s string) ([]byte, error) {
	var b bytes.Buffer
	w := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(w)
	w.Reset(&b)
	if _, err := io.WriteString(w, s); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decompress reads a zstd or (older rows) gzip body, at most maxOutputBytes.
func decompress(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, zstdMagic):
		data, err := zstdDec.DecodeAll(b, nil)
		if errors.Is(err, zstd.ErrDecoderSizeExceeded) || errors.Is(err, zstd.ErrWindowSizeExceeded) || len(data) > maxOutputBytes {
			return "", fmt.Errorf("zstd: more than %d bytes", maxOutputBytes)
		}
		if err != nil {
			return "", fmt.Errorf("zstd: %w", err)
		}
		return string(data), nil
	case bytes.HasPrefix(b, gzipMagic):
		return gunzip(b)
	}
	return "", errors.New("body is neither zstd nor gzip")
}

func gunzip(b []byte) (string, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("gunzip: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxOutputBytes+1))
	if err != nil {
		return "", fmt.Errorf("gunzip: %w", err)
	}
	if len(data) > maxOutputBytes {
		return "", fmt.Errorf("gunzip: more than %d bytes", maxOutputBytes)
	}
	return string(data), nil
}
