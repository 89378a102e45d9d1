// Command measure-abuse drives the attacks of issue 11 against a running
// `dosis serve` on loopback and writes the .xlsx zip bomb, for the figures
// in docs/reliability.md (scripts/measure-abuse.sh runs it). It is a
// measuring tool, not part of the binary.
//
//	measure-abuse -bomb FILE                   write the zip bomb
//	measure-abuse -base URL -logins N          N parallel sign-ins, one address each
//	measure-abuse -base URL -guesses N -user U N parallel wrong passwords for U from one address
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	bomb := flag.String("bomb", "", "write the zip bomb (100,000 one-cell rows at column XFD) to this file")
	base := flag.String("base", "", "the server, e.g. http://127.0.0.1:8080")
	logins := flag.Int("logins", 0, "parallel sign-ins with unknown usernames, each from its own loopback address")
	guesses := flag.Int("guesses", 0, "parallel wrong passwords for -user from 127.0.0.1")
	user := flag.String("user", "nurse", "the user whose password is guessed")
	flag.Parse()
	switch {
	case *bomb != "":
		if err := writeBomb(*bomb, 100_000); err != nil {
			log.Fatal(err)
		}
	case *logins > 0:
		ips := make([]string, *logins)
		for i := range ips {
			ips[i] = fmt.Sprintf("127.0.%d.%d", 2+i/250, 1+i%250)
		}
		report(parallel(*base, ips, func(i int) string { return fmt.Sprintf("nobody%d", i) }))
	case *guesses > 0:
		ips := make([]string, *guesses)
		for i := range ips {
			ips[i] = "127.0.0.1"
		}
		report(parallel(*base, ips, func(int) string { return *user }))
	default:
		flag.Usage()
		os.Exit(2)
	}
}

func writeBomb(path string, rows int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"CPR", "Navn", "Kommune"}); err != nil {
		return err
	}
	for i := 2; i <= rows+1; i++ {
		if err := sw.SetRow(fmt.Sprintf("XFD%d", i), []any{"x"}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// parallel prepares one client per address (session and CSRF token), then
// fires every sign-in at once; it returns the statuses and the time taken.
func parallel(base string, ips []string, username func(int) string) (map[int]int, time.Duration) {
	type prepared struct {
		c    *http.Client
		form url.Values
	}
	ps := make([]prepared, len(ips))
	for i, ip := range ips {
		jar, _ := cookiejar.New(nil)
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		c := &http.Client{Jar: jar, Timeout: time.Minute, Transport: &http.Transport{DialContext: d.DialContext},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(base + "/login")
		if err != nil {
			log.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := csrfRE.FindSubmatch(b)
		if m == nil {
			log.Fatal("no CSRF token on /login")
		}
		ps[i] = prepared{c, url.Values{"username": {username(i)}, "password": {"wrong guess"}, "csrf_token": {string(m[1])}}}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	begin := make(chan struct{})
	for _, p := range ps {
		wg.Go(func() {
			<-begin
			st := -1
			if res, err := p.c.PostForm(base+"/login", p.form); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				st = res.StatusCode
			}
			mu.Lock()
			statuses[st]++
			mu.Unlock()
		})
	}
	start := time.Now()
	close(begin)
	wg.Wait()
	return statuses, time.Since(start)
}

func report(statuses map[int]int, took time.Duration) {
	codes := make([]int, 0, len(statuses))
	for c := range statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		fmt.Printf("status %d: %d\n", c, statuses[c])
	}
	fmt.Printf("took %s\n", took.Round(time.Millisecond))
}
