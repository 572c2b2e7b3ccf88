package collect_test

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
)

// fakeDevice is a tiny IOS-like SSH peer on loopback for failure injection
// the lab cannot produce on demand: it can hang after login, stream endless
// output, or never answer a command. Everything else runs against the lab.
type fakeDevice struct {
	addr     string
	key      ssh.Signer
	attempts atomic.Int64
	// hangAfterLogin: open the shell, never print a prompt.
	hangAfterLogin bool
	// flooded counts the bytes "show flood" managed to write.
	flooded atomic.Int64
}

const (
	fakeUser, fakePassword, fakeEnable = "admin", "pw", "en"
	fakeVersion                        = "17.9.4a"
)

func startFakeDevice(t testing.TB, hangAfterLogin bool) *fakeDevice {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	key, err := ssh.NewSignerFromKey(priv)
	require.NoError(t, err)
	d := &fakeDevice{key: key, hangAfterLogin: hangAfterLogin}
	cfg := &ssh.ServerConfig{
		PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			if c.User() == fakeUser && string(pw) == fakePassword {
				return nil, nil
			}
			return nil, fmt.Errorf("denied")
		},
		AuthLogCallback: func(ssh.ConnMetadata, string, error) { d.attempts.Add(1) },
	}
	cfg.AddHostKey(key)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	d.addr = ln.Addr().String()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go d.serve(c, cfg)
		}
	}()
	return d
}

func (d *fakeDevice) serve(c net.Conn, cfg *ssh.ServerConfig) {
	defer c.Close()
	sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	defer sc.Close()
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		ch, creqs, err := nc.Accept()
		if err != nil {
			return
		}
		go func() {
			for r := range creqs {
				_ = r.Reply(r.Type == "pty-req" || r.Type == "shell", nil)
			}
		}()
		go func() {
			defer ch.Close()
			if d.hangAfterLogin {
				_, _ = io.Copy(io.Discard, ch) // until the client goes away
				return
			}
			d.shell(ch)
		}()
	}
}

func (d *fakeDevice) shell(ch ssh.Channel) {
	prompt := "fake1>"
	r := bufio.NewReader(ch)
	w := func(s string) bool { _, err := ch.Write([]byte(s)); return err == nil }
	w("\r\n" + prompt)
	for {
		line, ok := readLine(r, ch, true)
		if !ok {
			return
		}
		out := ""
		switch strings.TrimSpace(line) {
		case "":
		case "enable":
			w("\r\nPassword: ")
			if pw, ok := readLine(r, ch, false); !ok {
				return
			} else if pw == fakeEnable {
				prompt = "fake1#"
			} else {
				out = "% Access denied"
			}
		case "terminal width 512", "terminal length 0":
		case "show version":
			out = "Cisco IOS XE Software, Version " + fakeVersion + "\r\nROM: IOS-XE ROMMON"
		case "show privileged":
			if strings.HasSuffix(prompt, ">") {
				out = "% Invalid input detected at '^' marker."
			} else {
				out = "privileged ok"
			}
		case "show flood":
			line := []byte(strings.Repeat("A", 1023) + "\n")
			for {
				n, err := ch.Write(line)
				d.flooded.Add(int64(n))
				if err != nil {
					return
				}
			}
		case "show hang":
			_, _ = io.Copy(io.Discard, r)
			return
		default:
			out = "% Invalid input detected at '^' marker."
		}
		if !w("\r\n" + out + "\r\n" + prompt) {
			return
		}
	}
}

// readLine reads up to a newline, echoing like a PTY when echo is set.
func readLine(r *bufio.Reader, ch ssh.Channel, echo bool) (string, bool) {
	var b strings.Builder
	for {
		c, err := r.ReadByte()
		if err != nil {
			return "", false
		}
		if c == '\n' || c == '\r' {
			return b.String(), true
		}
		b.WriteByte(c)
		if echo {
			if _, err := ch.Write([]byte{c}); err != nil {
				return "", false
			}
		}
	}
}
