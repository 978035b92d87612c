//go:build !unix

package cli

// execOrRun runs bin as a child on stdio and returns its exit code (no
// exec(2) here).
func execOrRun(bin string, args []string, stdio IO) (int, error) {
	return runChild(bin, args, stdio)
}
