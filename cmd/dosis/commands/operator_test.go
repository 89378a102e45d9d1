package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestCLIOperatorMistakes runs the command line as an operator who mistypes:
// every mistake is one line on stderr naming what is wrong, exit code 2
// (bad usage or input) or 1, never a help page on stdout instead of an
// error, and nothing written.
func TestCLIOperatorMistakes(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag of a command", []string{"report", "--bogus"}, ExitUsage, "flag provided but not defined: -bogus"},
		{"flag without its value", []string{"report", "--from"}, ExitUsage, "flag needs an argument: -from"},
		{"flag value of the wrong type", []string{"report", "--municipality", "abc"}, ExitUsage, `invalid value "abc"`},
		{"unknown flag of a subcommand", []string{"rollups", "verify", "--nope"}, ExitUsage, "-nope"},
		{"unknown subcommand", []string{"import", "foo", "x.csv"}, ExitUsage, `"foo" is not a command of dosis import; the commands are: citizens, medicine-help, gps, pharmacies`},
		{"unknown command", []string{"foo"}, ExitUsage, `"foo" is not a command of dosis; the commands are: db,`},
		{"unknown nested subcommand", []string{"case", "bogus"}, ExitUsage, `"bogus" is not a command of dosis case`},
		{"report for no municipality", []string{"report", "--municipality", "999"}, ExitUsage, "municipality code 999 does not exist"},
		{"report for Christiansø", []string{"report", "--municipality", "851", "--municipality", "411"}, ExitUsage, "municipality code 411 does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := r.run(tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Fatalf("want exit %d mentioning %q, got %d: %q", tc.code, tc.want, code, errs)
			}
			if strings.Contains(out, "USAGE") || strings.Contains(errs, "Incorrect Usage") {
				t.Errorf("a mistake printed the help instead of one error line:\n%s%s", out, errs)
			}
		})
	}
	// Asking for help is not a mistake.
	for _, args := range [][]string{{"import"}, {"import", "--help"}, {"case", "open", "--help"}} {
		if out := r.ok(args...); !strings.Contains(out, "USAGE") {
			t.Errorf("dosis %s: no help\n%s", strings.Join(args, " "), out)
		}
	}
}

// TestCLIDatabasePathMistakes: a --db that is a directory, or a file that
// is not there, is refused naming the path; a mistyped path is never
// created as an empty database (it was, and then called out of date).
//
// The paths are relative to a temporary working directory: an absolute
// temporary path holds a random number of ten digits, and one that reads as
// a CPR number (about one in sixteen) is hidden in the error as any CPR
// number is (cpr.Redact), so the message no longer quoted the path.
func TestCLIDatabasePathMistakes(t *testing.T) {
	t.Chdir(t.TempDir())
	dir := "databases"
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	r := newCLI(t)
	for _, args := range [][]string{{"report"}, {"db", "migrate"}, {"user", "list"}} {
		r.db = dir
		code, _, errs := r.run(args...)
		if code != ExitUsage || !strings.Contains(errs, dir+" is a directory, not a file") {
			t.Errorf("--db DIRECTORY %s: want exit 2 naming the directory, got %d %q", strings.Join(args, " "), code, errs)
		}
	}
	missing := filepath.Join(dir, "typo.db")
	r.db = missing
	for _, args := range [][]string{{"report"}, {"user", "list"}, {"db", "status"}, {"backup", filepath.Join(dir, "copy.db")}, {"rollups", "verify"}} {
		code, _, errs := r.run(args...)
		if code != ExitFailure || !strings.Contains(errs, "there is no database at "+missing) || !strings.Contains(errs, "dosis db migrate") {
			t.Errorf("--db MISSING %s: want exit 1 naming the path and the fix, got %d %q", strings.Join(args, " "), code, errs)
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Fatalf("dosis %s created %s", strings.Join(args, " "), missing)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); !os.IsNotExist(err) {
		t.Errorf("a backup of a missing database was written")
	}
	// db migrate is the command that creates one.
	r.ok("db", "migrate")
	if _, err := os.Stat(missing); err != nil {
		t.Fatalf("db migrate did not create the database: %v", err)
	}
}

// TestCLIBackupNeedsAFileName: `dosis backup ""` wrote the whole database to
// ".partial" in the working directory and left it there; a name ending in
// a slash is a directory, not a file name.
func TestCLIBackupNeedsAFileName(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	wd := t.TempDir()
	t.Chdir(wd)
	for _, name := range []string{"", " ", wd + "/"} {
		code, _, errs := r.run("backup", name)
		if code != ExitUsage || !strings.Contains(errs, "give the backup a file name") {
			t.Errorf("backup %q: want exit 2 asking for a file name, got %d %q", name, code, errs)
		}
	}
	left, _ := filepath.Glob(filepath.Join(wd, "*partial*"))
	hidden, _ := filepath.Glob(filepath.Join(wd, ".partial"))
	if len(left)+len(hidden) > 0 {
		t.Errorf("files left behind: %v %v", left, hidden)
	}
}

// TestOperatorCommandsDescribeEveryFlag: `dosis user add --help` listed
// --username and --name, and `user passwd` --password-stdin, with no
// word of what they take; so did gp add, pharmacy add and the MedCom
// admin commands. Every flag of the operator's commands says what it is.
func TestOperatorCommandsDescribeEveryFlag(t *testing.T) {
	e := &env{}
	operator := []string{"db", "user", "gp add", "pharmacy", "import", "report", "backup", "restore", "rollups", "serve", "medcom sender", "medcom token", "medcom log", "demo"}
	var walk func(path string, cs []*cli.Command)
	walk = func(path string, cs []*cli.Command) {
		for _, c := range cs {
			p := strings.TrimSpace(path + " " + c.Name)
			for _, f := range c.Flags {
				d, ok := f.(cli.DocGenerationFlag)
				if !ok || d.GetUsage() != "" {
					continue
				}
				for _, o := range operator {
					if p == o || strings.HasPrefix(p, o+" ") {
						t.Errorf("dosis %s --%s has no usage text", p, f.Names()[0])
					}
				}
			}
			walk(p, c.Subcommands)
		}
	}
	walk("", e.commands())
}
