package lab

import (
	"bufio"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"
)

// shell is the CLI state of one session.
type shell struct {
	d      *Device
	in     *input
	out    *bufio.Writer
	pty    bool
	priv   bool
	length int // terminal length; 0 = no paging
	width  int
	// context is the ASA user context ("" system); a multiple-context ASA
	// session starts in admin.
	context string
}

// input reads keys from the client. A CR followed by LF is one key press.
type input struct {
	r      *bufio.Reader
	flush  func() error
	skipLF bool
}

func (in *input) key() (byte, error) {
	for {
		if in.r.Buffered() == 0 {
			if err := in.flush(); err != nil {
				return 0, err
			}
		}
		b, err := in.r.ReadByte()
		if err != nil {
			return 0, err
		}
		lf := in.skipLF && b == '\n'
		in.skipLF = b == '\r'
		if !lf {
			return b, nil
		}
	}
}

// line reads one line, echoing as a PTY would (unless echo is false, as for
// passwords). Bytes past maxLineBytes are dropped.
func (s *shell) line(echo bool) (string, error) {
	var buf []byte
	for {
		b, err := s.in.key()
		if err != nil {
			return "", err
		}
		switch {
		case b == '\r' || b == '\n':
			s.write("\n")
			return string(buf), nil
		case b == 0x7f || b == 0x08:
			if len(buf) > 0 {
				buf = buf[:len(buf)-1]
				if echo {
					_, _ = s.out.WriteString("\b \b")
				}
			}
		case b == 0x03 || b == 0x15: // ^C, ^U: drop the line
			s.write("\n")
			return "", nil
		case b < 0x20:
			// tab, escape and other controls are ignored
		case len(buf) < maxLineBytes:
			buf = append(buf, b)
			if echo {
				_ = s.out.WriteByte(b)
			}
		}
	}
}

// write sends text with LF turned into CRLF, as devices do.
func (s *shell) write(text string) { _, _ = s.out.WriteString(crlf(text)) }

func crlf(text string) string { return strings.ReplaceAll(text, "\n", "\r\n") }

func (s *shell) prompt() string {
	if spec := &s.d.prof.Load().spec; labPlatformOf(*spec).prompt != nil {
		return labPlatformOf(*spec).prompt(spec.Hostname)
	}
	host := s.d.Spec().Hostname
	if s.context != "" {
		host += "/" + s.context
	}
	if s.priv {
		return host + "#"
	}
	return host + ">"
}

// run is the interactive CLI loop; it returns when the client leaves.
func (s *shell) run() {
	s.write("\n" + s.prompt())
	for {
		l, err := s.line(true)
		if err != nil {
			return
		}
		if !s.handle(l) {
			_ = s.out.Flush()
			return
		}
		s.write(s.prompt())
	}
}

// exec runs one command (ssh host 'show version') at privilege 15, as for a
// "username admin privilege 15" account, and returns the exit status.
func (s *shell) exec(cmd string) uint32 {
	s.priv = true
	s.length = 0
	s.handle(cmd)
	if err := s.out.Flush(); err != nil {
		return 1
	}
	return 0
}

// handle runs one command line; it returns false when the session ends.
func (s *shell) handle(l string) bool {
	s.d.record(l)
	r := parse(l, s.prompt(), labPlatformOf(s.d.Spec()).table())
	switch {
	case r.err != "":
		s.write(r.err)
		return true
	case r.cmd == nil:
		return true
	}
	switch r.cmd.act {
	case actExit:
		return false
	case actEnable:
		s.enable()
	case actDisable:
		s.priv = false
	case actChangeto:
		s.write(s.changeto(r.args))
	case actTermLength, actTermWidth:
		n, err := strconv.Atoi(r.args[0])
		if err != nil || n < 0 || n > 512 {
			s.write(r.invalid(r.argIdx))
		} else if r.cmd.act == actTermLength {
			s.length = n
		} else {
			s.width = n
		}
	default:
		if r.cmd.priv && !s.priv {
			s.write(r.invalid(len(r.cmd.words) - 1))
			return true
		}
		out := r.cmd.run(&cmdEnv{p: s.d.prof.Load(), now: time.Now(), context: s.context}, r.args)
		out, errText := r.pipe(out)
		if errText != "" {
			s.write(errText)
			return true
		}
		out, keep := s.hostile(r.cmd.words, r.args, out)
		if !keep {
			return false
		}
		s.page(out)
	}
	return true
}

// enable asks for the enable secret; a wrong one leaves the user in exec mode.
func (s *shell) enable() {
	if s.priv {
		return
	}
	s.write("Password: ")
	pw, err := s.line(false)
	if err != nil {
		return
	}
	want := s.d.Spec().EnableSecret
	if subtle.ConstantTimeCompare([]byte(pw), []byte(want)) == 1 {
		s.priv = true
		return
	}
	s.write("% Access denied\n\n")
}

// changeto switches an ASA's security context: `changeto system` or
// `changeto context NAME`; a single-mode ASA refuses both.
func (s *shell) changeto(args []string) string {
	if s.d.Spec().ASAMode != "multiple" {
		return "            ^\nERROR: % Invalid input detected at '^' marker.\n"
	}
	switch {
	case len(args) == 1 && strings.EqualFold(args[0], "system"):
		s.context = ""
	case len(args) == 2 && strings.EqualFold(args[0], "context") && nameRE.MatchString(args[1]):
		s.context = args[1]
	default:
		return "ERROR: % Invalid input detected at '^' marker.\n"
	}
	return ""
}
