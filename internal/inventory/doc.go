// Package inventory loads, merges and validates the device inventory (a YAML
// file or a folder of them) and resolves credentials from env vars and files.
package inventory
