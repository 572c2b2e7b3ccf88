package inventory

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of N disjoint parts of a selection (--shard K/N, K from 0).
// A device belongs to shard FNV-1a-64(name) mod N, so its shard depends on
// its name only: adding or removing other devices never moves it, and N
// processes (a Kubernetes indexed Job with completions N, K =
// $JOB_COMPLETION_INDEX) together audit every device exactly once.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N" with 0 ≤ K < N. The empty string is the whole
// selection (0/1).
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{K: 0, N: 1}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	if !ok || kerr != nil || nerr != nil || n < 1 || k < 0 || k >= n {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 0 <= K < N, e.g. 0/4", s)
	}
	return Shard{K: k, N: n}, nil
}

// Has reports whether the device named name belongs to the shard.
func (s Shard) Has(name string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return h.Sum64()%uint64(s.N) == uint64(s.K)
}

// Select keeps the devices of the shard, in order.
func (s Shard) Select(devs []Device) []Device {
	if s.N <= 1 {
		return devs
	}
	var out []Device
	for _, d := range devs {
		if s.Has(d.Name) {
			out = append(out, d)
		}
	}
	return out
}

// String is "K/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }
