// Package pgtest starts a throwaway PostgreSQL cluster on loopback for the
// store's tests and the command's: initdb into a temporary directory, a
// free port on 127.0.0.1, password (SCRAM) authentication, stopped and
// removed at cleanup. It is imported by tests only.
package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"fwaudit/internal/testpeer"

	"github.com/jackc/pgx/v5"
)

// Install is how to get the server binaries on Debian.
const Install = "apt-get install -y postgresql"

// ErrMissing: no initdb / pg_ctl on this machine.
var ErrMissing = errors.New("PostgreSQL server binaries not found (" + Install + ")")

// User is the cluster's superuser; its password is Server.Password.
const User = "fwaudit"

// Server is a running cluster.
type Server struct {
	Port     int
	Password string
	bin, dir string
	runAs    string // system user running the server when we are root
}

// Launch starts a cluster. Stop it with Stop.
func Launch(ctx context.Context) (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, Password: randomHex()}
	if err := s.makeDir(); err != nil {
		return nil, err
	}
	pwfile := filepath.Join(s.dir, "pw")
	if err := os.WriteFile(pwfile, []byte(s.Password+"\n"), 0o600); err != nil {
		return nil, s.fail(err)
	}
	if err := s.chown(pwfile); err != nil {
		return nil, s.fail(err)
	}
	if out, err := s.run(ctx, "initdb", "-D", s.data(), "-U", User, "--pwfile="+pwfile, "--auth-host=scram-sha-256",
		"--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, s.fail(fmt.Errorf("initdb: %w: %s", err, out))
	}
	// A free port can be taken by someone else before the server binds it:
	// try a few.
	for range 5 {
		if s.Port, err = freePort(); err != nil {
			return nil, s.fail(err)
		}
		opts := "-c listen_addresses=127.0.0.1 -p " + strconv.Itoa(s.Port) + " -k " + s.dir +
			" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
		var out []byte
		out, err = s.run(ctx, "pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts)
		if err == nil {
			return s, nil
		}
		err = fmt.Errorf("pg_ctl start: %w: %s %s", err, out, s.log())
	}
	return nil, s.fail(err)
}

// Start launches a cluster for one test and stops it at cleanup. When the
// binaries are missing the test is skipped, or fails under CI /
// FWAUDIT_TEST_DISALLOW_SKIP.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Launch(context.Background())
	if errors.Is(err, ErrMissing) {
		SkipOrFail(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// SkipOrFail skips t for a missing server, unless skips are disallowed.
func SkipOrFail(t testing.TB, err error) {
	t.Helper()
	testpeer.SkipOrFail(t, err.Error())
}

// URL is a postgres:// URL (no password) of database db.
func (s *Server) URL(db string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", User, s.Port, db)
}

// CreateDB creates a fresh database and returns its URL (no password).
func (s *Server) CreateDB(ctx context.Context, name string) (string, error) {
	conn, err := s.Connect(ctx, "postgres")
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return s.URL(name), nil
}

// Connect opens a superuser connection to db (for tests that edit rows
// behind the store's back).
func (s *Server) Connect(ctx context.Context, db string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(s.URL(db))
	if err != nil {
		return nil, err
	}
	cfg.Password = s.Password
	return pgx.ConnectConfig(ctx, cfg)
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, _ = s.run(ctx, "pg_ctl", "stop", "-m", "immediate", "-w", "-D", s.data())
	_ = os.RemoveAll(s.dir)
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

func (s *Server) log() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "log"))
	return string(bytes.TrimSpace(b))
}

func (s *Server) fail(err error) error {
	_ = os.RemoveAll(s.dir)
	return err
}

// makeDir creates the cluster's directory. PostgreSQL refuses to run as
// root: then the server runs as the postgres (else nobody) user, in a
// directory outside root's 0700 test temp dirs.
func (s *Server) makeDir() error {
	if os.Geteuid() != 0 {
		dir, err := os.MkdirTemp("", "fwaudit-pg-")
		s.dir = dir
		return err
	}
	// The server's user must reach the directory: /tmp, not a $TMPDIR
	// that may be private to root.
	dir, err := os.MkdirTemp("/tmp", "fwaudit-pg-")
	if err != nil {
		return err
	}
	s.dir = dir
	for _, name := range []string{"postgres", "nobody"} {
		if _, err := user.Lookup(name); err == nil {
			s.runAs = name
			break
		}
	}
	if s.runAs == "" {
		return s.fail(errors.New("running as root and no postgres or nobody user to run the server as"))
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return s.fail(fmt.Errorf("running as root needs runuser (util-linux): %w", err))
	}
	return s.chown(dir)
}

func (s *Server) chown(path string) error {
	if s.runAs == "" {
		return nil
	}
	u, err := user.Lookup(s.runAs)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

func (s *Server) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	if s.runAs != "" {
		args = append([]string{"-u", s.runAs, "--", path}, args...)
		path = "runuser"
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

// binDir finds initdb: Debian's /usr/lib/postgresql/VERSION/bin (newest
// first), else the PATH.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrMissing
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
