// Package notify delivers audit results to the SOC: syslog (RFC 5424 with CEF payloads), a webhook, and a Prometheus textfile.
package notify
