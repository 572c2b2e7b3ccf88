package collect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/transport"
	"github.com/scrapli/scrapligo/util"

	"fwaudit/internal/hostkey"
	"fwaudit/internal/platform"
)

const (
	defaultConnectTimeout = 10 * time.Second
	defaultCommandTimeout = 30 * time.Second
	// watchdogGrace lets scrapligo's own operation timeout fire first; the
	// watchdog only catches what scrapligo cannot (a Write blocked on a
	// peer that stopped reading).
	watchdogGrace = time.Second
	termWidth     = 512
	// readDelay is how often scrapligo polls its queue while waiting for a
	// prompt (its default, 250µs, costs ~1% of a core per waiting session).
	readDelay = time.Millisecond
	// promptSearchDepth is how much of the output's end scrapligo matches
	// the prompt pattern against after every read (its default: 1000).
	// The longest prompt a platform accepts is an ASA host with three
	// context levels, 4×63 characters; the window begins at a line start.
	promptSearchDepth = 512
)

// Target is one device as the SSH collector needs it. The integrator maps
// inventory devices to Targets; secrets are already resolved.
type Target struct {
	Name     string // for host-key messages and pins
	Address  string
	Port     int // 0 → 22
	Username string
	// Password and EnableSecret are already resolved; never logged.
	Password, EnableSecret string
	KeyFile                string
	Platform               platform.Platform
	HostKeys               *hostkey.Store
	// MaxOutputBytes is the per-command byte budget; 0 → 8 MiB.
	MaxOutputBytes int64
	// Budget, when set, is the device's memory budget: every byte read
	// reserves from it, and the collection fails with ErrBudgetExceeded
	// when it is spent. The caller releases it (budget.go).
	Budget *Budget
	// ConnectTimeout bounds the TCP connect (0 → 10s);
	// CommandTimeout bounds each command (0 → 30s).
	ConnectTimeout, CommandTimeout time.Duration
	// AuthTimeout bounds the SSH handshake, authentication, pty and shell
	// once TCP is connected (0 → ConnectTimeout).
	AuthTimeout time.Duration
	// LegacyAlgorithms also offers legacy key exchanges, ciphers, MACs and
	// ssh-rsa host keys (legacy.go), for this device only.
	LegacyAlgorithms bool
	// Jump are the SSH hops to reach the device through, in order (jump.go).
	Jump []JumpHop
	// Transport is TransportNative ("" too) or TransportSystem: the OpenSSH
	// client with SSHConfig as its -F file ("" → the user's ~/.ssh/config),
	// key-based authentication only (transport_system.go).
	Transport, SSHConfig string
	// Deep also runs the platform's deep-mode steps (Platform.Deep), which
	// cost device CPU; DeepInterval is the wait before a step that asks for
	// one (the second ASA checkheaps sample; 0 → DefaultDeepInterval).
	Deep         bool
	DeepInterval time.Duration
}

// DefaultDeepInterval is the wait between the two checkheaps samples:
// CISA's ED 25-03 hunt instructions ask for at least five minutes.
const DefaultDeepInterval = 5 * time.Minute

// CommandTiming records one command of a collection.
type CommandTiming struct {
	Command  string
	Duration time.Duration
	Bytes    int
	// Failed is the device's own error text matcher ("% Invalid input"): the
	// output is still recorded and the parser decides.
	Failed bool
}

// SSHResult is what an SSH collection returns.
type SSHResult struct {
	Outputs platform.Outputs
	// HostKeySHA256 is the fingerprint of the key the device presented,
	// set even when the key was refused.
	HostKeySHA256 string
	Commands      []CommandTiming
}

func (t *Target) setDefaults() {
	if t.Port == 0 {
		t.Port = 22
	}
	if t.MaxOutputBytes <= 0 {
		t.MaxOutputBytes = DefaultMaxOutputBytes
	}
	if t.ConnectTimeout <= 0 {
		t.ConnectTimeout = defaultConnectTimeout
	}
	if t.CommandTimeout <= 0 {
		t.CommandTimeout = defaultCommandTimeout
	}
	if t.AuthTimeout <= 0 {
		t.AuthTimeout = t.ConnectTimeout
	}
	if t.DeepInterval <= 0 {
		t.DeepInterval = DefaultDeepInterval
	}
}

