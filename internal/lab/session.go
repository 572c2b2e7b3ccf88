package lab

import (
	"bufio"
	"sync"

	"golang.org/x/crypto/ssh"
)

// session serves one "session" channel: pty-req, window-change, env, shell,
// exec and the sftp subsystem.
func (d *Device) session(ch ssh.Channel, reqs <-chan *ssh.Request, user string) {
	defer ch.Close()
	var (
		wg      sync.WaitGroup
		started bool
		pty     bool
	)
	defer wg.Wait()
	finish := func(status uint32) {
		_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{status}))
		_ = ch.Close()
	}
	for req := range reqs {
		ok := false
		var start func() // runs after the reply: a fast command must not close the channel before it
		switch req.Type {
		case "pty-req":
			var m struct {
				Term          string
				Cols, Rows    uint32
				Width, Height uint32
				Modes         string
			}
			pty, ok = ssh.Unmarshal(req.Payload, &m) == nil, true
		case "window-change":
			var m struct{ Cols, Rows, Width, Height uint32 }
			ok = ssh.Unmarshal(req.Payload, &m) == nil
		case "env":
			ok = true
		case "shell":
			if !started {
				started, ok = true, true
				sh := d.newShell(ch, pty)
				start = func() {
					if !sh.hostileShell() {
						sh.run()
					}
					finish(0)
				}
			}
		case "exec":
			var m struct{ Command string }
			if !started && ssh.Unmarshal(req.Payload, &m) == nil && len(m.Command) <= maxLineBytes {
				started, ok = true, true
				sh := d.newShell(ch, false)
				start = func() { finish(sh.exec(m.Command)) }
				if file, isSCP := scpCommand(m.Command); isSCP {
					start = func() { finish(d.serveSCP(ch, file)) }
				}
			}
		case "subsystem":
			var m struct{ Name string }
			if !started && ssh.Unmarshal(req.Payload, &m) == nil && m.Name == "sftp" {
				started, ok = true, true
				start = func() { finish(d.serveSFTP(ch)) }
			}
		}
		if req.WantReply {
			_ = req.Reply(ok, nil)
		}
		if start != nil {
			wg.Go(start)
		}
	}
}

// newShell makes the CLI state for one session.
func (d *Device) newShell(ch ssh.Channel, pty bool) *shell {
	out := bufio.NewWriterSize(ch, 32<<10)
	ctx := ""
	if s := d.Spec(); s.Platform == "cisco_asa" && s.ASAMode == "multiple" {
		ctx = "admin"
	}
	return &shell{
		context: ctx,
		d:       d,
		out:     out,
		in:      &input{r: bufio.NewReaderSize(ch, 4<<10), flush: out.Flush},
		pty:     pty,
		priv:    labPlatformOf(d.Spec()).privileged,
		length:  24,
		width:   80,
	}
}
