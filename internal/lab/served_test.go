package lab

import "testing"

// TestServedLikeTheRealPlatform: each simulated platform's SFTP / SCP
// servers find a file only under the paths the real platform's servers
// use (hand-written cases from the vendors' documented paths: IOS and
// IOS XE serve their file systems under the CLI name, EOS's Linux sshd
// serves flash: as /mnt/flash/, Junos's OpenSSH serves /var/tmp/ as is).
func TestServedLikeTheRealPlatform(t *testing.T) {
	tests := []struct {
		platform, path, name string
		ok                   bool
	}{
		{"cisco_iosxe", "bootflash:x.bin", "x.bin", true},
		{"cisco_iosxe", "/bootflash:/x.bin", "x.bin", true},
		{"cisco_ios", "flash:c2900.bin", "c2900.bin", true},
		{"cisco_ios", "flash:/c2900.bin", "c2900.bin", true},
		{"cisco_nxos", "bootflash:nxos64.bin", "nxos64.bin", true},
		{"arista_eos", "/mnt/flash/EOS.swi", "EOS.swi", true},
		{"arista_eos", "/mnt/flash", "", true},
		{"arista_eos", "flash:/EOS.swi", "", false},
		{"arista_eos", "EOS.swi", "", false}, // relative: the user's home directory
		{"arista_eos", "/mnt/flash/../flash/EOS.swi", "", false},
		{"juniper_junos", "/var/tmp/junos-install.tgz", "junos-install.tgz", true},
		{"juniper_junos", "/var/tmp/", "", true},
		{"juniper_junos", "junos-install.tgz", "", false},
		{"juniper_junos", "/var/home/admin/junos-install.tgz", "", false},
	}
	for _, tc := range tests {
		name, ok := labPlatforms[tc.platform].served(tc.path)
		if name != tc.name || ok != tc.ok {
			t.Errorf("%s serves %q as (%q, %v), want (%q, %v)", tc.platform, tc.path, name, ok, tc.name, tc.ok)
		}
	}
}

// TestPlatformOwnCommands: a platform's own commands (labPlatform.commands)
// are part of its CLI only.
func TestPlatformOwnCommands(t *testing.T) {
	mode := &command{words: []string{"show", "mode"}, run: func(*cmdEnv, []string) string { return "Security context mode: single\n" }}
	own := labPlatform{commands: []*command{mode}}
	if r := parse("sh mode", "fw#", own.table()); r.cmd != mode || r.err != "" {
		t.Fatalf("the platform's own command was not matched: %+v", r)
	}
	if r := parse("show mode", "r1#", iosxeLab.table()); r.err == "" {
		t.Fatalf("another platform has the command: %+v", r)
	}
	if len(commands) == 0 || len(own.table()) != len(commands)+1 {
		t.Fatalf("the shared table changed: %d commands", len(commands))
	}
}
