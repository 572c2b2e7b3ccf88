package collect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/hostkey"
	"fwaudit/internal/textsafe"
)

// resolveTimeout bounds one `ssh -G` (a Match exec in the config runs).
const resolveTimeout = 10 * time.Second

// errJumpChain: a ProxyJump list of more than one host under transport:
// system (each hop would need its own trust options).
var errJumpChain = errors.New("ProxyJump with more than one host needs the native transport's jump hosts")

// jumpArgs are the options that replace the config's ProxyJump for the
// device: OpenSSH reaches a ProxyJump host with a child ssh that reads only
// the config, not our -o options, so the config alone would decide whether
// the jump host's key is trusted. Instead the jump hop is an explicit
// ProxyCommand running the same ssh with the same trust options, checked
// against fwaudit's known_hosts under the address it connects to. No
// ProxyJump: nil.
func (t *systemTransport) jumpArgs(ctx context.Context, bin string, deviceArgs []string, strict string) ([]string, error) {
	dev, err := sshResolve(ctx, bin, deviceArgs)
	if err != nil {
		return nil, err
	}
	spec := dev["proxyjump"]
	if spec == "" || spec == "none" {
		return nil, nil
	}
	if strings.Contains(spec, ",") {
		return nil, errJumpChain
	}
	user, host, port, err := parseJump(spec)
	if err != nil {
		return nil, err
	}
	hop := []string{}
	if user != "" {
		hop = append(hop, "-l", user)
	}
	if port != "" {
		hop = append(hop, "-p", port)
	}
	if t.config != "" {
		hop = append(hop, "-F", t.config)
	}
	resolved, err := sshResolve(ctx, bin, append(hop, "--", host))
	if err != nil {
		return nil, err
	}
	jhost, jport := resolved["hostname"], resolved["port"]
	if jhost == "" || jport == "" {
		return nil, fmt.Errorf("resolve jump host %q: no hostname or port", host)
	}
	cmd := []string{bin}
	cmd = append(cmd, trustOptions(strict, t.store.Path(), jhost, jport)...)
	cmd = append(cmd, "-o", "BatchMode=yes", "-o", "ProxyJump=none", "-o", "ProxyCommand=none",
		"-o", "ConnectTimeout="+strconv.Itoa(t.connectSeconds()), "-p", jport)
	log, err := os.CreateTemp("", "fwaudit-jump-*.log")
	if err != nil {
		return nil, fmt.Errorf("jump host log: %w", err)
	}
	_ = log.Close()
	t.jumpLog, t.jumpName = log.Name(), textsafe.Clean(net.JoinHostPort(jhost, jport), 200)
	// The hop's messages go to their own file, so its key is never taken
	// for the device's (keyWatch, exitCause).
	cmd = append(cmd, "-E", t.jumpLog)
	cmd = append(cmd, hop...)
	cmd = append(cmd, "-W", "[%h]:%p", "--", host)
	quoted := make([]string, len(cmd))
	for i, a := range cmd {
		quoted[i] = shellQuote(a)
	}
	// %h and %p are the device's; every other % is literal.
	line := strings.ReplaceAll(strings.Join(quoted, " "), "%", "%%")
	line = strings.ReplaceAll(line, "[%%h]:%%p", "[%h]:%p")
	return []string{"-o", "ProxyCommand=" + line}, nil
}

// jumpCause is the jump hop's host-key refusal from its log, or nil; the
// log is removed.
func (t *systemTransport) jumpCause() error {
	if t.jumpLog == "" {
		return nil
	}
	defer func() { _ = os.Remove(t.jumpLog) }()
	f, err := os.Open(t.jumpLog)
	if err != nil {
		return fmt.Errorf("verify jump host key: %w: read the jump hop's log: %w", hostkey.ErrHostKeyUnknown, err)
	}
	defer func() { _ = f.Close() }()
	b, _ := io.ReadAll(io.LimitReader(f, maxSSHStderr))
	msg := preAuth(string(b))
	fp := serverKey(msg)
	kh := t.store.Path()
	switch {
	case sshChangedRE.MatchString(msg):
		return fmt.Errorf("verify jump host key: %w: jump host %s presented %s, which %s does not pin; ssh refused before authenticating, credentials were not sent",
			hostkey.ErrHostKeyChanged, t.jumpName, fp, kh)
	case sshRefusedRE.MatchString(msg):
		return fmt.Errorf("verify jump host key: %w: jump host %s presented a key that is not in %s; ssh refused before authenticating, credentials were not sent",
			hostkey.ErrHostKeyUnknown, t.jumpName, kh)
	}
	return nil
}

// trustOptions are the options that decide whether host's key is trusted:
// only fwaudit's known_hosts (t.store) under the name it connects to.
func trustOptions(strict, knownHosts, host, port string) []string {
	return []string{
		"-o", "StrictHostKeyChecking=" + strict,
		"-o", "UserKnownHostsFile=" + knownHosts,
		"-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "KnownHostsCommand=none", // a command could vouch for any key
		"-o", "UpdateHostKeys=no", // the device may not add keys
		"-o", "VerifyHostKeyDNS=no", // nor its DNS
		"-o", "CheckHostIP=no",
		"-o", "HostName=" + host, // where we connect is where the key is looked up
		"-o", "HostKeyAlias=" + knownhosts.Normalize(net.JoinHostPort(host, port)),
		"-o", "CanonicalizeHostname=no", // no renaming before the key lookup
		"-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
		"-o", "ControlMaster=no", "-o", "ControlPath=none", // a shared master skips the key check
		"-o", "ForwardAgent=no", "-o", "ForwardX11=no", "-o", "ClearAllForwardings=yes",
		"-o", "PermitLocalCommand=no",
	}
}

// parseJump splits a ProxyJump entry ([user@]host[:port] or
// ssh://[user@]host[:port]).
func parseJump(spec string) (user, host, port string, err error) {
	s := strings.TrimPrefix(spec, "ssh://")
	if u, rest, ok := strings.Cut(s, "@"); ok {
		user, s = u, rest
	}
	host = s
	if h, p, err := net.SplitHostPort(s); err == nil {
		host, port = h, p
	}
	if host == "" || strings.HasPrefix(host, "-") {
		return "", "", "", fmt.Errorf("bad ProxyJump %q", spec)
	}
	return user, host, port, nil
}

// sshResolve runs `ssh -G args` and returns its settings (lowercase keys).
func sshResolve(ctx context.Context, bin string, args []string) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"-G"}, args...)...)
	cmd.Env = sshEnv(os.Environ())
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("resolve ssh config (ssh -G): %w", err)
	}
	if len(out) > maxSSHStderr*4 {
		return nil, errors.New("resolve ssh config: output too large")
	}
	m := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		if _, seen := m[k]; !seen {
			m[k] = v
		}
	}
	return m, nil
}

// shellQuote quotes s for /bin/sh (ssh runs ProxyCommand with the shell).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
