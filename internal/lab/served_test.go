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
