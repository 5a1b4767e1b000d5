//! Command line: the server's options and the staff commands, on clap
//! (derive). `receiver [OPTIONS]` with no command runs the server, as
//! `receiver serve [OPTIONS]` does, so the scripts' `receiver --port 3001
//! --data …` keeps working.

use std::path::PathBuf;
use std::time::Duration;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::envelope::{DEFAULT_MAX_ANSWER_CHARS, MAX_BODY_BYTES};
use crate::timefmt::parse_date;

/// Default largest draft body (`--draft-max-bytes`): 256 KiB.
pub const DRAFT_MAX_BYTES: usize = 256 * 1024;

/// Runtime configuration of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Interface to bind (default `127.0.0.1`).
    pub host: String,
    /// TCP port; `0` picks a free port (default `3001`).
    pub port: u16,
    /// SQLite database file (default `data/submissions.db`).
    pub data: PathBuf,
    /// Origins allowed by CORS; `*` allows any origin.
    pub allow_origins: Vec<String>,
    /// Enables the `/__…` routes; only possible in a build with the
    /// `test-switches` feature.
    pub test_switches: bool,
    /// Longest text answer taken, in characters.
    pub max_answer_chars: usize,
    /// Largest request body taken, in bytes.
    pub max_body_bytes: usize,
    /// Cycle files whose labels name the questions in error messages, and
    /// whose enforced close ends the drafts saved for them.
    pub cycles: Vec<PathBuf>,
    /// Longest time for the whole request body to arrive.
    pub body_timeout: Duration,
    /// Longest time for a whole request, body and storing included.
    pub request_timeout: Duration,
    /// Requests handled at once; more get `503` at once.
    pub concurrency: usize,
    /// Open connections at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    /// Requests a client may send in a burst.
    pub rate_burst: u32,
    /// Requests a client may send per minute once its burst is spent.
    pub rate_per_minute: u32,
    /// Take the client address from `X-Forwarded-For`/`Forwarded` (only
    /// behind a reverse proxy that sets them; otherwise clients could pick
    /// their own).
    pub trust_forwarded: bool,
    /// A draft expires this many days after its last save (or at its
    /// cycle's enforced close, when that is earlier).
    pub draft_days: u32,
    /// Largest draft request body, in bytes.
    pub draft_max_bytes: usize,
    /// Look-ups of draft ids that do not exist one client may make per
    /// [`Config::draft_guess_window`]; past it every look-up is `429`.
    pub draft_guess_limit: u32,
    /// The window of [`Config::draft_guess_limit`].
    pub draft_guess_window: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 3001,
            data: PathBuf::from("data/submissions.db"),
            allow_origins: Vec::new(),
            test_switches: false,
            max_answer_chars: DEFAULT_MAX_ANSWER_CHARS,
            max_body_bytes: MAX_BODY_BYTES,
            cycles: Vec::new(),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(20),
            concurrency: 256,
            max_connections: 1024,
            rate_burst: 30,
            rate_per_minute: 30,
            trust_forwarded: false,
            draft_days: 30,
            draft_max_bytes: DRAFT_MAX_BYTES,
            draft_guess_limit: 10,
            draft_guess_window: Duration::from_secs(600),
        }
    }
}

impl Config {
    /// True when `origin` may make cross-origin requests.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.allow_origins
            .iter()
            .any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }
}

/// The receiver of the ALSC Mentor Application: stores submissions (and
/// encrypted drafts) in SQLite; `export`, `purge` and `backup` are for staff.
#[derive(Debug, Parser)]
#[command(
    name = "receiver",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "With no command, the server runs (as `receiver serve`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Sub>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Run the HTTP endpoint (the default when no command is given)
    Serve(ServeArgs),
    /// Write one cycle's applications as CSV or JSON Lines (one row per
    /// application: its latest version)
    Export(ExportArgs),
    /// Delete what was received before a date
    Purge(PurgeArgs),
    /// Copy the database consistently while the server runs
    Backup(BackupArgs),
}

