package economics

import (
	"fmt"
	"strconv"
)

// g formats a float with 6 significant digits, as the reasons print ratios
// and floors ("6e-05", "0.0001").
func g(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// pct formats a fraction as a whole percentage ("25%").
func pct(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

// plural returns "s" unless n is 1.
func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
