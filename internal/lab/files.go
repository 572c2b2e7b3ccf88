package lab

import (
	"fmt"
	"strings"
	"time"
)

const (
	bootflashTotal = 7835619328
	dirTime        = "Jan 2 2006 15:04:05 -07:00"
)

// ordinaryFiles are on every bootflash: besides the fleet's files.
var ordinaryFiles = []struct {
	inode int
	perm  string
	size  int64
	name  string
}{
	{11, "drwx", 16384, "lost+found"},
	{12, "drwx", 4096, "tracelogs"},
	{13, "-rw-", 35, "pnp-tech-time"},
	{14, "-rw-", 20425, "pnp-tech-discovery-summary"},
}

func dir(e *cmdEnv, args []string) string { return dirFS(e, args, "bootflash:") }

// dirFS lists the device's files as on file system home (bootflash:, flash:).
func dirFS(e *cmdEnv, args []string, home string) string {
	fs := home
	if len(args) == 1 {
		fs = strings.TrimSuffix(strings.ToLower(args[0]), "/")
	}
	if fs != home {
		return fmt.Sprintf("%%Error opening %s (No such file or directory)\n\n", args[0])
	}
	when := e.p.restarted().Add(-72 * time.Hour)
	var b strings.Builder
	b.WriteString("Directory of " + home + "/\n\n")
	used := int64(1 << 30)
	for _, f := range ordinaryFiles {
		fmt.Fprintf(&b, "%6d  %-4s %16d  %s  %s\n", f.inode, f.perm, f.size, when.Format(dirTime), f.name)
		used += f.size
	}
	for i, f := range e.p.files {
		fmt.Fprintf(&b, "%6d  %-4s %16d  %s  %s\n", 20+i, "-rw-", f.served(), when.Format(dirTime), f.Name)
		used += f.Size
	}
	fmt.Fprintf(&b, "\n%d bytes total (%d bytes free)\n", int64(bootflashTotal), bootflashTotal-used)
	return b.String()
}

// verify implements "verify /sha512 bootflash:FILE [expected]".
func verify(e *cmdEnv, args []string) string { return verifyFS(e, args, "bootflash:") }

// verifyFS is verify for the files on file system home.
func verifyFS(e *cmdEnv, args []string, home string) string {
	if strings.ToLower(args[0]) != "/sha512" {
		return invalidArgs
	}
	path := args[1]
	name, ok := strings.CutPrefix(path, home)
	if !ok {
		return fmt.Sprintf("%%Error opening %s (No such file or directory)\n\n", path)
	}
	name = strings.TrimPrefix(name, "/")
	var file *imageFile
	for i := range e.p.files {
		if e.p.files[i].Name == name {
			file = &e.p.files[i]
		}
	}
	if file == nil {
		return fmt.Sprintf("%%Error opening %s%s (No such file or directory)\n\n", home, name)
	}
	dots := strings.Repeat(".", int(min(4096, file.Size/32768+1)))
	full := home + name
	if len(args) == 3 {
		if strings.EqualFold(args[2], file.shown) {
			return fmt.Sprintf("%sDone!\nVerified (%s) = %s\n\n", dots, full, file.shown)
		}
		return fmt.Sprintf("%sDone!\n%%Error verifying %s\nComputed signature = %s\nSubmitted signature = %s\n\n",
			dots, full, file.shown, strings.ToLower(args[2]))
	}
	return fmt.Sprintf("%sDone!\nverify /sha512 (%s) = %s\n\n", dots, full, file.shown)
}
