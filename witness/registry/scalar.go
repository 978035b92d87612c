package registry

import (
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// scalar is a YAML scalar's text as written, so a sha such as 0123456 does
// not become the number 123456 and a phase 7 reads back "7". Anything that
// is not a scalar (absent, null, a list, a map) is empty.
type scalar string

// UnmarshalYAML keeps the node's text.
func (s *scalar) UnmarshalYAML(n ast.Node) error {
	*s = ""
	switch n := n.(type) {
	case *ast.StringNode:
		*s = scalar(n.Value)
	case *ast.LiteralNode:
		if n.Value != nil {
			*s = scalar(n.Value.Value)
		}
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if t := n.GetToken(); t != nil {
			*s = scalar(t.Value)
		}
	}
	return nil
}

// decode unmarshals a YAML document into v. The parser is a library: a
// panic on hostile input is turned into an error, so a malformed file
// reads as one with no rows instead of ending the process.
func decode(b []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(b, v)
}
