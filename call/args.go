package call

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Field describes one argument of a syscall, read from the struct tags of
// its argument type:
//
//	Plan string `name:"plan" pos:"0" required:"true" help:"plan or series id"`
//	Ref  string `name:"ref" default:"HEAD" help:"the ref to verify"`
//	Kind string `name:"kind" enum:"cluster,keyword,global" help:"..."`
//	Files []string `name:"file" pos:"rest" help:"..."`
//
// name is the CLI flag (the MCP property uses _ for -); pos makes it a CLI
// positional ("rest" takes the remaining positionals); cli:"-" or mcp:"-"
// hide it from one surface; safe:"true" on a boolean says that a surface
// serving read-only forces it on, because left off the verb may run a
// program the workspace names (verify's --no-ci). Supported kinds: string,
// bool, int, int64, float64 and []string.
type Field struct {
	Name     string
	Help     string
	Default  string
	Enum     []string
	Pos      int // -1: a flag; -2: the rest of the positionals
	Required bool
	CLI, MCP bool
	// Safe is set on a boolean a read-only surface forces to true.
	Safe  bool
	Kind  reflect.Kind // String, Bool, Int, Int64, Float64 or Slice
	index int
}

// Unset is the value a required whole-number argument holds until the
// caller gives one (0 being a value a caller may mean).
const Unset = math.MinInt64

// PosRest marks a field that takes every remaining positional.
const PosRest = -2

// MCPName is the field's name as an MCP property.
func (f Field) MCPName() string { return strings.ReplaceAll(f.Name, "-", "_") }

// Fields lists the arguments declared by an argument struct (or a pointer to
// one). It panics on a malformed tag: that is a programming error caught by
// the registry tests.
func Fields(args any) []Field {
	t := reflect.TypeOf(args)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]Field)
	}
	fs := slices.Clip(fieldsOf(t))
	fieldCache.Store(t, fs)
	return fs
}

// fieldCache holds each argument type's fields: reading struct tags is
// most of what building the command tree costs, and a type's tags never
// change. The slices are clipped, so a caller's append copies.
var fieldCache sync.Map // reflect.Type -> []Field

func fieldsOf(t reflect.Type) []Field {
	var out []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		name, ok := sf.Tag.Lookup("name")
		if !ok {
			continue
		}
		f := Field{
			Name: name, Help: sf.Tag.Get("help"), Default: sf.Tag.Get("default"),
			Pos: -1, Required: sf.Tag.Get("required") == "true",
			CLI: sf.Tag.Get("cli") != "-", MCP: sf.Tag.Get("mcp") != "-",
			Safe: sf.Tag.Get("safe") == "true",
			Kind: sf.Type.Kind(), index: i,
		}
		if e := sf.Tag.Get("enum"); e != "" {
			f.Enum = strings.Split(e, ",")
		}
		switch p := sf.Tag.Get("pos"); p {
		case "":
		case "rest":
			f.Pos = PosRest
		default:
			n, err := strconv.Atoi(p)
			if err != nil {
				panic(fmt.Sprintf("syscall: %s.%s: bad pos tag %q", t.Name(), sf.Name, p))
			}
			f.Pos = n
		}
		if f.Safe && f.Kind != reflect.Bool {
			panic(fmt.Sprintf("syscall: %s.%s: safe:\"true\" is for booleans only", t.Name(), sf.Name))
		}
		switch f.Kind {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		case reflect.Slice:
			if sf.Type.Elem().Kind() != reflect.String {
				panic(fmt.Sprintf("syscall: %s.%s: only []string slices are supported", t.Name(), sf.Name))
			}
		default:
			panic(fmt.Sprintf("syscall: %s.%s: unsupported kind %s", t.Name(), sf.Name, f.Kind))
		}
		out = append(out, f)
	}
	return out
}

// FieldValue returns the addressable value of f inside args (a pointer).
func FieldValue(args any, f Field) reflect.Value {
	return reflect.ValueOf(args).Elem().Field(f.index)
}

// SetField parses s into the field f of args.
func SetField(args any, f Field, s string) error {
	v := FieldValue(args, f)
	switch f.Kind {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return &UsageError{Msg: fmt.Sprintf("--%s wants true or false, got %q", f.Name, s)}
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return &UsageError{Msg: fmt.Sprintf("--%s wants a whole number, got %q", f.Name, s)}
		}
		v.SetInt(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return &UsageError{Msg: fmt.Sprintf("--%s wants a number, got %q", f.Name, s)}
		}
		v.SetFloat(x)
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.ValueOf(s)))
	}
	return nil
}

func applyDefaults(args any) {
	for _, f := range Fields(args) {
		if f.Default == "" {
			if f.Required && (f.Kind == reflect.Int || f.Kind == reflect.Int64) {
				// 0 is a value a caller may give: a required number starts
				// unset, so validate can tell it was left out.
				FieldValue(args, f).SetInt(Unset)
			}
			continue
		}
		if err := SetField(args, f, f.Default); err != nil {
			panic(fmt.Sprintf("syscall: bad default for %s: %v", f.Name, err))
		}
	}
}

// validate checks required arguments, enums and printable text.
func validate(args any) error {
	for _, f := range Fields(args) {
		v := FieldValue(args, f)
		switch f.Kind {
		case reflect.String:
			s := v.String()
			if f.Required && strings.TrimSpace(s) == "" {
				return &UsageError{Msg: fmt.Sprintf("%s must be non-empty", f.Name)}
			}
			if strings.ContainsFunc(s, unicode.IsControl) {
				return &UsageError{Msg: fmt.Sprintf("%s contains a control character", f.Name)}
			}
			if len(f.Enum) > 0 && s != "" && !slices.Contains(f.Enum, s) {
				return &UsageError{Msg: fmt.Sprintf("%s must be one of %s, got %q", f.Name, strings.Join(f.Enum, ", "), s)}
			}
		case reflect.Int, reflect.Int64:
			if f.Required && v.Int() == Unset {
				return &UsageError{Msg: fmt.Sprintf("%s is required", f.Name)}
			}
		case reflect.Slice:
			if f.Required && v.Len() == 0 {
				return &UsageError{Msg: fmt.Sprintf("%s needs at least one value", f.Name)}
			}
		}
	}
	return nil
}