/// The server's options (also the options of `receiver` with no command).
#[derive(Debug, Clone, Args)]
struct ServeArgs {
    /// TCP port (0 = any free port)
    #[arg(
        short,
        long,
        env = "RECEIVER_PORT",
        default_value_t = 3001,
        value_name = "N"
    )]
    port: u16,
    /// Interface to bind
    #[arg(long, default_value = "127.0.0.1", value_name = "H")]
    host: String,
    /// SQLite database file
    #[arg(
        long,
        env = "RECEIVER_DATA",
        default_value = "data/submissions.db",
        value_name = "PATH"
    )]
    data: PathBuf,
    /// CORS origins (repeatable or comma separated); `*` = any (echoed, never `*`)
    #[arg(
        long = "allow-origin",
        env = "RECEIVER_ALLOW_ORIGINS",
        value_delimiter = ',',
        value_name = "ORIGIN"
    )]
    allow_origins: Vec<String>,
    /// Cycle file (repeatable): its labels name the questions in error
    /// messages; its enforced close ends its drafts
    #[arg(long = "cycle", value_name = "FILE")]
    cycles: Vec<PathBuf>,
    /// Longest text answer (and each choice of a list), in characters
    #[arg(long, default_value_t = DEFAULT_MAX_ANSWER_CHARS, value_parser = positive::<usize>, value_name = "N")]
    max_answer_chars: usize,
    /// Largest submission body, in bytes
    #[arg(long, default_value_t = MAX_BODY_BYTES, value_parser = positive::<usize>, value_name = "N")]
    max_body_bytes: usize,
    /// Time for the request headers, and separately for the whole body, to arrive
    #[arg(long = "body-timeout-ms", default_value = "10000", value_parser = millis, value_name = "MS")]
    body_timeout: Duration,
    /// Time for a whole request, storing included
    #[arg(long = "request-timeout-ms", default_value = "20000", value_parser = millis, value_name = "MS")]
    request_timeout: Duration,
    /// Requests processed at once; more get 503 at once
    #[arg(long, default_value_t = 256, value_parser = positive::<usize>, value_name = "N")]
    concurrency: usize,
    /// Open connections; more wait in the kernel's backlog
    #[arg(long, default_value_t = 1024, value_parser = positive::<usize>, value_name = "N")]
    max_connections: usize,
    /// Submissions (and, separately, draft requests) one client may send in a burst
    #[arg(long, default_value_t = 30, value_parser = positive::<u32>, value_name = "N")]
    rate_burst: u32,
    /// …and then per minute
    #[arg(long, default_value_t = 30, value_parser = positive::<u32>, value_name = "N")]
    rate_per_minute: u32,
    /// Take the client address from X-Forwarded-For / X-Real-IP / Forwarded
    /// (only behind a proxy that overwrites them)
    #[arg(long = "trust-forwarded-for")]
    trust_forwarded: bool,
    /// A draft expires this many days after its last save (or at its
    /// cycle's enforced close, when earlier)
    #[arg(long, default_value_t = 30, value_parser = positive::<u32>, value_name = "DAYS")]
    draft_days: u32,
    /// Largest draft body, in bytes
    #[arg(long, default_value_t = DRAFT_MAX_BYTES, value_parser = positive::<usize>, value_name = "N")]
    draft_max_bytes: usize,
    /// Look-ups of unknown draft ids one client may make per window
    #[arg(long, default_value_t = 10, value_parser = positive::<u32>, value_name = "N")]
    draft_guess_limit: u32,
    /// The window of --draft-guess-limit, in seconds
    #[arg(long = "draft-guess-window-secs", default_value = "600", value_parser = seconds, value_name = "S")]
    draft_guess_window: Duration,
    /// The /__… routes for the end-to-end tests (test builds only)
    #[arg(long, hide = !cfg!(feature = "test-switches"))]
    test_switches: bool,
}

