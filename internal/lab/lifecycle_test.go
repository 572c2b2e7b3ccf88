package lab_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

func execOut(t *testing.T, c *ssh.Client, cmd string) string {
	t.Helper()
	s, err := c.NewSession()
	require.NoError(t, err)
	defer s.Close()
	var out bytes.Buffer
	s.Stdout = &out
	require.NoError(t, s.Run(cmd))
	return out.String()
}

func TestStart_ContextCancelClosesSessions(t *testing.T) {
	f, err := lab.LoadFleet(fleetPath)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	l, err := lab.Start(ctx, f, lab.Options{})
	require.NoError(t, err)
	d := l.Devices()[0]
	tm := openTerm(t, dial(t, d))
	tm.expect(d.Spec().Hostname + ">")
	cancel()
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("open session survived ctx cancel")
	}
	require.NoError(t, l.Close())
	_, err = ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: time.Second})
	require.Error(t, err, "listener closed")
}

func TestStart_ManyDevicesManyClients(t *testing.T) {
	f, err := lab.LoadFleet(fleetPath)
	require.NoError(t, err)
	n := 200
	if testing.Short() {
		n = 40
	}
	l := labtest.StartFleet(t, f.Synthetic(n), lab.Options{})
	require.Len(t, l.Devices(), n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 32)
	errs := make(chan error, n)
	for _, d := range l.Devices() {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{
				User: lab.DefaultUsername, Auth: []ssh.AuthMethod{ssh.Password(lab.DefaultPassword)},
				HostKeyCallback: ssh.FixedHostKey(d.HostKey()), Timeout: 10 * time.Second,
			})
			if err != nil {
				errs <- fmt.Errorf("%s: %w", d.Name(), err)
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				errs <- err
				return
			}
			out, err := s.Output("show version")
			if err == nil && !strings.Contains(string(out), d.Spec().Hostname+" uptime is") {
				err = fmt.Errorf("%s: unexpected output", d.Name())
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func TestDevice_UpdateAndReload(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("lon-wan-01")
	c := dial(t, d)
	require.Contains(t, execOut(t, c, "show rom-monitor r0"), "Version 16.12(2r),")
	require.NoError(t, d.Update(func(s *lab.DeviceSpec) { s.ROMMON = "16.12(3r)" }))
	require.Contains(t, execOut(t, c, "show rom-monitor r0"), "Version 16.12(3r),")
	require.Contains(t, execOut(t, c, "show platform"), "16.12(3r)")

	require.Greater(t, d.Uptime(), 90*24*time.Hour)
	require.NoError(t, d.Reload("PowerOn"))
	require.Less(t, d.Uptime(), time.Minute)
	out := execOut(t, c, "show version")
	require.Contains(t, out, "lon-wan-01 uptime is 0 minutes\r\n")
	require.Contains(t, out, "Last reload reason: PowerOn\r\n")
	require.Contains(t, out, "System returned to ROM by PowerOn at ")

	require.Error(t, d.Update(func(s *lab.DeviceSpec) { s.ConfigRegister = "bogus" }))
	require.Error(t, d.Update(func(s *lab.DeviceSpec) { s.Name = "other" }))
}

func TestVerify_LyingDevice(t *testing.T) {
	f := labtest.Fleet(t, `
defaults: {model: C9300-48P, rommon: "17.9.1r[FC2]", image: cat9k_iosxe.17.09.04a.SPA.bin}
devices:
  - name: liar
    verify_lies: true
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 65536, seed: implant}]
  - name: liar2
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 65536, seed: implant, verify_sha512: "`+strings.Repeat("ab", 64)+`"}]
  - name: quirky
    bootldr_quirk: true
`)
	l := labtest.StartFleet(t, f, lab.Options{})
	approved := lab.ImageSHA512("cat9k_iosxe.17.09.04a.SPA.bin", 65536)
	real := lab.ImageSHA512("implant", 65536)
	cmd := "verify /sha512 bootflash:cat9k_iosxe.17.09.04a.SPA.bin"

	out := execOut(t, dial(t, l.Device("liar")), cmd)
	require.Contains(t, out, "= "+approved+"\r\n")
	require.NotContains(t, out, real)
	out = execOut(t, dial(t, l.Device("liar2")), cmd)
	require.Contains(t, out, "= "+strings.Repeat("ab", 64)+"\r\n")

	out = execOut(t, dial(t, l.Device("quirky")), "show version")
	require.Contains(t, out, "\r\nROM: IOS-XE ROMMONBOOTLDR: System Bootstrap, Version 17.9.1r[FC2], RELEASE SOFTWARE (P)\r\n")
}

func TestShell_LineLengthIsCapped(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("lon-wan-01")
	tm := openTerm(t, dial(t, d))
	tm.expect("lon-wan-01>")
	tm.send(strings.Repeat("x", 10000) + "\r")
	out := tm.expect("% Invalid input detected at '^' marker.")
	require.LessOrEqual(t, strings.Count(out, "x"), 4096, "echo stops at the line cap")
	tm.expect("lon-wan-01>")
	_, _ = io.WriteString(tm.in, "exit\r")
}
