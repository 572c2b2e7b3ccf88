package lab

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"time"

	"github.com/pkg/sftp"
)

// serveSFTP serves the device's bootflash: files read-only over sftp, so an
// auditor can stream an image off the box and hash it. Paths may be given as
// x.bin, /x.bin, bootflash:x.bin, bootflash:/x.bin or /bootflash:/x.bin.
func (d *Device) serveSFTP(ch io.ReadWriteCloser) uint32 {
	if d.Spec().NoFileTransfer {
		return 1
	}
	h := &sftpFS{p: d.prof.Load()}
	srv := sftp.NewRequestServer(ch, sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h})
	if err := srv.Serve(); err != nil && !errors.Is(err, io.EOF) {
		d.lab.log.Debug("sftp", "device", d.name, "err", err)
		return 1
	}
	return 0
}

type sftpFS struct{ p *profile }

var errReadOnly = errors.New("bootflash: is read-only in the lab")

// served reduces a requested path to a file name on the device's image
// file system the way the platform's SSH file servers resolve it
// (labPlatform.served: bootflash: on IOS XE and NX-OS, flash: on classic
// IOS, /mnt/flash/ on EOS, /var/tmp/ on Junos); ok false when the real
// server would find no file there. The mapping fwaudit must make is
// platform.OffBox.Mounts.
func (h *sftpFS) served(p string) (string, bool) { return labPlatformOf(h.p.spec).served(p) }

// clean is the served name, or p itself when the server would not find it
// (error messages name what was asked).
func (h *sftpFS) clean(p string) string {
	if name, ok := h.served(p); ok {
		return name
	}
	return p
}

func (h *sftpFS) find(p string) (*imageFile, error) {
	name, ok := h.served(p)
	if !ok || name == "" {
		return nil, os.ErrNotExist
	}
	for i := range h.p.files {
		if h.p.files[i].Name == name {
			return &h.p.files[i], nil
		}
	}
	return nil, os.ErrNotExist
}

// Fileread implements sftp.FileReader.
func (h *sftpFS) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	f, err := h.find(r.Filepath)
	if err != nil {
		return nil, err
	}
	return &imageContent{seed: f.Seed, size: f.served()}, nil
}

// Filewrite implements sftp.FileWriter: always refused.
func (h *sftpFS) Filewrite(*sftp.Request) (io.WriterAt, error) { return nil, errReadOnly }

// Filecmd implements sftp.FileCmder: always refused.
func (h *sftpFS) Filecmd(*sftp.Request) error { return errReadOnly }

// Filelist implements sftp.FileLister.
func (h *sftpFS) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	when := h.p.restarted().Add(-72 * time.Hour)
	name, ok := h.served(r.Filepath)
	if r.Method == "List" && ok && name == "" {
		var out listerAt
		for _, f := range h.p.files {
			out = append(out, fileInfo{name: f.Name, size: f.served(), mod: when})
		}
		return out, nil
	}
	if ok && name == "" {
		return listerAt{fileInfo{name: path.Base(r.Filepath), dir: true, mod: when}}, nil
	}
	f, err := h.find(r.Filepath)
	if err != nil {
		return nil, err
	}
	return listerAt{fileInfo{name: f.Name, size: f.served(), mod: when}}, nil
}

type listerAt []os.FileInfo

func (l listerAt) ListAt(dst []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(dst, l[off:])
	if n < len(dst) {
		return n, io.EOF
	}
	return n, nil
}

type fileInfo struct {
	name string
	size int64
	mod  time.Time
	dir  bool
}

func (f fileInfo) Name() string       { return f.name }
func (f fileInfo) Size() int64        { return f.size }
func (f fileInfo) ModTime() time.Time { return f.mod }
func (f fileInfo) IsDir() bool        { return f.dir }
func (f fileInfo) Sys() any           { return nil }
func (f fileInfo) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