/// `receiver export`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ExportArgs {
    /// SQLite database file
    #[arg(
        long,
        env = "RECEIVER_DATA",
        default_value = "data/submissions.db",
        value_name = "PATH"
    )]
    pub data: PathBuf,
    /// The cycle file (for ids, labels, order and options)
    #[arg(long, value_name = "CYCLE.json")]
    pub cycle: PathBuf,
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only applications whose latest version arrived on or after this day (UTC)
    #[arg(long, value_parser = date, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Write to this new file (mode 0600) instead of standard output; an
    /// existing file is never replaced
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV for spreadsheets (UTF-8 with BOM, formulas defused)
    Csv,
    /// One JSON object per line
    Jsonl,
}

/// `receiver purge`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct PurgeArgs {
    /// SQLite database file
    #[arg(
        long,
        env = "RECEIVER_DATA",
        default_value = "data/submissions.db",
        value_name = "PATH"
    )]
    pub data: PathBuf,
    /// Rows received before this day (UTC midnight) are deleted
    #[arg(long, value_parser = date, value_name = "YYYY-MM-DD")]
    pub before: String,
    /// Only this cycle's rows
    #[arg(long, value_name = "ID")]
    pub cycle_id: Option<String>,
}

/// `receiver backup`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct BackupArgs {
    /// SQLite database file
    #[arg(
        long,
        env = "RECEIVER_DATA",
        default_value = "data/submissions.db",
        value_name = "PATH"
    )]
    pub data: PathBuf,
    /// The new backup file (mode 0600); an existing file is never replaced
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve(Box<Config>),
    Export(ExportArgs),
    Purge(PurgeArgs),
    Backup(BackupArgs),
}

const NO_SWITCHES: &str = "--test-switches is not available: this receiver was built without \
the `test-switches` feature, so it has no test routes. They exist only in test builds \
(cargo build -p receiver --features test-switches), which must never be deployed";

impl Command {
    /// Parses the arguments (the program name first, as `std::env::args`
    /// gives them). `--help` and `--version` come back as errors whose
    /// `exit()` prints them and exits 0, as clap does.
    pub fn parse_from<I, T>(args: I) -> Result<Command, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let cli = Cli::try_parse_from(args)?;
        match cli.command {
            None => cli.serve.into_config().map(|c| Command::Serve(Box::new(c))),
            Some(Sub::Serve(serve)) => serve.into_config().map(|c| Command::Serve(Box::new(c))),
            Some(Sub::Export(args)) => Ok(Command::Export(args)),
            Some(Sub::Purge(args)) => Ok(Command::Purge(args)),
            Some(Sub::Backup(args)) => Ok(Command::Backup(args)),
        }
    }

    /// The generated `--help` text of the whole command.
    pub fn help() -> String {
        Cli::command().render_help().to_string()
    }
}

