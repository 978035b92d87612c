package call

// Common are the arguments every workspace-reading verb takes, on every
// surface: the CLI flags --workspace, --driver and --job, and the MCP
// properties workspace, driver and job. They select the [Env] a call runs
// in and are never seen by a handler's own argument struct.
type Common struct {
	Workspace string `name:"workspace" help:"the workspace directory (default: $DISPATCH_WORKSPACE, then the current directory)"`
	Driver    string `name:"driver" help:"the base policy dos.toml is folded over: generic (default) or job"`
	Job       bool   `name:"job" help:"same as --driver job"`
}

// Input is one call's arguments: the verb's own typed struct and the
// common ones. Build it with [Def.NewInput] so defaults are applied.
type Input struct {
	// Args points at the verb's argument struct.
	Args any
	// Common holds the arguments every verb shares.
	Common Common
}

// CommonFields lists the common arguments d takes (none for a verb that
// reads no workspace).
func (d *Def) CommonFields() []Field {
	if d.NoWorkspace {
		return nil
	}
	return Fields(&Common{})
}
