// Package ingest reads saved command outputs (a folder per device, or one
// config-backup file per device from RANCID or Oxidized) for offline audit.
package ingest
