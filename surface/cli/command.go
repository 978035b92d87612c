package cli

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dispatchos/dos/call"
)

// newCommand adapts one syscall to a cobra command.
func newCommand(env *call.Env, common *call.Common, stdio IO, d *call.Def) *cobra.Command {
	in := d.NewInput()
	args := in.Args
	fields := call.Fields(args)
	words := strings.Fields(d.Path)
	var asJSON, explain bool
	var output string
	cmd := &cobra.Command{
		Use:     strings.TrimSpace(words[len(words)-1] + " " + d.Use),
		Short:   d.Short,
		Long:    d.Long,
		Example: d.Example,
		Args: func(c *cobra.Command, pos []string) error {
			return bindPositionals(c, args, fields, pos)
		},
		RunE: func(c *cobra.Command, _ []string) error {
			render, err := renderer(output, asJSON, d.JSONDefault)
			if err != nil {
				return err
			}
			in.Common = *common
			env.Emit = func(r *call.Result) error { return printResult(stdio, env, r, render, explain) }
			res, err := d.Run(c.Context(), env, in)
			if err != nil {
				return err
			}
			if res.Launch != nil {
				return launch(res.Launch, stdio)
			}
			if !res.Printed {
				if err := printResult(stdio, env, res, render, explain); err != nil {
					return err
				}
			}
			if res.ExitCode != 0 {
				return &exitError{code: res.ExitCode}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, "print the result as one JSON object")
	fl.StringVar(&output, "output", "", "how to print the result {text | json | plain} (default: text, or json for verbs that print JSON); plain is one sentence for a person")
	if len(d.Verdicts) > 0 {
		fl.BoolVar(&explain, "explain", false, "add a one-line interpretation of the verdict")
	}
	for _, f := range fields {
		if !f.CLI || f.Pos != -1 {
			continue
		}
		bindFlag(cmd, args, f)
	}
	return cmd
}

func bindFlag(cmd *cobra.Command, args any, f call.Field) {
	bindFlagSet(cmd.Flags(), args, f)
	if f.Required {
		_ = cmd.MarkFlagRequired(f.Name)
	}
}

// bindFlagSet binds the field f of args to a flag of fl.
func bindFlagSet(fl *pflag.FlagSet, args any, f call.Field) {
	v := call.FieldValue(args, f)
	help := f.Help
	if len(f.Enum) > 0 {
		help += " {" + strings.Join(f.Enum, " | ") + "}"
	}
	switch f.Kind {
	case reflect.String:
		fl.StringVar(v.Addr().Interface().(*string), f.Name, v.String(), help)
	case reflect.Slice:
		fl.StringArrayVar(v.Addr().Interface().(*[]string), f.Name, nil, help)
	default:
		flag := fl.VarPF(fieldValue{args: args, f: f}, f.Name, "", help)
		if f.Kind == reflect.Bool {
			flag.NoOptDefVal = "true"
		}
	}
}

// fieldValue binds a bool or number field to a flag through
// call.SetField, so a bad value is answered in dos's words ("--ttl
// wants a number, got "abc"") and every surface parses alike.
type fieldValue struct {
	args any
	f    call.Field
}

// String is the current value, shown as the flag's default in help.
func (v fieldValue) String() string {
	fv := call.FieldValue(v.args, v.f)
	if (v.f.Kind == reflect.Int || v.f.Kind == reflect.Int64) && fv.Int() == call.Unset {
		return "" // a required number left unset shows no default
	}
	return fmt.Sprint(fv.Interface())
}

// Set parses s into the field.
func (v fieldValue) Set(s string) error { return call.SetField(v.args, v.f, s) }

// Type names the value in help ("--ttl float").
func (v fieldValue) Type() string {
	switch v.f.Kind {
	case reflect.Bool:
		return "bool"
	case reflect.Float64:
		return "float"
	case reflect.Int64:
		return "int64"
	}
	return "int"
}

// bindPositionals assigns the command line's positionals to their fields.
func bindPositionals(c *cobra.Command, args any, fields []call.Field, pos []string) error {
	var rest *call.Field
	max := 0
	for i := range fields {
		f := fields[i]
		if !f.CLI {
			continue
		}
		switch {
		case f.Pos == call.PosRest:
			rest = &fields[i]
		case f.Pos >= 0:
			if f.Pos+1 > max {
				max = f.Pos + 1
			}
			if f.Pos < len(pos) {
				if err := call.SetField(args, f, pos[f.Pos]); err != nil {
					return err
				}
			} else if f.Required {
				return usage(c, "missing argument <%s>", f.Name)
			}
		}
	}
	if len(pos) > max {
		if rest == nil {
			return usage(c, "unexpected argument %s", strconv.Quote(pos[max]))
		}
		for _, p := range pos[max:] {
			if err := call.SetField(args, *rest, p); err != nil {
				return err
			}
		}
	}
	return nil
}

func usage(c *cobra.Command, format string, a ...any) error {
	return &call.UsageError{
		Msg:   fmt.Sprintf(format, a...),
		Hints: []string{fmt.Sprintf("usage: %s", c.UseLine())},
	}
}

// renderer picks the output form: --output wins, then --json, then the
// verb's default. An unknown name is a usage error, checked before the
// verb runs.
func renderer(output string, asJSON, jsonDefault bool) (string, error) {
	switch output {
	case "text", "json", "plain":
		return output, nil
	case "":
		if asJSON || jsonDefault {
			return "json", nil
		}
		return "text", nil
	}
	return "", &call.UsageError{Msg: fmt.Sprintf("unknown renderer %q; known: text, json, plain", output)}
}

func printResult(stdio IO, env *call.Env, res *call.Result, render string, explain bool) error {
	if render == "plain" && res.Interpretation != "" {
		_, err := fmt.Fprintln(stdio.Out, res.Interpretation)
		return err
	}
	if res.Verbatim && render != "json" {
		if res.Text == "" {
			return nil
		}
		_, err := fmt.Fprintln(stdio.Out, res.Text)
		return err
	}
	if render == "json" || res.Text == "" { // a verb with no text form prints its JSON
		b, err := res.JSON(explain)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdio.Out, "%s\n", b)
		return err
	}
	text := res.Text
	if !res.Verdict.IsZero() && !strings.Contains(text, "\n") && useColor(stdio.Out, env.Getenv) {
		text = colorize(text, res.ExitCode)
	}
	fmt.Fprintln(stdio.Out, text)
	if explain && res.Interpretation != "" {
		fmt.Fprintln(stdio.Out, res.Interpretation)
	}
	return nil
}
