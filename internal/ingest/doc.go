// Package ingest reads saved command outputs (a folder per device, one
// config-backup file per device from RANCID or Oxidized, or the evidence
// bundles `fwaudit evidence` writes) for offline audit.
package ingest
