package deploy

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The subset of the Kubernetes API the manifests use. Decoding is strict
// (KnownFields): a field not declared here, or misspelt, fails the test.
type manifest struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Schedule                   string `yaml:"schedule"`
		ConcurrencyPolicy          string `yaml:"concurrencyPolicy"`
		SuccessfulJobsHistoryLimit int    `yaml:"successfulJobsHistoryLimit"`
		FailedJobsHistoryLimit     int    `yaml:"failedJobsHistoryLimit"`
		JobTemplate                struct {
			Spec jobSpec `yaml:"spec"`
		} `yaml:"jobTemplate"`
	} `yaml:"spec"`
}

type jobSpec struct {
	CompletionMode   string `yaml:"completionMode"`
	Completions      int    `yaml:"completions"`
	Parallelism      int    `yaml:"parallelism"`
	BackoffLimit     *int   `yaml:"backoffLimit"`
	PodFailurePolicy struct {
		Rules []struct {
			Action      string `yaml:"action"`
			OnExitCodes struct {
				Operator string `yaml:"operator"`
				Values   []int  `yaml:"values"`
			} `yaml:"onExitCodes"`
		} `yaml:"rules"`
	} `yaml:"podFailurePolicy"`
	Template struct {
		Spec podSpec `yaml:"spec"`
	} `yaml:"template"`
}

type podSpec struct {
	RestartPolicy   string `yaml:"restartPolicy"`
	SecurityContext struct {
		RunAsNonRoot   bool  `yaml:"runAsNonRoot"`
		RunAsUser      int64 `yaml:"runAsUser"`
		RunAsGroup     int64 `yaml:"runAsGroup"`
		FSGroup        int64 `yaml:"fsGroup"`
		SeccompProfile struct {
			Type string `yaml:"type"`
		} `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers []container `yaml:"containers"`
	Volumes    []volume    `yaml:"volumes"`
}

type container struct {
	Name            string   `yaml:"name"`
	Image           string   `yaml:"image"`
	Args            []string `yaml:"args"`
	Env             []envVar `yaml:"env"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
	VolumeMounts []volumeMount `yaml:"volumeMounts"`
}

type envVar struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		SecretKeyRef struct {
			Name string `yaml:"name"`
			Key  string `yaml:"key"`
		} `yaml:"secretKeyRef"`
	} `yaml:"valueFrom"`
}

type volumeMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
	ReadOnly  bool   `yaml:"readOnly"`
}

type keyToPath struct {
	Key  string `yaml:"key"`
	Path string `yaml:"path"`
}

