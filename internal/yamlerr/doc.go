// Package yamlerr puts a YAML syntax error at the line the problem is on:
// yaml.v3 reports the line where the enclosing block began (a mis-indent at
// line 93 reads "line 12").
package yamlerr
