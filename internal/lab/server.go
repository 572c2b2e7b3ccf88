package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Options tune a running lab.
type Options struct {
	Host   string       // listen address; default "127.0.0.1"
	Logger *slog.Logger // default: discard
	// AuthorizedKeys are accepted for public-key login on every device, in
	// addition to the fleet's authorized_keys (OpenSSH clients in BatchMode).
	AuthorizedKeys []string
	// IdleTimeout closes a connection with no traffic; default 5 minutes.
	IdleTimeout time.Duration
}

// Server-side bounds: a hostile or broken client cannot exhaust the lab.
const (
	maxLineBytes       = 4096
	maxSessionsPerConn = 8
	handshakeTimeout   = 15 * time.Second
	defaultIdleTimeout = 5 * time.Minute
)

// Lab is a running fleet.
type Lab struct {
	devices []*Device
	byName  map[string]*Device
	log     *slog.Logger
	idle    time.Duration

	stop      context.CancelFunc
	closeOnce sync.Once
	wg        sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	done  bool
}

// Start starts every device of the fleet on opts.Host:0 (one port each).
// Cancelling ctx stops the lab like Close.
func Start(ctx context.Context, fleet *Fleet, opts Options) (*Lab, error) {
	if opts.Host == "" {
		opts.Host = "127.0.0.1"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = defaultIdleTimeout
	}
	l := &Lab{byName: map[string]*Device{}, log: opts.Logger, idle: opts.IdleTimeout, conns: map[net.Conn]struct{}{}}
	started := time.Now()
	for i := range fleet.Devices {
		d, err := newDevice(fleet.Resolved(i), opts.AuthorizedKeys, hashes, started)
		if err != nil {
			_ = l.Close()
			return nil, fmt.Errorf("start lab: %w", err)
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(opts.Host, "0"))
		if err != nil {
			_ = l.Close()
			return nil, fmt.Errorf("start lab: listen for %s: %w", d.Name(), err)
		}
		d.ln = ln
		if err := d.listenSNMP(opts.Host); err != nil {
			_ = l.Close()
			return nil, fmt.Errorf("start lab: %w", err)
		}
		d.lab = l
		l.devices = append(l.devices, d)
		l.byName[d.Name()] = d
	}
	ctx, l.stop = context.WithCancel(ctx)
	for _, d := range l.devices {
		l.wg.Go(func() { d.serve() })
		l.wg.Go(func() { d.serveSNMP(ctx) })
	}
	l.wg.Go(func() {
		<-ctx.Done()
		l.shutdown()
	})
	return l, nil
}

// Devices returns the devices in fleet order.
func (l *Lab) Devices() []*Device { return l.devices }

// Device returns the named device, or nil.
func (l *Lab) Device(name string) *Device { return l.byName[name] }

// Close stops every listener and open session and waits for them to end.
func (l *Lab) Close() error {
	l.shutdown()
	if l.stop != nil {
		l.stop()
	}
	l.wg.Wait()
	return nil
}

func (l *Lab) shutdown() {
	l.closeOnce.Do(func() {
		l.mu.Lock()
		l.done = true
		conns := l.conns
		l.conns = nil
		l.mu.Unlock()
		var errs []error
		for _, d := range l.devices {
			if d.ln != nil {
				errs = append(errs, d.ln.Close())
			}
		}
		for c := range conns {
			_ = c.Close()
		}
		if err := errors.Join(errs...); err != nil {
			l.log.Debug("closing listeners", "err", err)
		}
	})
}

// track registers an open connection so Close can end it. It returns false
// when the lab is already closing.
func (l *Lab) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return false
	}
	l.conns[c] = struct{}{}
	return true
}

func (l *Lab) untrack(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.conns, c)
}

// idleConn pushes the deadline forward on every read and write.
type idleConn struct {
	net.Conn
	idle atomic.Int64 // time.Duration
}

func (c *idleConn) Read(p []byte) (int, error) {
	_ = c.Conn.SetReadDeadline(time.Now().Add(time.Duration(c.idle.Load())))
	return c.Conn.Read(p)
}

func (c *idleConn) Write(p []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(time.Duration(c.idle.Load())))
	return c.Conn.Write(p)
}
