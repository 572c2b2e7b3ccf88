package facts

import "strings"

// BaseName drops the file-system prefix and any directories from a device
// path: "bootflash:/dir/x.bin" and "flash:x.bin" both give "x.bin".
// Baselines name images by their bare file name.
func BaseName(path string) string {
	if i := strings.LastIndex(path, ":"); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.LastIndex(path, "/"); i >= 0 {
		path = path[i+1:]
	}
	return path
}