type volume struct {
	Name      string `yaml:"name"`
	ConfigMap *struct {
		Name  string      `yaml:"name"`
		Items []keyToPath `yaml:"items"`
	} `yaml:"configMap"`
	Secret *struct {
		SecretName  string      `yaml:"secretName"`
		Items       []keyToPath `yaml:"items"`
		DefaultMode *int        `yaml:"defaultMode"`
	} `yaml:"secret"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
	} `yaml:"persistentVolumeClaim"`
	EmptyDir *struct {
		SizeLimit string `yaml:"sizeLimit"`
	} `yaml:"emptyDir"`
}

func (v volume) sources() int {
	n := 0
	for _, set := range []bool{v.ConfigMap != nil, v.Secret != nil, v.PersistentVolumeClaim != nil, v.EmptyDir != nil} {
		if set {
			n++
		}
	}
	return n
}

// decodeManifests decodes every document of a file strictly.
func decodeManifests(t *testing.T, file string) []manifest {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var out []manifest
	for {
		var m manifest
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err, file)
		out = append(out, m)
	}
}

// TestKubernetesManifests decodes each manifest strictly and checks what
// the API server cannot: each folder the sweep reads is mounted from its
// own ConfigMap, every volume is defined once and mounted, the writable
// paths are writable, secrets are readable by the pod's user, and the
// pod's user is the image's.
func TestKubernetesManifests(t *testing.T) {
	files, err := filepath.Glob("kubernetes/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	uid := dockerfileUser(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ms := decodeManifests(t, file)
			require.Len(t, ms, 1)
			m := ms[0]
			require.Equal(t, "batch/v1", m.APIVersion)
			require.Equal(t, "CronJob", m.Kind)
			job := m.Spec.JobTemplate.Spec
			require.NotNil(t, job.BackoffLimit)
			require.Zero(t, *job.BackoffLimit, "exit 1 (drift) must not be retried")
			require.Equal(t, "Indexed", job.CompletionMode)
			pod := job.Template.Spec
			require.Equal(t, "Never", pod.RestartPolicy)
			require.True(t, pod.SecurityContext.RunAsNonRoot)
			require.Equal(t, uid, pod.SecurityContext.RunAsUser, "runAsUser is not the Dockerfile's USER")
			require.Len(t, pod.Containers, 1)
			c := pod.Containers[0]

			vols := map[string]volume{}
			for _, v := range pod.Volumes {
				require.NotContains(t, vols, v.Name, "volume %q defined twice", v.Name)
				require.Equal(t, 1, v.sources(), "volume %q: one source", v.Name)
				vols[v.Name] = v
				if v.Secret != nil {
					require.NotNil(t, v.Secret.DefaultMode, "secret %q: defaultMode", v.Name)
					require.NotZero(t, pod.SecurityContext.FSGroup, "secret %q is root-owned: set fsGroup", v.Name)
					require.NotZero(t, *v.Secret.DefaultMode&0o040, "secret %q: not readable by fsGroup", v.Name)
				}
			}
			mounted := map[string]bool{}
			for _, vm := range c.VolumeMounts {
				require.Contains(t, vols, vm.Name, "mount of undefined volume %q", vm.Name)
				require.False(t, mounted[vm.Name], "volume %q mounted twice", vm.Name)
				mounted[vm.Name] = true
			}
			for name := range vols {
				require.True(t, mounted[name], "volume %q is never mounted", name)
			}

			flags := argFlags(c.Args)
			require.Equal(t, "sweep", c.Args[0])
			require.Equal(t, "$(JOB_COMPLETION_INDEX)/"+strconv.Itoa(job.Completions), flags["--shard"], "--shard N is not completions")
			// Each folder the sweep reads is its own ConfigMap (a ConfigMap has no sub-folders).
			folders := map[string]string{}
			for _, flag := range []string{"--inventory", "--baselines"} {
				require.NotEmpty(t, flags[flag], flag)
				vm, ok := mountOf(c.VolumeMounts, flags[flag])
				require.True(t, ok, "%s %s is not mounted", flag, flags[flag])
				require.Equal(t, path.Clean(flags[flag]), vm.MountPath, "%s: mount the folder itself", flag)
				require.NotNil(t, vols[vm.Name].ConfigMap, "%s: not a ConfigMap", flag)
				require.NotContains(t, folders, vm.Name, "%s shares a volume", flag)
				folders[vm.Name] = flag
			}
			state := flags["--state"]
			require.NotEmpty(t, state)
			if u, err := url.Parse(state); err == nil && u.Scheme == "postgres" {
				require.False(t, hasPassword(u), "--state carries a password")
				ca := u.Query().Get("sslrootcert")
				require.Equal(t, "verify-full", u.Query().Get("sslmode"))
				_, ok := mountOf(c.VolumeMounts, ca)
				require.True(t, ok, "sslrootcert %s is not mounted", ca)
			} else {
				vm, ok := mountOf(c.VolumeMounts, path.Dir(state))
				require.True(t, ok, "--state %s is not on a volume", state)
				require.False(t, vm.ReadOnly, "--state %s is read-only", state)
				require.NotNil(t, vols[vm.Name].PersistentVolumeClaim, "--state %s is not kept between runs", state)
			}
			for _, e := range c.Env {
				if e.ValueFrom != nil {
					require.Empty(t, e.Value)
					require.NotEmpty(t, e.ValueFrom.SecretKeyRef.Name)
				}
			}
			require.True(t, c.SecurityContext.ReadOnlyRootFilesystem)
			require.NotNil(t, c.SecurityContext.AllowPrivilegeEscalation)
			require.False(t, *c.SecurityContext.AllowPrivilegeEscalation)
			require.Equal(t, []string{"ALL"}, c.SecurityContext.Capabilities.Drop)
		})
	}
}

func hasPassword(u *url.URL) bool {
	_, ok := u.User.Password()
	return ok
}

// argFlags maps --flag=value arguments to their values.
func argFlags(args []string) map[string]string {
	m := map[string]string{}
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(k, "--") {
			m[k] = v
		}
	}
	return m
}

// mountOf returns the mount that holds p (the longest mount path).
func mountOf(mounts []volumeMount, p string) (volumeMount, bool) {
	p = path.Clean(p)
	var best volumeMount
	found := false
	for _, vm := range mounts {
		mp := path.Clean(vm.MountPath)
		if (p == mp || strings.HasPrefix(p, mp+"/")) && len(mp) >= len(best.MountPath) {
			best, found = vm, true
		}
	}
	return best, found
}
