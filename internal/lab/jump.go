package lab

import (
	"io"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// jumpDialTimeout bounds the connection a jump host opens for a client.
const jumpDialTimeout = 5 * time.Second

// directTCPIP is the payload of a direct-tcpip channel open (RFC 4254 §7.2).
type directTCPIP struct {
	Host       string
	Port       uint32
	OriginHost string
	OriginPort uint32
}

// forward serves one direct-tcpip channel: it connects to the requested
// address, which must be a loopback one (the lab never reaches out), and
// copies both ways until either side closes.
func (d *Device) forward(nc ssh.NewChannel, log *slog.Logger) {
	var req directTCPIP
	if err := ssh.Unmarshal(nc.ExtraData(), &req); err != nil {
		_ = nc.Reject(ssh.ConnectionFailed, "bad direct-tcpip request")
		return
	}
	ip, err := netip.ParseAddr(req.Host)
	if err != nil || !ip.IsLoopback() || req.Port == 0 || req.Port > 65535 {
		_ = nc.Reject(ssh.Prohibited, "only loopback destinations")
		return
	}
	addr := net.JoinHostPort(ip.String(), strconv.Itoa(int(req.Port)))
	target, err := net.DialTimeout("tcp", addr, jumpDialTimeout)
	if err != nil {
		_ = nc.Reject(ssh.ConnectionFailed, "connect failed")
		return
	}
	defer target.Close()
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	go ssh.DiscardRequests(reqs)
	log.Debug("jump forward", "to", addr)
	var wg sync.WaitGroup
	wg.Go(func() {
		_, _ = io.Copy(target, ch)
		_ = target.Close()
	})
	_, _ = io.Copy(ch, target)
	_ = ch.CloseWrite()
	_ = ch.Close()
	wg.Wait()
}
