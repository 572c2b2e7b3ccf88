package inventory

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// maxSSHConfig bounds an inventory-supplied ssh config file.
const maxSSHConfig = 1 << 20

// sshConfigRunsCommand are the ssh config keywords that make the audit
// host run a program or load a library; "none" is the only value allowed.
var sshConfigRunsCommand = map[string]string{
	"proxycommand":        "ProxyCommand",
	"localcommand":        "LocalCommand",
	"knownhostscommand":   "KnownHostsCommand",
	"pkcs11provider":      "PKCS11Provider",
	"securitykeyprovider": "SecurityKeyProvider",
}

// checkSSHConfig reads the ssh.config file an inventory names (memoized
// per path) and reports "" or why it is refused: the inventory may come
// from someone else (NetBox, a repository), and those keywords would run
// commands on the audit host.
func (b *builder) checkSSHConfig(path string) string {
	if msg, ok := b.sshConfigs[path]; ok {
		return msg
	}
	if b.sshConfigs == nil {
		b.sshConfigs = map[string]string{}
	}
	msg := vetSSHConfig(path)
	b.sshConfigs[path] = msg
	return msg
}

func vetSSHConfig(path string) string {
	f, err := openRegular(path)
	if err != nil {
		return fmt.Sprintf("cannot read %s: %s", quote(path), describe(err))
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxSSHConfig+1))
	sc.Buffer(make([]byte, 0, 4096), maxSSHConfig+1)
	read, line := 0, 0
	for sc.Scan() {
		line++
		read += len(sc.Bytes()) + 1
		if read > maxSSHConfig {
			break
		}
		if why := sshConfigLine(sc.Text()); why != "" {
			return fmt.Sprintf("ssh config %s line %d: %s; not allowed in an ssh config named by the inventory", quote(path), line, why)
		}
	}
	if err := sc.Err(); err != nil || read > maxSSHConfig {
		return fmt.Sprintf("ssh config %s is larger than 1 MiB or unreadable", quote(path))
	}
	return ""
}

// sshConfigLine says why one ssh config line is refused, or "".
func sshConfigLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '#' {
		return ""
	}
	i := strings.IndexAny(s, " \t=")
	if i < 0 {
		i = len(s)
	}
	kw := strings.ToLower(strings.Trim(s[:i], `"`))
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s[i:]), "="))
	val := strings.ToLower(strings.Trim(rest, `"`))
	if name, ok := sshConfigRunsCommand[kw]; ok && val != "none" {
		return name + " runs a command on the audit host"
	}
	switch kw {
	case "permitlocalcommand":
		if val != "no" {
			return "PermitLocalCommand runs a command on the audit host"
		}
	case "include":
		return "Include cannot be checked; put the included lines in this file"
	case "match":
		for _, tok := range strings.FieldsFunc(strings.ToLower(rest), func(r rune) bool { return r == ' ' || r == '\t' || r == '=' || r == ',' }) {
			if strings.Trim(strings.TrimLeft(strings.Trim(tok, `"`), "!"), `"`) == "exec" {
				return "Match exec runs a command on the audit host"
			}
		}
	}
	return ""
}