impl ServeArgs {
    fn into_config(self) -> Result<Config, clap::Error> {
        let refuse = |message: &str| Cli::command().error(ErrorKind::ArgumentConflict, message);
        if self.test_switches && !cfg!(feature = "test-switches") {
            return Err(refuse(NO_SWITCHES));
        }
        if std::env::var_os("RECEIVER_TEST_SWITCHES").is_some_and(|v| !v.is_empty()) {
            return Err(refuse(
                "RECEIVER_TEST_SWITCHES is no longer read: test switches are a build \
                 feature and a command-line flag (--test-switches) of test builds only",
            ));
        }
        Ok(Config {
            host: self.host,
            port: self.port,
            data: self.data,
            allow_origins: self
                .allow_origins
                .iter()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            test_switches: self.test_switches,
            max_answer_chars: self.max_answer_chars,
            max_body_bytes: self.max_body_bytes,
            cycles: self.cycles,
            body_timeout: self.body_timeout,
            request_timeout: self.request_timeout,
            concurrency: self.concurrency,
            max_connections: self.max_connections,
            rate_burst: self.rate_burst,
            rate_per_minute: self.rate_per_minute,
            trust_forwarded: self.trust_forwarded,
            draft_days: self.draft_days,
            draft_max_bytes: self.draft_max_bytes,
            draft_guess_limit: self.draft_guess_limit,
            draft_guess_window: self.draft_guess_window,
        })
    }
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(s: &str) -> Result<T, String> {
    match s.trim().parse::<T>() {
        Ok(n) if n > T::default() => Ok(n),
        _ => Err("must be a whole number greater than 0".to_string()),
    }
}

fn millis(s: &str) -> Result<Duration, String> {
    positive::<u64>(s).map(Duration::from_millis)
}

fn seconds(s: &str) -> Result<Duration, String> {
    positive::<u64>(s).map(Duration::from_secs)
}

fn date(s: &str) -> Result<String, String> {
    parse_date(s).map(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Command::parse_from(std::iter::once("receiver").chain(args.iter().copied()))
    }

    fn serve(args: &[&str]) -> Config {
        match parse(args) {
            Ok(Command::Serve(c)) => *c,
            other => panic!("expected serve, got {other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        match parse(args) {
            Err(e) => e.to_string(),
            Ok(other) => panic!("expected an error, got {other:?}"),
        }
    }

    // The environment fallbacks (RECEIVER_PORT, RECEIVER_DATA,
    // RECEIVER_ALLOW_ORIGINS) are tested on the binary, in
    // tests/staff_commands.rs: changing this process's environment would
    // race with the other tests.

    #[test]
    fn no_command_and_serve_are_the_server_with_its_defaults() {
        assert_eq!(serve(&[]), Config::default());
        assert_eq!(serve(&["serve"]), Config::default());
        assert_eq!(Config::default().data, PathBuf::from("data/submissions.db"));
    }

    #[test]
    fn server_flags() {
        let args = [
            "-p",
            "0",
            "--host=0.0.0.0",
            "--data",
            "x/y.db",
            "--allow-origin",
            "http://a.test",
            "--allow-origin=http://b.test, http://c.test",
            "--max-answer-chars",
            "20",
            "--max-body-bytes=1000",
            "--cycle",
            "a.json",
            "--cycle=b.json",
            "--rate-burst=5",
            "--rate-per-minute",
            "6",
            "--concurrency",
            "3",
            "--max-connections",
            "4",
            "--trust-forwarded-for",
            "--body-timeout-ms",
            "500",
            "--request-timeout-ms",
            "700",
            "--draft-days",
            "7",
            "--draft-max-bytes",
            "4096",
            "--draft-guess-limit",
            "3",
            "--draft-guess-window-secs",
            "60",
        ];
        let expected = Config {
            host: "0.0.0.0".into(),
            port: 0,
            data: "x/y.db".into(),
            allow_origins: vec![
                "http://a.test".into(),
                "http://b.test".into(),
                "http://c.test".into(),
            ],
            test_switches: false,
            max_answer_chars: 20,
            max_body_bytes: 1000,
            cycles: vec!["a.json".into(), "b.json".into()],
            body_timeout: Duration::from_millis(500),
            request_timeout: Duration::from_millis(700),
            concurrency: 3,
            max_connections: 4,
            rate_burst: 5,
            rate_per_minute: 6,
            trust_forwarded: true,
            draft_days: 7,
            draft_max_bytes: 4096,
            draft_guess_limit: 3,
            draft_guess_window: Duration::from_secs(60),
        };
        assert_eq!(serve(&args), expected);
        let mut with_serve = vec!["serve"];
        with_serve.extend_from_slice(&args);
        assert_eq!(serve(&with_serve), expected);
        let c = serve(&["--allow-origin", "http://b.test/"]);
        assert!(c.origin_allowed("http://b.test"));
        assert!(!c.origin_allowed("http://c.test"));
        assert!(serve(&["--allow-origin", "*"]).origin_allowed("http://anything.test"));
    }

    #[test]
    fn test_switches_follow_the_build_feature() {
        match parse(&["--test-switches"]) {
            Ok(Command::Serve(c)) if cfg!(feature = "test-switches") => assert!(c.test_switches),
            Err(e) if !cfg!(feature = "test-switches") => assert!(
                e.to_string()
                    .contains("built without the `test-switches` feature"),
                "{e}"
            ),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn export_parses() {
        assert_eq!(
            parse(&[
                "export",
                "--cycle",
                "c.json",
                "--format",
                "csv",
                "--since",
                "2026-11-01",
                "--data=d.db",
                "--out",
                "o.csv"
            ])
            .unwrap(),
            Command::Export(ExportArgs {
                data: "d.db".into(),
                cycle: "c.json".into(),
                format: ExportFormat::Csv,
                since: Some("2026-11-01".into()),
                out: Some("o.csv".into()),
            })
        );
        assert_eq!(
            parse(&["export", "--cycle", "c.json", "--format", "jsonl"]).unwrap(),
            Command::Export(ExportArgs {
                data: "data/submissions.db".into(),
                cycle: "c.json".into(),
                format: ExportFormat::Jsonl,
                since: None,
                out: None,
            })
        );
    }

    #[test]
    fn purge_parses() {
        assert_eq!(
            parse(&["purge", "--before", "2021-01-01", "--data", "x.db"]).unwrap(),
            Command::Purge(PurgeArgs {
                data: "x.db".into(),
                before: "2021-01-01".into(),
                cycle_id: None
            })
        );
        assert_eq!(
            parse(&["purge", "--before=2021-01-01", "--cycle-id", "fall"]).unwrap(),
            Command::Purge(PurgeArgs {
                data: "data/submissions.db".into(),
                before: "2021-01-01".into(),
                cycle_id: Some("fall".into())
            })
        );
    }

    #[test]
    fn backup_parses() {
        assert_eq!(
            parse(&["backup", "--to", "b.db"]).unwrap(),
            Command::Backup(BackupArgs {
                data: "data/submissions.db".into(),
                to: "b.db".into()
            })
        );
    }

    #[test]
    fn bad_flags_say_what_is_wrong() {
        let e = error(&["--port", "x"]);
        assert!(e.contains("invalid value 'x' for '--port <N>'"), "{e}");
        let e = error(&["--bogus", "1"]);
        assert!(e.contains("unexpected argument '--bogus'"), "{e}");
        let e = error(&["--data"]);
        assert!(e.contains("a value is required for '--data <PATH>'"), "{e}");
        let e = error(&["--concurrency", "0"]);
        assert!(
            e.contains(
                "invalid value '0' for '--concurrency <N>': must be a whole number greater than 0"
            ),
            "{e}"
        );
        let e = error(&["--data", "a.db", "--data", "b.db"]);
        assert!(e.contains("cannot be used multiple times"), "{e}");
        let e = error(&["export", "--cycle", "c.json"]);
        assert!(e.contains("--format <FORMAT>"), "{e}");
        let e = error(&["export", "--cycle", "c", "--format", "xls"]);
        assert!(
            e.contains("invalid value 'xls' for '--format <FORMAT>'"),
            "{e}"
        );
        assert!(e.contains("[possible values: csv, jsonl]"), "{e}");
        let e = error(&["purge", "--before", "2021-13-01"]);
        assert!(e.contains("`2021-13-01` has no month 13"), "{e}");
        let e = error(&["purge"]);
        assert!(e.contains("--before <YYYY-MM-DD>"), "{e}");
        let e = error(&["backup", "--port", "1"]);
        assert!(e.contains("unexpected argument '--port'"), "{e}");
        // Server options belong before no command, not before another one.
        let e = error(&["--port", "1", "export", "--cycle", "c", "--format", "csv"]);
        assert!(
            e.contains("the subcommand 'export' cannot be used with '--port <N>'"),
            "{e}"
        );
    }

    #[test]
    fn help_is_generated() {
        let Err(e) = parse(&["--help"]) else {
            panic!("--help must stop the parse");
        };
        assert_eq!(e.kind(), ErrorKind::DisplayHelp);
        let help = Command::help();
        for needle in [
            "export",
            "purge",
            "backup",
            "--port",
            "RECEIVER_PORT",
            "--draft-days",
        ] {
            assert!(help.contains(needle), "{needle} in {help}");
        }
        let Err(e) = parse(&["export", "--help"]) else {
            panic!("export --help must stop the parse");
        };
        let text = e.to_string();
        assert!(
            text.contains("--since <YYYY-MM-DD>") && text.contains("Possible values"),
            "{text}"
        );
    }
}
