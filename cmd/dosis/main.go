// Command dosis runs a municipality's dose-dispensed medicine programme:
// set-up, import, demo data, the case workflow, reports and the web server.
package main

import (
	"os"
	_ "time/tzdata" // Danish civil dates need Europe/Copenhagen on machines without zoneinfo

	"github.com/dosis-dk/dosis/cmd/dosis/commands"
)

func main() {
	os.Exit(commands.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
