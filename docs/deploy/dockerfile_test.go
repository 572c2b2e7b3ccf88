package deploy

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd, args string
}

type stage struct {
	from, name string
	body       []instruction
}

// parseDockerfile splits the Dockerfile into its build stages.
func parseDockerfile(t *testing.T, file string) []stage {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var stages []stage
	var cur strings.Builder
	flush := func() {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := instruction{strings.ToUpper(cmd), strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			s := stage{from: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			}
			stages = append(stages, s)
			return
		}
		require.NotEmpty(t, stages, "%s before FROM", in.cmd)
		stages[len(stages)-1].body = append(stages[len(stages)-1].body, in)
	}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if rest, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(rest + " ")
			continue
		}
		cur.WriteString(line)
		flush()
	}
	flush()
	return stages
}

func (s stage) args(cmd string) []string {
	var out []string
	for _, in := range s.body {
		if in.cmd == cmd {
			out = append(out, in.args)
		}
	}
	return out
}

// dockerfileUser is the numeric uid the final image runs as.
func dockerfileUser(t *testing.T) int64 {
	t.Helper()
	stages := parseDockerfile(t, "../../Dockerfile")
	require.NotEmpty(t, stages)
	users := stages[len(stages)-1].args("USER")
	require.Len(t, users, 1, "final stage: one USER")
	uid, _, _ := strings.Cut(users[0], ":")
	n, err := strconv.ParseInt(uid, 10, 64)
	require.NoError(t, err, "USER %q: numeric, so runAsNonRoot can check it", users[0])
	return n
}

// TestDockerfile: a golang build stage at go.mod's Go version building
// with CGO_ENABLED=0, a final image that is not the toolchain, holds the CA
// certificates from a stage that installed them, runs the binary it
// copied, and runs as a non-root user.
func TestDockerfile(t *testing.T) {
	stages := parseDockerfile(t, "../../Dockerfile")
	require.GreaterOrEqual(t, len(stages), 2, "multi-stage")
	byName := map[string]stage{}
	for _, s := range stages {
		if s.name != "" {
			byName[s.name] = s
		}
	}

	gomod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(string(gomod))
	require.NotNil(t, m, "go directive in go.mod")
	build, ok := byName["build"]
	require.True(t, ok, "a stage named build")
	require.True(t, strings.HasPrefix(build.from, "golang:"+m[1]), "build stage %s: not go.mod's go %s", build.from, m[1])
	cgoOff := false
	for _, in := range build.body {
		if (in.cmd == "ENV" || in.cmd == "RUN") && strings.Contains(in.args, "CGO_ENABLED=0") {
			cgoOff = true
		}
	}
	require.True(t, cgoOff, "build stage: CGO_ENABLED=0 (a static binary for a scratch image)")
	require.True(t, slicesContainsPrefix(build.args("RUN"), "go build"), "build stage runs go build")

	final := stages[len(stages)-1]
	require.NotContains(t, final.from, "golang", "the final image must not be the toolchain")
	copies := final.args("COPY")
	certs := ""
	binary := false
	for _, c := range copies {
		f := strings.Fields(c)
		if strings.HasPrefix(f[0], "--from=") && strings.HasSuffix(c, "/etc/ssl/certs/ca-certificates.crt") {
			certs = strings.TrimPrefix(f[0], "--from=")
		}
		if strings.HasSuffix(c, " /usr/local/bin/fwaudit") && f[0] == "--from=build" {
			binary = true
		}
	}
	require.NotEmpty(t, certs, "final stage: COPY the CA certificates")
	certStage, ok := byName[certs]
	require.True(t, ok, "CA certificates come from stage %q", certs)
	require.True(t, slicesContainsSubstr(certStage.args("RUN"), "install -y --no-install-recommends ca-certificates"), "stage %s installs ca-certificates", certs)
	require.True(t, binary, "final stage: COPY --from=build … /usr/local/bin/fwaudit")
	require.Equal(t, []string{`["/usr/local/bin/fwaudit"]`}, final.args("ENTRYPOINT"))
	uid := dockerfileUser(t)
	require.NotZero(t, uid, "USER must not be root")

	ignore, err := os.ReadFile("../../.dockerignore")
	require.NoError(t, err)
	for _, p := range []string{".git", "bin"} {
		require.Contains(t, strings.Fields(string(ignore)), p, ".dockerignore")
	}
}

func slicesContainsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func slicesContainsSubstr(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(strings.Join(strings.Fields(s), " "), sub) {
			return true
		}
	}
	return false
}
