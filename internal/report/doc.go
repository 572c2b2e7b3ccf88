// Package report renders audit results for people (table, detail) and for machines (JSON schema fwaudit.report/v1).
package report
