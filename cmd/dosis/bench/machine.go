package bench

import (
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where a figure was measured: the CPUs, the memory and
// the load average when it was taken (the benchmark machine is shared).
type Machine struct {
	CPUs     int    `json:"cpus"`
	MemTotal string `json:"mem_total"`
	Load     string `json:"load"`
}

// ThisMachine reads the CPU count, /proc/meminfo and /proc/loadavg (empty
// fields where they cannot be read).
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU()}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				m.MemTotal = strings.TrimSpace(v)
			}
		}
	}
	return m
}

// String is "2 CPUs, 24000000 kB, load 3.1 2.9 2.5".
func (m Machine) String() string {
	return strings.TrimSpace(strings.Join([]string{strconv.Itoa(m.CPUs) + " CPUs,", m.MemTotal + ",", "load", m.Load}, " "))
}
