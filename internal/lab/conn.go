package lab

import (
	"crypto/subtle"
	"errors"
	"net"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/ssh"
)

// serve accepts connections until the listener closes.
func (d *Device) serve() {
	for {
		c, err := d.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				d.lab.log.Warn("accept", "device", d.name, "err", err)
			}
			return
		}
		if !d.lab.track(c) {
			_ = c.Close()
			return
		}
		d.lab.wg.Go(func() {
			defer d.lab.untrack(c)
			defer c.Close()
			d.handleConn(c)
		})
	}
}

func (d *Device) handleConn(raw net.Conn) {
	log := d.lab.log.With("device", d.name, "remote", raw.RemoteAddr().String())
	conn := &idleConn{Conn: raw}
	conn.idle.Store(int64(handshakeTimeout))
	sc, chans, reqs, err := ssh.NewServerConn(conn, d.serverConfig())
	if err != nil {
		log.Debug("ssh handshake", "err", err)
		return
	}
	defer sc.Close()
	conn.idle.Store(int64(d.lab.idle))
	log.Debug("ssh login", "user", sc.User())
	go ssh.DiscardRequests(reqs)

	var wg sync.WaitGroup
	defer wg.Wait()
	var open atomic.Int32
	for nc := range chans {
		if nc.ChannelType() == "direct-tcpip" && d.Spec().JumpHost {
			wg.Go(func() { d.forward(nc, log) })
			continue
		}
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only session channels")
			continue
		}
		if open.Load() >= maxSessionsPerConn {
			_ = nc.Reject(ssh.ResourceShortage, "too many sessions")
			continue
		}
		ch, creqs, err := nc.Accept()
		if err != nil {
			log.Debug("accept channel", "err", err)
			continue
		}
		open.Add(1)
		wg.Go(func() {
			defer open.Add(-1)
			d.session(ch, creqs, sc.User())
		})
	}
}

// serverConfig is built per connection so a rotated host key applies to new
// connections only.
func (d *Device) serverConfig() *ssh.ServerConfig {
	p := d.prof.Load()
	check := func(user string, secret []byte) bool {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(p.spec.Username))
		s := subtle.ConstantTimeCompare(secret, []byte(p.spec.Password))
		return u&s == 1
	}
	denied := errors.New("authentication failed")
	cfg := &ssh.ServerConfig{
		MaxAuthTries:  6,
		ServerVersion: "SSH-2.0-Cisco-1.25",
		AuthLogCallback: func(c ssh.ConnMetadata, method string, err error) {
			d.auth.Add(1)
			d.lab.log.Debug("ssh auth", "device", d.name, "method", method, "ok", err == nil)
		},
		PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			if check(c.User(), pw) {
				return nil, nil
			}
			return nil, denied
		},
		KeyboardInteractiveCallback: func(c ssh.ConnMetadata, ask ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			ans, err := ask(c.User(), "", []string{"Password: "}, []bool{false})
			if err != nil {
				return nil, err
			}
			if len(ans) == 1 && check(c.User(), []byte(ans[0])) {
				return nil, nil
			}
			return nil, denied
		},
		PublicKeyCallback: func(c ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			if c.User() != p.spec.Username {
				return nil, denied
			}
			for _, k := range p.authorized {
				if subtle.ConstantTimeCompare(k.Marshal(), key.Marshal()) == 1 {
					return nil, nil
				}
			}
			return nil, denied
		},
	}
	if p.spec.Banner != "" {
		cfg.BannerCallback = func(ssh.ConnMetadata) string { return crlf(p.spec.Banner + "\n") }
	}
	cfg.AddHostKey(d.hostSigner())
	p.spec.applyQuirks(cfg)
	return cfg
}