// CollectSSH logs in to t, raises privilege with the enable secret, runs
// t.Platform's commands and then its follow-ups, and returns the outputs
// keyed by the exact command. Any timeout or budget overrun fails the
// whole collection (outputs gathered so far are returned with the error).
func CollectSSH(ctx context.Context, t Target, log *slog.Logger) (SSHResult, error) {
	t.setDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("channel", "ssh")
	res := SSHResult{Outputs: platform.Outputs{}}
	if t.HostKeys == nil {
		return res, errors.New("collect ssh: no host key store")
	}
	if t.Platform.ScrapliPlatform == "" {
		return res, fmt.Errorf("collect ssh: platform %q has no scrapli platform", t.Platform.Name)
	}
	tr := newSSHTransport(ctx, t.ConnectTimeout, t.HostKeys.Callback(t.Name), t.MaxOutputBytes)
	tr.keyFile = t.KeyFile
	tr.budget = t.Budget
	tr.authTimeout = t.AuthTimeout
	tr.legacy = t.LegacyAlgorithms
	tr.name, tr.jumps = t.Name, t.Jump
	tr.hostKeyAlgos = t.HostKeys.Algorithms(fmt.Sprintf("%s:%d", t.Address, t.Port))
	stop := context.AfterFunc(ctx, func() { tr.abort(ctxCause(ctx)) })
	defer stop()

	var impl transport.Implementation = tr
	if t.Transport == TransportSystem {
		if len(t.Jump) > 0 {
			return res, errors.New("collect ssh: jump hosts need the native transport (use ProxyJump in the ssh config with transport: system)")
		}
		impl = &systemTransport{sshTransport: tr, binary: "ssh", config: t.SSHConfig, store: t.HostKeys,
			stderr: &cappedBuffer{max: maxSSHStderr}, ctx: ctx}
	}
	drv, err := newDriver(t, impl)
	if err != nil {
		return res, fmt.Errorf("set up scrapligo driver: %w", err)
	}
	s := &session{drv: drv, tr: tr, timeout: t.CommandTimeout, log: log, after: t.Platform.AfterCommand}
	err = s.open((t.ConnectTimeout + t.AuthTimeout) * time.Duration(1+len(t.Jump)))
	res.HostKeySHA256 = tr.hostKeySHA256()
	if err != nil {
		return res, fmt.Errorf("log in: %w", err)
	}
	defer s.close()
	if err := s.runAll(t.Platform.Commands, &res); err != nil {
		return res, err
	}
	if t.Platform.FollowUp != nil && t.Platform.Parse != nil {
		f, _ := t.Platform.Parse(res.Outputs) // parse errors are the auditor's business
		if err := s.runAll(t.Platform.FollowUp(f), &res); err != nil {
			return res, err
		}
	}
	if t.Deep {
		return res, s.runDeep(ctx, t.Platform.Deep, t.DeepInterval, &res)
	}
	return res, nil
}

// runDeep runs the deep-mode steps in order, waiting interval before a
// step that asks for it (ctx ends the wait).
func (s *session) runDeep(ctx context.Context, steps []platform.Step, interval time.Duration, res *SSHResult) error {
	for _, st := range steps {
		key := st.OutputKey()
		if _, done := res.Outputs[key]; done || st.Skip != nil && st.Skip(res.Outputs) {
			continue
		}
		if st.Wait {
			s.log.Debug("deep: waiting", "command", st.Send, "interval", interval.String())
			select {
			case <-ctx.Done():
				return fmt.Errorf("deep mode: waiting %s before %q: %w", interval, st.Send, ctxCause(ctx))
			case <-time.After(interval):
			}
		}
		out, timing, err := s.run(st.Send)
		if err != nil {
			return err
		}
		res.Outputs[key] = out
		timing.Command = key
		res.Commands = append(res.Commands, timing)
	}
	return nil
}

func newDriver(t Target, tr transport.Implementation) (*network.Driver, error) {
	def, err := scrapliDefFor(t.Platform.ScrapliPlatform) // detect.go
	if err != nil {
		return nil, err
	}
	return network.NewDriver(t.Address, def.driverOptions(
		options.WithCustomTransport(tr),
		options.WithPort(t.Port),
		options.WithAuthUsername(t.Username),
		options.WithAuthPassword(t.Password),
		options.WithAuthSecondary(t.EnableSecret),
		options.WithTimeoutOps(t.CommandTimeout),
		options.WithTimeoutSocket(t.ConnectTimeout),
		options.WithTermWidth(termWidth),
		options.WithTransportReadSize(pumpChunk),
		options.WithReadDelay(readDelay),
		options.WithPromptSearchDepth(promptSearchDepth),
	)...)
}

// ctxCause is the transport's cause when ctx ends: a deadline is a timeout.
func ctxCause(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrTimeout, ctx.Err())
	}
	return ctx.Err()
}

// session runs commands over one open driver.
type session struct {
	drv     *network.Driver
	tr      *sshTransport
	timeout time.Duration
	log     *slog.Logger
	// after is the platform's AfterCommand (session steps such as the
	// ASA's changeto system); nil: none.
	after func(cmd, output string) []string
}

