package platform

import (
	"testing"

	"fwaudit/internal/facts"

	"github.com/stretchr/testify/require"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      string
		ambiguous bool
		err       bool
	}{
		{name: "ansible-ios-is-ambiguous", in: "cisco.ios.ios", ambiguous: true},
		{name: "napalm-ios-is-ambiguous", in: "IOS", ambiguous: true},
		{name: "netbox-cisco-ios-is-ambiguous", in: "cisco-ios", ambiguous: true},
		{name: "scrapli-cisco-iosxe-is-ambiguous", in: "cisco_iosxe", ambiguous: true},
		{name: "netmiko-cisco-ios-is-ambiguous", in: " cisco_ios ", ambiguous: true},
		{name: "netmiko-cisco-xe-is-exact", in: "cisco_xe", want: "cisco_iosxe"},
		{name: "netbox-ios-xe-is-exact", in: "ios-xe", want: "cisco_iosxe"},
		{name: "ansible-junos", in: "junipernetworks.junos.junos", want: "juniper_junos"},
		{name: "our-name", in: "cisco_nxos", want: "cisco_nxos"},
		{name: "eos", in: "EOS", want: "arista_eos"},
		{name: "unknown", in: "cisco_ioss", err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, amb, err := Resolve(tc.in)
			if tc.err {
				require.ErrorIs(t, err, errUnknownPlatform)
				require.ErrorContains(t, err, "known: arista_eos")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.ambiguous, amb)
			require.Equal(t, tc.want, p.Name)
		})
	}
	require.Equal(t, []string{"cisco_ios", "cisco_iosxe"}, candidates("cisco.ios.ios"))
	require.Nil(t, candidates("eos"))
}

func TestIndexRejectsConflicts(t *testing.T) {
	a := Platform{Name: "a", Aliases: []string{"x"}}
	require.Panics(t, func() { index([]Platform{a, a}) }, "duplicate name")
	require.Panics(t, func() { index([]Platform{a, {Name: "b", Aliases: []string{"x"}}}) }, "alias of two platforms")
	require.Panics(t, func() { index([]Platform{a, {Name: "b", AmbiguousAliases: []string{"x"}}}) }, "exact and ambiguous")
	_, exact, amb := index([]Platform{a, {Name: "b", AmbiguousAliases: []string{"y"}}, {Name: "c", AmbiguousAliases: []string{"y"}}})
	require.Equal(t, map[string]string{"x": "a"}, exact)
	require.Equal(t, []string{"b", "c"}, amb["y"])
}

func TestOffBoxRemotePath(t *testing.T) {
	tests := []struct {
		name, platform, path, sftp, scp, err string
	}{
		{name: "iosxe-bootflash", platform: "cisco_iosxe", path: "bootflash:c8000v.bin", sftp: "bootflash:c8000v.bin", scp: "bootflash:c8000v.bin"},
		{name: "iosxe-packages-conf", platform: "cisco_iosxe", path: "bootflash:/packages.conf", sftp: "bootflash:packages.conf", scp: "bootflash:packages.conf"},
		{name: "ios-flash", platform: "cisco_ios", path: "flash:c2900.bin", sftp: "flash:c2900.bin", scp: "flash:c2900.bin"},
		{name: "nxos-bootflash", platform: "cisco_nxos", path: "bootflash:nxos64.bin", sftp: "bootflash:nxos64.bin", scp: "bootflash:nxos64.bin"},
		{name: "eos-flash-is-mnt-flash", platform: "arista_eos", path: "flash:/EOS-4.31.2F.swi", sftp: "/mnt/flash/EOS-4.31.2F.swi", scp: "/mnt/flash/EOS-4.31.2F.swi"},
		{name: "eos-flash-case", platform: "arista_eos", path: "FLASH:EOS.swi", sftp: "/mnt/flash/EOS.swi", scp: "/mnt/flash/EOS.swi"},
		{name: "eos-unknown-fs", platform: "arista_eos", path: "usb1:/EOS.swi", err: "file system usb1: is not served"},
		{name: "no-fs", platform: "cisco_iosxe", path: "x.bin", err: "names no file system"},
		{name: "junos-var-tmp", platform: "juniper_junos", path: "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz",
			sftp: "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz", scp: "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz"},
		{name: "junos-other-dir", platform: "juniper_junos", path: "/etc/passwd", err: "in no directory served"},
		{name: "junos-dir-itself", platform: "juniper_junos", path: "/var/tmp/", err: "in no directory served"},
		{name: "dotdot", platform: "juniper_junos", path: "/var/tmp/../../etc/master.passwd", err: "with .."},
		{name: "iosxr-unsupported", platform: "cisco_iosxr", path: "harddisk:/x.iso", err: "is not served"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Lookup(tc.platform)
			require.NoError(t, err)
			sftp, scp, err := p.OffBox.RemotePath(tc.path)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.sftp, sftp)
			require.Equal(t, tc.scp, scp)
		})
	}
}

// TestOffBoxSaysWhy: a platform either says which files to hash and where
// they are served, or why it cannot be hashed off the box.
func TestOffBoxSaysWhy(t *testing.T) {
	for _, p := range All() {
		t.Run(p.Name, func(t *testing.T) {
			o := p.OffBox
			if o.Unsupported != "" {
				require.Nil(t, o.Files, "unsupported yet has files")
				require.False(t, o.Supported())
				return
			}
			require.NotNil(t, o.Files)
			require.NotEmpty(t, o.Mounts)
			require.True(t, o.Supported())
		})
	}
	eos, _ := Lookup("arista_eos")
	require.Equal(t, []string{"flash:/EOS-4.31.2F.swi"},
		eos.OffBox.Files(factsWithBoot("", "flash:/EOS-4.31.2F.swi", "tftp://10.0.0.1/x.swi")))
	junos, _ := Lookup("juniper_junos")
	f := facts.Facts{Files: []facts.File{{Name: "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz"}, {Name: "/var/tmp/notes.txt"},
		{Name: "/var/tmp/jinstall-ppc-18.4R3.3-signed.tgz"}}}
	require.Equal(t, []string{"/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz", "/var/tmp/jinstall-ppc-18.4R3.3-signed.tgz"},
		junos.OffBox.Files(f), "Junos hashes the install packages it lists, nothing else")
	nx, _ := Lookup("cisco_nxos")
	require.Equal(t, []string{"bootflash:nxos64.bin"}, nx.OffBox.Files(factsWithBoot("bootflash:///nxos64.bin", "bootflash:/nxos64.bin")))
}

func factsWithBoot(image string, boot ...string) facts.Facts {
	var f facts.Facts
	f.Image, f.Boot.System = image, boot
	return f
}
