package lab

import "strings"

const (
	morePrompt = " --More-- "
	moreErase  = "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"
)

// page writes out, stopping every (length-1) lines at --More-- when paging
// is on: space shows the next page, Enter one more line, anything else
// (q) stops.
func (s *shell) page(out string) {
	if s.length == 0 {
		s.write(out)
		return
	}
	lines := strings.SplitAfter(out, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	budget := s.length - 1
	for _, l := range lines {
		if budget == 0 {
			_, _ = s.out.WriteString(morePrompt)
			k, err := s.in.key()
			_, _ = s.out.WriteString(moreErase)
			if err != nil {
				return
			}
			switch k {
			case ' ':
				budget = s.length - 1
			case '\r', '\n':
				budget = 1
			default:
				return
			}
		}
		s.write(l)
		budget--
	}
}
