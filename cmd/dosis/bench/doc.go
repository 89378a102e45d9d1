// Package bench is the benchmark harness behind `dosis bench`: the national
// report against its bare aggregate queries run by the engine's own client,
// the web application under concurrent load on 127.0.0.1, and audited
// workflow transitions per second. Every run is bounded (a duration and a
// request or case count) and stops by itself. The figures and the method are
// in BENCHMARKS.md at the repository root; the harness is not part of the
// normal test run (only a smoke test with tiny sizes is).
package bench
