package collect

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	"fwaudit/internal/textsafe"
)

// ErrSCP means the device's scp source side answered outside the protocol
// or reported an error.
var ErrSCP = errors.New("scp protocol error")

// maxSCPLine bounds a control line ("C0644 SIZE NAME", "T…", an error).
const maxSCPLine = 1024

// scpFetcher streams files with the scp source protocol: it runs
// `scp -f PATH` on the device, which is what `scp device:PATH .` does.
type scpFetcher struct{ client *ssh.Client }

func (f *scpFetcher) close() {}

func (f *scpFetcher) fetch(path string, limit int64, w *hashSink) error {
	s, err := f.client.NewSession()
	if err != nil {
		return fmt.Errorf("open session: %w", err)
	}
	defer s.Close()
	stdin, err := s.StdinPipe()
	if err != nil {
		return fmt.Errorf("open session: %w", err)
	}
	stdout, err := s.StdoutPipe()
	if err != nil {
		return fmt.Errorf("open session: %w", err)
	}
	if err := s.Start("scp -f " + path); err != nil {
		return fmt.Errorf("start scp: %w", err)
	}
	return SCPReceive(bufio.NewReaderSize(stdout, 64<<10), stdin, limit, w)
}

// SCPReceive is the sink side of the scp protocol for one regular file: it
// acknowledges, reads the C line, refuses a size above limit, copies exactly
// SIZE bytes to w and checks the source's final status byte. Every read is
// bounded; device text in errors is made safe.
func SCPReceive(r *bufio.Reader, ack io.Writer, limit int64, w io.Writer) error {
	if _, err := ack.Write([]byte{0}); err != nil {
		return fmt.Errorf("scp: send ack: %w", err)
	}
	var size int64
	for {
		line, err := scpLine(r)
		if err != nil {
			return err
		}
		switch line[0] {
		case 'T': // times (-p): acknowledge and read on
			if _, err := ack.Write([]byte{0}); err != nil {
				return fmt.Errorf("scp: send ack: %w", err)
			}
			continue
		case 'C':
			size, err = parseSCPHeader(line)
			if err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: unexpected %q", ErrSCP, textsafe.Field(line))
		}
		break
	}
	if size > limit {
		return fmt.Errorf("%w: device announced %d bytes, at most %d expected", ErrSizeExceeded, size, limit)
	}
	if _, err := ack.Write([]byte{0}); err != nil {
		return fmt.Errorf("scp: send ack: %w", err)
	}
	if _, err := io.CopyN(w, r, size); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("scp: read file: %w", err)
	}
	if err := scpStatus(r); err != nil {
		return err
	}
	_, _ = ack.Write([]byte{0})
	return nil
}

// scpLine reads one control line. A leading 1 or 2 byte is the source's
// warning or error; its text is returned as an error.
func scpLine(r *bufio.Reader) (string, error) {
	b, err := r.ReadByte()
	if err != nil {
		return "", fmt.Errorf("%w: no reply: %w", ErrSCP, err)
	}
	if b == 1 || b == 2 {
		msg, _ := readBoundedLine(r)
		return "", fmt.Errorf("%w: device: %q", ErrSCP, textsafe.Field(msg))
	}
	if err := r.UnreadByte(); err != nil {
		return "", err
	}
	line, err := readBoundedLine(r)
	if err != nil {
		return "", err
	}
	if line == "" {
		return "", fmt.Errorf("%w: empty control line", ErrSCP)
	}
	return line, nil
}

func readBoundedLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for b.Len() <= maxSCPLine {
		c, err := r.ReadByte()
		if err != nil {
			return b.String(), fmt.Errorf("%w: control line: %w", ErrSCP, err)
		}
		if c == '\n' {
			return b.String(), nil
		}
		b.WriteByte(c)
	}
	return "", fmt.Errorf("%w: control line longer than %d bytes", ErrSCP, maxSCPLine)
}

// parseSCPHeader parses "C0644 SIZE NAME".
func parseSCPHeader(line string) (int64, error) {
	parts := strings.SplitN(line, " ", 3)
	if len(parts) != 3 || len(parts[0]) != 5 {
		return 0, fmt.Errorf("%w: bad file header %q", ErrSCP, textsafe.Field(line))
	}
	size, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || size < 0 {
		return 0, fmt.Errorf("%w: bad file size in %q", ErrSCP, textsafe.Field(line))
	}
	return size, nil
}

// scpStatus reads the byte that follows the file data: 0 is success.
func scpStatus(r *bufio.Reader) error {
	b, err := r.ReadByte()
	if err != nil {
		return fmt.Errorf("%w: no status after file: %w", ErrSCP, err)
	}
	if b == 0 {
		return nil
	}
	msg, _ := readBoundedLine(r)
	return fmt.Errorf("%w: device after file: %q", ErrSCP, textsafe.Field(msg))
}
