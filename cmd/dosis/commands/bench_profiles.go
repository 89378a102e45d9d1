package commands

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/urfave/cli/v2"
)

// benchProfiles are the profile files `bench web` was asked for; they
// cover the first timed load only, not the sign-ins and the warm-up (whose
// first dashboard may build the national report).
type benchProfiles struct {
	cpu, block, mutex, trace *os.File
}

func openProfiles(c *cli.Context) (*benchProfiles, error) {
	p := &benchProfiles{}
	for _, f := range []struct {
		flag string
		to   **os.File
	}{{"cpuprofile", &p.cpu}, {"blockprofile", &p.block}, {"mutexprofile", &p.mutex}, {"trace", &p.trace}} {
		name := c.String(f.flag)
		if name == "" {
			continue
		}
		file, err := os.Create(name)
		if err != nil {
			p.close(io.Discard)
			return nil, fmt.Errorf("--%s: %w", f.flag, err)
		}
		*f.to = file
	}
	return p, nil
}

// start starts the profiles (bench.WebOptions.Profile); the function it
// returns stops them and writes the block and mutex profiles.
func (p *benchProfiles) start() func() error {
	var errs []error
	if p.cpu != nil {
		errs = append(errs, pprof.StartCPUProfile(p.cpu))
	}
	if p.trace != nil {
		errs = append(errs, trace.Start(p.trace))
	}
	if p.block != nil {
		runtime.SetBlockProfileRate(1)
	}
	if p.mutex != nil {
		runtime.SetMutexProfileFraction(1)
	}
	return func() error {
		if p.cpu != nil {
			pprof.StopCPUProfile()
		}
		if p.trace != nil {
			trace.Stop()
		}
		if p.block != nil {
			runtime.SetBlockProfileRate(0)
			errs = append(errs, pprof.Lookup("block").WriteTo(p.block, 0))
		}
		if p.mutex != nil {
			runtime.SetMutexProfileFraction(0)
			errs = append(errs, pprof.Lookup("mutex").WriteTo(p.mutex, 0))
		}
		return errors.Join(errs...)
	}
}

// close closes the files, reporting a failed write to w.
func (p *benchProfiles) close(w io.Writer) {
	for _, f := range []*os.File{p.cpu, p.block, p.mutex, p.trace} {
		if f != nil {
			if err := f.Close(); err != nil {
				fmt.Fprintln(w, "bench web:", err)
			}
		}
	}
}

// profileWhole starts the profiles the command's flags name (openProfiles)
// for the rest of the command; the function it returns stops them and
// closes their files.
func (e *env) profileWhole(c *cli.Context) (func(), error) {
	p, err := openProfiles(c)
	if err != nil {
		return nil, err
	}
	stop := p.start()
	return func() {
		if err := stop(); err != nil {
			fmt.Fprintf(e.stderr, "dosis: profiles: %v\n", err)
		}
		p.close(e.stderr)
	}, nil
}