// open logs in and runs the platform's on-open steps (enable, terminal
// length 0). Scrapligo bounds each step; the watchdog bounds the whole.
func (s *session) open(connectTimeout time.Duration) error {
	start := time.Now()
	guard := s.watchdog(connectTimeout+6*s.timeout, "log in")
	defer guard.Stop()
	if err := s.drv.Open(); err != nil {
		return s.cause(err)
	}
	s.log.Debug("session open", "duration_ms", time.Since(start).Milliseconds(), "priv", s.drv.CurrentPriv)
	return nil
}

func (s *session) close() {
	// Skip the platform's on-close ("exit"): a hostile device could hang
	// it. Closing the channel closes the SSH connection.
	_ = s.drv.Channel.Close()
}

func (s *session) runAll(cmds []string, res *SSHResult) error {
	for _, cmd := range cmds {
		if _, done := res.Outputs[cmd]; done {
			continue
		}
		out, timing, err := s.run(cmd)
		if err != nil {
			return err
		}
		res.Outputs[cmd] = out
		res.Commands = append(res.Commands, timing)
		if s.after != nil {
			if err := s.runSteps(s.after(cmd, out), res); err != nil {
				return err
			}
		}
	}
	return nil
}

// runSteps runs session steps (no further AfterCommand: a step cannot
// chain steps, so a hostile answer cannot loop the session).
func (s *session) runSteps(cmds []string, res *SSHResult) error {
	for _, cmd := range cmds {
		if _, done := res.Outputs[cmd]; done {
			continue
		}
		out, timing, err := s.run(cmd)
		if err != nil {
			return err
		}
		res.Outputs[cmd] = out
		res.Commands = append(res.Commands, timing)
	}
	return nil
}

func (s *session) run(cmd string) (string, CommandTiming, error) {
	s.tr.resetBudget()
	guard := s.watchdog(s.timeout+watchdogGrace, fmt.Sprintf("run %q", cmd))
	defer guard.Stop()
	start := time.Now()
	s.log.Debug("send", "command", cmd)
	r, err := s.drv.SendCommand(cmd, opoptions.WithTimeoutOps(s.timeout), opoptions.WithNoStripPrompt())
	if err != nil {
		return "", CommandTiming{}, fmt.Errorf("run %q: %w", cmd, s.cause(err))
	}
	r.Result = stripPrompt(r.Result, s.drv.Channel.PromptPattern)
	timing := CommandTiming{Command: cmd, Duration: time.Since(start), Bytes: len(r.RawResult), Failed: r.Failed != nil}
	s.log.Debug("received", "command", cmd, "duration_ms", timing.Duration.Milliseconds(),
		"bytes", timing.Bytes, "failed", timing.Failed)
	return r.Result, timing, nil
}

// stripPrompt cuts the prompt that ends out (scrapligo reads until it).
// Scrapligo's own stripping runs the joined prompt regex over the whole
// output (ReplaceAll: ~7 % of a sweep's CPU) and also deletes any output
// line that looks like a prompt ("backup#" in a listing); only the end is
// the prompt. The last two lines are tried first: a Junos prompt may be
// "{master:0}" and "user@mx1>" on two lines.
func stripPrompt(out string, prompt *regexp.Regexp) string {
	for _, lines := range []int{2, 1} {
		start := len(out)
		for n := 0; n < lines && start > 0; n++ {
			start = strings.LastIndexByte(out[:start], '\n')
			if start < 0 {
				start = 0
				break
			}
		}
		if out[start:] != "" && out[start] == '\n' {
			start++
		}
		tail := out[start:]
		if loc := prompt.FindStringIndex(tail); loc != nil && loc[0] == 0 && loc[1] == len(tail) {
			return strings.TrimRight(out[:start], "\n")
		}
	}
	return out
}

func (s *session) watchdog(d time.Duration, what string) *time.Timer {
	return time.AfterFunc(d, func() {
		s.tr.abort(fmt.Errorf("%w: %s: no answer within %s", ErrTimeout, what, d))
	})
}

// cause maps a scrapligo error to ours. The transport's own cause (budget,
// ctx, watchdog, host key, auth) wins: scrapligo sometimes drops the chain
// (AcquirePriv wraps everything as ErrPrivilegeError).
func (s *session) cause(err error) error {
	if c := s.tr.Cause(); c != nil {
		return c
	}
	if errors.Is(err, util.ErrTimeoutError) {
		return fmt.Errorf("%w: no prompt within %s: %w", ErrTimeout, s.timeout, err)
	}
	if errors.Is(err, util.ErrConnectionError) {
		return fmt.Errorf("%w: %w", ErrDisconnected, err)
	}
	if errors.Is(err, util.ErrPrivilegeError) {
		return fmt.Errorf("%w with enable (check the enable secret): %w", ErrPrivilege, err)
	}
	return err
}
