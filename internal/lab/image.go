package lab

import (
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"io"
	"sync"
)

// blockSize is the output size of one SHA-512 block in counter mode.
const blockSize = sha512.Size

// ImageBytes returns the deterministic content of an image file: SHA-512 in
// counter mode over seed, truncated to size bytes. Two files with the same
// seed and size are byte-identical; a different seed gives different bytes.
func ImageBytes(seed string, size int64) io.Reader {
	return io.NewSectionReader(&imageContent{seed: seed, size: size}, 0, max(size, 0))
}

// ImageSHA512 returns the lowercase hex SHA-512 of ImageBytes(seed, size).
func ImageSHA512(seed string, size int64) string {
	h := sha512.New()
	if _, err := io.Copy(h, ImageBytes(seed, size)); err != nil {
		panic("lab: hashing in-memory image: " + err.Error()) // cannot happen: the reader never fails
	}
	return hex.EncodeToString(h.Sum(nil))
}

// imageContent is a ReaderAt over the virtual file. Any offset can be read
// without reading what comes before it.
type imageContent struct {
	seed string
	size int64
}

// block computes block i into dst; in is scratch space of len(seed)+8 that
// starts with the seed.
func (c *imageContent) block(i int64, in []byte, dst *[blockSize]byte) {
	binary.BigEndian.PutUint64(in[len(c.seed):], uint64(i))
	*dst = sha512.Sum512(in)
}

// ReadAt implements io.ReaderAt; it is safe for concurrent use.
func (c *imageContent) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if off >= c.size {
		return 0, io.EOF
	}
	var buf [blockSize]byte
	in := make([]byte, len(c.seed)+8)
	copy(in, c.seed)
	n := 0
	for n < len(p) && off < c.size {
		c.block(off/blockSize, in, &buf)
		start := off % blockSize
		end := min(int64(blockSize), start+(c.size-off))
		k := copy(p[n:], buf[start:end])
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// hashes is shared by every lab in the process: content is a pure function
// of (seed, size), so a hash computed once is valid for every device and test.
var hashes = &hashCache{}

// hashCache computes each (seed, size) hash once, however many devices share it.
type hashCache struct {
	mu sync.Mutex
	m  map[hashKey]*hashEntry
}

type hashKey struct {
	seed string
	size int64
}

type hashEntry struct {
	once sync.Once
	sum  string
}

func (c *hashCache) get(seed string, size int64) string {
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[hashKey]*hashEntry)
	}
	e, ok := c.m[hashKey{seed, size}]
	if !ok {
		e = &hashEntry{}
		c.m[hashKey{seed, size}] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.sum = ImageSHA512(seed, size) })
	return e.sum
}
