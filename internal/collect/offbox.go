package collect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"fwaudit/internal/hostkey"
)

// Off-box hashing protocols (HasherOptions.Protocol, FileHash.Protocol).
const (
	ProtocolAuto = "auto" // sftp when the device offers the subsystem, else scp
	ProtocolSFTP = "sftp"
	ProtocolSCP  = "scp"
)

const (
	// DefaultHashWorkers is how many images are streamed at once per sweep.
	DefaultHashWorkers = 2
	// DefaultMaxImageBytes is the configured maximum by default: the most
	// a transfer may carry unless the baseline approves a larger size.
	DefaultMaxImageBytes = 4 << 30
	// sizeMargin is what a file may exceed its expected size by before the
	// transfer is cut: a little for a dir listing rounded or stale.
	sizeMargin = 64 << 10
)

// ErrSizeExceeded means the device sent more bytes for a file than its
// expected size allowed; the transfer was cut.
var ErrSizeExceeded = errors.New("file larger than expected")

// HasherOptions configure an ImageHasher. Zero values take the defaults noted.
type HasherOptions struct {
	Workers        int     // images streamed at once; 0 → DefaultHashWorkers
	BytesPerSecond float64 // per transfer; 0 → unlimited
	Protocol       string  // auto | sftp | scp; "" → auto
	SaveDir        string  // when set, a forensic copy of each file is written here
	MD5            bool    // also compute MD5 (legacy baselines)
	// MaxImageBytes caps every transfer whose size no baseline approves,
	// whatever the device lists; 0 → DefaultMaxImageBytes.
	MaxImageBytes int64
}

// ImageHasher streams files off devices and hashes them while they stream.
// Its worker limit is shared by every device of a sweep.
type ImageHasher struct {
	opts HasherOptions
	sem  chan struct{}
}

// NewImageHasher returns a hasher; it validates the protocol.
func NewImageHasher(o HasherOptions) (*ImageHasher, error) {
	if o.Workers <= 0 {
		o.Workers = DefaultHashWorkers
	}
	switch o.Protocol {
	case "":
		o.Protocol = ProtocolAuto
	case ProtocolAuto, ProtocolSFTP, ProtocolSCP:
	default:
		return nil, fmt.Errorf("hash protocol %q: want auto, sftp or scp", o.Protocol)
	}
	if o.MaxImageBytes < 0 {
		return nil, fmt.Errorf("max image bytes %d: must not be negative", o.MaxImageBytes)
	}
	if o.MaxImageBytes == 0 {
		o.MaxImageBytes = DefaultMaxImageBytes
	}
	if o.BytesPerSecond < 0 {
		return nil, fmt.Errorf("hash rate %v: must not be negative", o.BytesPerSecond)
	}
	return &ImageHasher{opts: o, sem: make(chan struct{}, o.Workers)}, nil
}

// Options returns the effective options.
func (h *ImageHasher) Options() HasherOptions { return h.opts }

// HashTarget is one device as the off-box hasher needs it.
type HashTarget struct {
	Name           string // host-key pin name and log identity
	Address        string
	Port           int // 0 → 22
	Username       string
	Password       string // already resolved; never logged
	KeyFile        string
	HostKeys       *hostkey.Store
	ConnectTimeout time.Duration // 0 → 10s
	// Jump are the SSH hops to reach the device through (jump.go).
	Jump []JumpHop
}

// HashFile is one file to stream.
type HashFile struct {
	Path string // as the device names it, e.g. bootflash:x.bin
	// SFTPPath and SCPPath are where the device's servers serve Path
	// (platform.OffBox.RemotePath: EOS flash:/x.swi is /mnt/flash/x.swi);
	// "" → Path.
	SFTPPath, SCPPath string
	// MaxBytes bounds the transfer: the size the baseline approves when
	// Approved, else the size the device lists. The device's own figure
	// never lifts the cap above the hasher's MaxImageBytes (a device that
	// lists its image as 100 GB does not get to send 100 GB); 0 →
	// MaxImageBytes. A margin is added.
	MaxBytes int64
	Approved bool
}

