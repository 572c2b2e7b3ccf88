package lab

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// scpCommand reports whether an exec request is the source side of scp
// ("scp -f FILE", what `scp device:FILE .` runs) and returns FILE.
func scpCommand(cmd string) (string, bool) {
	f := strings.Fields(cmd)
	if len(f) != 3 || f[0] != "scp" || f[1] != "-f" {
		return "", false
	}
	return f[2], true
}

// serveSCP sends one bootflash: file with the scp source protocol: wait for
// the sink's ack, send "C0444 SIZE NAME", wait, send the bytes and a zero
// status, wait. An unknown file gets the protocol's error line.
func (d *Device) serveSCP(ch io.ReadWriter, path string) uint32 {
	in := bufio.NewReader(ch)
	out := bufio.NewWriterSize(ch, 64<<10)
	fs := &sftpFS{p: d.prof.Load()}
	if !scpAck(in) {
		return 1
	}
	if d.Spec().NoFileTransfer {
		fmt.Fprintf(out, "\x01scp: %s: Permission denied\n", fs.clean(path))
		_ = out.Flush()
		return 1
	}
	f, err := fs.find(path)
	if err != nil {
		fmt.Fprintf(out, "\x01scp: %s: No such file or directory\n", fs.clean(path))
		_ = out.Flush()
		return 1
	}
	fmt.Fprintf(out, "C0444 %d %s\n", f.served(), f.Name)
	if out.Flush() != nil || !scpAck(in) {
		return 1
	}
	content := &imageContent{seed: f.Seed, size: f.served()}
	if _, err := io.Copy(out, io.NewSectionReader(content, 0, f.served())); err != nil {
		return 1
	}
	if out.WriteByte(0) != nil || out.Flush() != nil || !scpAck(in) {
		return 1
	}
	return 0
}

func scpAck(r *bufio.Reader) bool {
	b, err := r.ReadByte()
	return err == nil && b == 0
}
