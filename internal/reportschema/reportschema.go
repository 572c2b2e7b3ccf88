package reportschema

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Path is the schema file, relative to the module root.
const Path = "docs/schema/fwaudit.report.v2.json"

var (
	once     sync.Once
	compiled *jsonschema.Schema
	loadErr  error
)

// Validate fails t unless doc is a valid fwaudit.report/v2 document.
func Validate(t testing.TB, doc []byte) {
	t.Helper()
	if err := Check(doc); err != nil {
		t.Fatalf("report does not follow %s: %v", Path, err)
	}
}

// Check returns why doc is not a valid fwaudit.report/v2 document; nil
// when it is. Formats (date-time) are asserted.
func Check(doc []byte) error {
	once.Do(func() { compiled, loadErr = load() })
	if loadErr != nil {
		return loadErr
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("decode report: %w", err)
	}
	return compiled.Validate(inst)
}

func load() (*jsonschema.Schema, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(root, Path))
	if err != nil {
		return nil, fmt.Errorf("open schema: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("decode schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "file:///fwaudit.report.v2.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("add schema: %w", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile schema: %w", err)
	}
	return s, nil
}

// moduleRoot walks up from the test's working directory to go.mod, so the
// helper works from any package of the module and on a clean clone.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("find module root: no go.mod above the working directory")
		}
		dir = up
	}
}