// FileHash is the result of streaming one file.
type FileHash struct {
	Path     string
	Size     int64
	SHA512   string // lowercase hex
	MD5      string // lowercase hex, when asked
	Protocol string // sftp or scp
	SavedAs  string // forensic copy, when asked
	Duration time.Duration
}

// Hash connects once to t and streams every file, one at a time, holding
// one of the hasher's worker slots for the whole connection. A file that
// fails stops the rest: the error names it.
func (h *ImageHasher) Hash(ctx context.Context, t HashTarget, files []HashFile, log *slog.Logger) ([]FileHash, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a hash worker: %w", ctxCause(ctx))
	}
	defer func() { <-h.sem }()

	client, err := dialOffbox(ctx, t)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	stop := context.AfterFunc(ctx, func() { _ = client.Close() })
	defer stop()

	fetch, proto, err := h.fetcher(client)
	if err != nil {
		return nil, err
	}
	defer fetch.close()
	var out []FileHash
	for _, f := range files {
		fh, err := h.hashOne(ctx, fetch, f, f.remote(proto), t.Name)
		if err != nil {
			if ctx.Err() != nil {
				err = fmt.Errorf("%w (%w)", ctxCause(ctx), err)
			}
			return out, fmt.Errorf("hash %s over %s: %w", f.Path, proto, err)
		}
		fh.Protocol = proto
		log.Debug("hashed off-box", "channel", proto, "file", f.Path, "bytes", fh.Size,
			"duration_ms", fh.Duration.Milliseconds())
		out = append(out, fh)
	}
	return out, nil
}

// remote is the path to ask the proto server for.
func (f HashFile) remote(proto string) string {
	switch {
	case proto == ProtocolSFTP && f.SFTPPath != "":
		return f.SFTPPath
	case proto == ProtocolSCP && f.SCPPath != "":
		return f.SCPPath
	}
	return f.Path
}

func (h *ImageHasher) hashOne(ctx context.Context, fetch fetcher, f HashFile, remote, device string) (FileHash, error) {
	limit := h.limit(f)
	limit += sizeMargin
	sink, err := newHashSink(ctx, sinkOptions{
		limit: limit, md5: h.opts.MD5, limiter: h.limiter(),
		saveDir: h.opts.SaveDir, device: device, path: f.Path,
	})
	if err != nil {
		return FileHash{}, err
	}
	start := time.Now()
	err = fetch.fetch(remote, limit, sink)
	if cerr := sink.close(err == nil); err == nil {
		err = cerr
	}
	if err != nil {
		return FileHash{}, err
	}
	return sink.result(f.Path, time.Since(start)), nil
}

// limit is the most bytes f may carry, before the margin.
func (h *ImageHasher) limit(f HashFile) int64 {
	switch {
	case f.MaxBytes <= 0:
		return h.opts.MaxImageBytes
	case f.Approved:
		return f.MaxBytes
	}
	return min(f.MaxBytes, h.opts.MaxImageBytes)
}

func (h *ImageHasher) limiter() *rate.Limiter {
	if h.opts.BytesPerSecond <= 0 {
		return nil
	}
	burst := int(min(h.opts.BytesPerSecond, 1<<20))
	return rate.NewLimiter(rate.Limit(h.opts.BytesPerSecond), max(burst, 32<<10))
}

// fetcher streams one file into a sink.
type fetcher interface {
	fetch(path string, limit int64, w *hashSink) error
	close()
}

// fetcher picks the protocol: sftp when asked or offered, else scp.
func (h *ImageHasher) fetcher(c *ssh.Client) (fetcher, string, error) {
	if h.opts.Protocol == ProtocolSCP {
		return &scpFetcher{client: c}, ProtocolSCP, nil
	}
	f, err := newSFTPFetcher(c)
	if err == nil {
		return f, ProtocolSFTP, nil
	}
	if h.opts.Protocol == ProtocolSFTP {
		return nil, "", fmt.Errorf("open sftp: %w", err)
	}
	return &scpFetcher{client: c}, ProtocolSCP, nil
}
