// Package deploy holds no code: its tests check the deployment examples
// beside them (run-sweep.sh, cron, systemd, Kubernetes, the Dockerfile).
package deploy
