package inventory_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"fwaudit/internal/inventory"
)

const secretValue = "hunter2-do-not-print"

func deviceWithSecrets() inventory.Device {
	s := inventory.NewSecret(secretValue)
	return inventory.Device{Name: "r1", Address: "192.0.2.1", Platform: "cisco_ios",
		Credentials: inventory.Credentials{Name: "lab", Username: "admin", Password: s, EnableSecret: s},
		SNMP:        &inventory.SNMPSettings{Version: "3", Community: s, AuthPassword: s, PrivPassword: s}}
}

func TestSecretRedaction(t *testing.T) {
	d := deviceWithSecrets()
	render := map[string]func() (string, error){
		"fmt-v":       func() (string, error) { return fmt.Sprintf("%v", d), nil },
		"fmt-plus-v":  func() (string, error) { return fmt.Sprintf("%+v", d), nil },
		"fmt-sharp-v": func() (string, error) { return fmt.Sprintf("%#v", d), nil },
		"fmt-snmp":    func() (string, error) { return fmt.Sprintf("%+v %#v", *d.SNMP, *d.SNMP), nil },
		"fmt-verbs": func() (string, error) {
			return fmt.Sprintf("%s %d %x %q %10.3s", d.Credentials.Password, d.Credentials.Password, d.Credentials.Password, d.Credentials.Password, d.Credentials.Password), nil
		},
		"fmt-creds": func() (string, error) { return fmt.Sprintf("%+v %#v", d.Credentials, d.Credentials), nil },
		"json":      func() (string, error) { b, err := json.Marshal(d); return string(b), err },
		"json-map-key": func() (string, error) {
			b, err := json.Marshal(map[inventory.Secret]int{d.Credentials.Password: 1})
			return string(b), err
		},
		"yaml": func() (string, error) { b, err := yaml.Marshal(d); return string(b), err },
		"slog-text": func() (string, error) {
			var b bytes.Buffer
			slog.New(slog.NewTextHandler(&b, nil)).Info("x", "device", d, "pw", d.Credentials.Password, "snmp", d.SNMP)
			return b.String(), nil
		},
		"slog-json": func() (string, error) {
			var b bytes.Buffer
			slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "device", d, "pw", d.Credentials.Password, "snmp", d.SNMP)
			return b.String(), nil
		},
	}
	for name, f := range render {
		t.Run(name, func(t *testing.T) {
			out, err := f()
			require.NoError(t, err)
			require.NotContains(t, out, secretValue)
			require.NotContains(t, out, "hunter2")
			require.Contains(t, out, "REDACTED")
		})
	}
}

func TestSecretValue(t *testing.T) {
	tests := []struct {
		name     string
		s        inventory.Secret
		reveal   string
		wantZero bool
	}{
		{"set", inventory.NewSecret("x"), "x", false},
		{"zero", inventory.Secret{}, "", true},
		{"empty", inventory.NewSecret(""), "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.reveal, tc.s.Reveal())
			require.Equal(t, tc.wantZero, tc.s.IsZero())
			require.Equal(t, "REDACTED", tc.s.String())
			require.Equal(t, "REDACTED", tc.s.GoString())
			b, err := tc.s.MarshalText()
			require.NoError(t, err)
			require.Equal(t, "REDACTED", string(b))
		})
	}
}
