package collect_test

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/textsafe"
)

func TestSCPReceive(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		limit   int64
		want    string
		wantErr error
		errHas  string
	}{
		{name: "one-file", in: "C0644 5 x.bin\nhello\x00", limit: 5, want: "hello"},
		{name: "times-first", in: "T1 0 1 0\nC0644 2 x.bin\nhi\x00", limit: 10, want: "hi"},
		{name: "empty-file", in: "C0644 0 x.bin\n\x00", limit: 10, want: ""},
		{name: "announced-too-large", in: "C0644 11 x.bin\nhello world\x00", limit: 10, wantErr: collect.ErrSizeExceeded},
		{name: "error-line", in: "\x01scp: x.bin: No such file\n", limit: 10, wantErr: collect.ErrSCP, errHas: "No such file"},
		{name: "hostile-error-line", in: "\x02\x1b[31mevil\x07\n", limit: 10, wantErr: collect.ErrSCP},
		{name: "no-reply", in: "", limit: 10, wantErr: collect.ErrSCP},
		{name: "directory", in: "D0755 0 dir\n", limit: 10, wantErr: collect.ErrSCP},
		{name: "bad-size", in: "C0644 -1 x\n", limit: 10, wantErr: collect.ErrSCP},
		{name: "bad-mode", in: "C06 1 x\n", limit: 10, wantErr: collect.ErrSCP},
		{name: "endless-line", in: "C0644 " + strings.Repeat("9", 5000), limit: 10, wantErr: collect.ErrSCP, errHas: "longer than"},
		{name: "short-data", in: "C0644 10 x.bin\nhello", limit: 10, errHas: "unexpected EOF"},
		{name: "bad-status", in: "C0644 2 x.bin\nhi\x01disk error\n", limit: 10, wantErr: collect.ErrSCP, errHas: "disk error"},
		{name: "missing-status", in: "C0644 2 x.bin\nhi", limit: 10, wantErr: collect.ErrSCP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var acks, got bytes.Buffer
			err := collect.SCPReceive(bufio.NewReader(strings.NewReader(tc.in)), &acks, tc.limit, &got)
			if tc.wantErr == nil && tc.errHas == "" {
				require.NoError(t, err)
				require.Equal(t, tc.want, got.String())
				require.NotEmpty(t, acks.Bytes())
				return
			}
			require.Error(t, err)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			}
			require.Contains(t, err.Error(), tc.errHas)
			require.True(t, textsafe.IsSafe(err.Error()), "error text is safe: %q", err.Error())
		})
	}
}

func FuzzSCPReceive(f *testing.F) {
	for _, s := range []string{"C0644 5 x.bin\nhello\x00", "T1 0 1 0\nC0644 2 x\nhi\x00", "\x01err\n", "C0644 99999999999 x\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var acks, got bytes.Buffer
		const limit = 1 << 10
		err := collect.SCPReceive(bufio.NewReader(bytes.NewReader(in)), &acks, limit, &got)
		if got.Len() > limit || got.Len() > len(in) {
			t.Fatalf("wrote %d bytes from %d of input", got.Len(), len(in))
		}
		if err != nil && !textsafe.IsSafe(err.Error()) {
			t.Fatalf("unsafe error %q", err.Error())
		}
	})
}
