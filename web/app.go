package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"golang.org/x/sync/semaphore"
)

// Config is what the web application needs.
type Config struct {
	// DB is the open, migrated database.
	DB *data.DB
	// Addr is the address to listen on; "127.0.0.1:0" picks a free port.
	Addr string
	// Now is the clock the domain uses (deadlines, audit times).
	Now func() time.Time
	// Logger receives one line per request: user, route, status, duration.
	Logger *slog.Logger
	// Secure marks cookies Secure (set it when served over HTTPS).
	Secure bool
	// IdleTimeout ends a session unused this long (default 1 hour).
	IdleTimeout time.Duration
	// Lifetime ends a session this long after sign-in (default 12 hours).
	Lifetime time.Duration
	// Throttle limits failed sign-ins (default data.DefaultLoginThrottle).
	Throttle data.LoginThrottle
	// MaxPasswordChecks bounds the password hashes computed at once (each
	// costs 19 MiB; default 4). A sign-in waits for a free one for
	// Throttle.QueueWait, then gets 503.
	MaxPasswordChecks int
	// Settings are the workflow's periods (default workflow.DefaultSettings).
	Settings workflow.Settings
	// MedComOutbox is the folder MedCom messages to send are written to
	// (acknowledgements of uploads, CareCommunications to GPs); "" for none.
	MedComOutbox string
}

// App is the running web application.
type App struct {
	cfg      Config
	db       *data.DB
	log      *slog.Logger
	svc      *workflow.Service
	sessions *scs.SessionManager
	pages    pages
	msgs     catalogue
	ln       net.Listener
	srv      *http.Server
	// medcomSlots bounds the MedCom messages received at once through the
	// endpoint (each may hold up to 5 MiB).
	medcomSlots chan struct{}
}

// New checks the templates, builds the routes and listens on cfg.Addr. It
// fails on a template error, so a broken page never reaches users.
func New(cfg Config) (*App, error) {
	if cfg.DB == nil {
		return nil, errors.New("web: no database")
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = time.Hour
	}
	if cfg.Lifetime == 0 {
		cfg.Lifetime = 12 * time.Hour
	}
	if cfg.Throttle == (data.LoginThrottle{}) {
		cfg.Throttle = data.DefaultLoginThrottle()
	}
	if cfg.MaxPasswordChecks <= 0 {
		cfg.MaxPasswordChecks = 4
	}
	if cfg.Throttle.Checks == nil {
		cfg.Throttle.Checks = semaphore.NewWeighted(int64(cfg.MaxPasswordChecks))
	}
	if cfg.Throttle.QueueWait <= 0 {
		cfg.Throttle.QueueWait = 5 * time.Second
	}
	if cfg.Settings == (workflow.Settings{}) {
		cfg.Settings = workflow.DefaultSettings()
	}
	app := &App{cfg: cfg, db: cfg.DB, log: cfg.Logger, msgs: newCatalogue(),
		svc: workflow.NewService(cfg.DB, cfg.Now, cfg.Settings), medcomSlots: make(chan struct{}, medcomConcurrency)}
	p, err := parsePages(app.msgs)
	if err != nil {
		return nil, err
	}
	app.pages = p
	app.sessions = newSessions(cfg)
	// A session store failure (the database is down) gets the Danish error
	// page, not the library's plain-text 500.
	app.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		app.fail(w, r, &Request{Lang: langOf(r)}, err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: listen on %s: %w", cfg.Addr, err)
	}
	app.ln = ln
	app.srv = &http.Server{Handler: app.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn)}
	return app, nil
}

// Addr returns the address the server listens on, e.g. "127.0.0.1:41234".
func (app *App) Addr() string { return app.ln.Addr().String() }

// Run serves until ctx is cancelled, then shuts down gracefully: requests
// in flight get up to 10 seconds to finish.
func (app *App) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- app.srv.Serve(app.ln) }()
	go app.sweepSessions(ctx)
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := app.srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shut down: %w", err)
	}
	return nil
}

// Close stops the server at once.
func (app *App) Close() error {
	err := app.srv.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// loginRecordsKept is how long sign-in attempts are kept.
const loginRecordsKept = 90 * 24 * time.Hour

// sweepSessions deletes expired sessions, old sign-in attempts and idle
// sign-in counters every ten minutes.
func (app *App) sweepSessions(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	store := app.db.SessionStore(time.Now)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := store.DeleteExpired(ctx); err != nil {
				app.log.Warn("delete expired sessions", "err", err)
			}
			if _, err := app.db.PruneLogins(ctx, app.cfg.Throttle, loginRecordsKept, app.cfg.Now()); err != nil {
				app.log.Warn("prune sign-in records", "err", err)
			}
		}
	}
}
