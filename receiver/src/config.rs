//! Command line: the server's options and the staff commands.

use std::path::PathBuf;
use std::time::Duration;

use crate::envelope::{DEFAULT_MAX_ANSWER_CHARS, MAX_BODY_BYTES};
use crate::timefmt::parse_date;

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
    /// Cycle files whose labels name the questions in error messages.
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
        }
    }
}

/// `receiver export`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportArgs {
    pub data: PathBuf,
    pub cycle: PathBuf,
    pub format: ExportFormat,
    /// `YYYY-MM-DD`: only applications whose latest version arrived on or after it.
    pub since: Option<String>,
    /// Written to this file (mode 0600) instead of standard output.
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

/// `receiver purge`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeArgs {
    pub data: PathBuf,
    /// `YYYY-MM-DD`: rows received before it are deleted.
    pub before: String,
    /// Only this cycle's rows.
    pub cycle_id: Option<String>,
}

/// `receiver backup`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupArgs {
    pub data: PathBuf,
    pub to: PathBuf,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve(Box<Config>),
    Export(ExportArgs),
    Purge(PurgeArgs),
    Backup(BackupArgs),
    Help,
}

/// Usage text printed for `--help` and on argument errors.
pub const USAGE: &str = "usage:
  receiver [--port 3001] [--host 127.0.0.1] [--data data/submissions.db]
           [--allow-origin ORIGIN]... [--cycle CYCLE.json]...
           [--max-answer-chars 10000] [--max-body-bytes 65536]
           [--body-timeout-ms 10000] [--request-timeout-ms 20000]
           [--concurrency 256] [--max-connections 1024]
           [--rate-burst 30] [--rate-per-minute 30] [--trust-forwarded-for]
  receiver export --cycle CYCLE.json --format csv|jsonl [--since YYYY-MM-DD]
           [--data data/submissions.db] [--out FILE]
  receiver purge --before YYYY-MM-DD [--cycle-id ID] [--data data/submissions.db]
  receiver backup --to FILE [--data data/submissions.db]
env fallbacks (server): RECEIVER_PORT, RECEIVER_DATA, RECEIVER_ALLOW_ORIGINS (comma separated)";

const NO_SWITCHES: &str = "--test-switches is not available: this receiver was built without \
the `test-switches` feature, so it has no test routes. They exist only in test builds \
(cargo build -p receiver --features test-switches), which must never be deployed";

impl Command {
    /// Parses the arguments (without the program name) with an environment lookup.
    pub fn parse<I, S, F>(args: I, env: F) -> Result<Command, String>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        F: Fn(&str) -> Option<String>,
    {
        let mut args: Vec<String> = args.into_iter().map(Into::into).collect();
        let sub = match args.first().map(String::as_str) {
            Some("export" | "purge" | "backup") => Some(args.remove(0)),
            _ => None,
        };
        let data_default = env("RECEIVER_DATA")
            .filter(|v| !v.trim().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| Config::default().data);
        let flags = Flags::split(args)?;
        if flags.has("--help") || flags.has("-h") {
            return Ok(Command::Help);
        }
        match sub.as_deref() {
            None => parse_serve(flags, env).map(|c| Command::Serve(Box::new(c))),
            Some("export") => {
                flags.only(
                    &["--data", "--cycle", "--format", "--since", "--out"],
                    "export",
                )?;
                let format = match flags.one("--format")?.as_deref() {
                    Some("csv") => ExportFormat::Csv,
                    Some("jsonl") => ExportFormat::Jsonl,
                    Some(other) => {
                        return Err(format!("--format must be csv or jsonl, not `{other}`"))
                    }
                    None => return Err("export needs --format csv or --format jsonl".into()),
                };
                let since = flags
                    .one("--since")?
                    .map(|d| checked_date("--since", d))
                    .transpose()?;
                Ok(Command::Export(ExportArgs {
                    data: flags
                        .one("--data")?
                        .map(PathBuf::from)
                        .unwrap_or(data_default),
                    cycle: flags.one("--cycle")?.map(PathBuf::from).ok_or(
                        "export needs --cycle FILE (the cycle file, for labels and order)",
                    )?,
                    format,
                    since,
                    out: flags.one("--out")?.map(PathBuf::from),
                }))
            }
            Some("purge") => {
                flags.only(&["--data", "--before", "--cycle-id"], "purge")?;
                let before = flags
                    .one("--before")?
                    .ok_or("purge needs --before YYYY-MM-DD")?;
                Ok(Command::Purge(PurgeArgs {
                    data: flags
                        .one("--data")?
                        .map(PathBuf::from)
                        .unwrap_or(data_default),
                    before: checked_date("--before", before)?,
                    cycle_id: flags.one("--cycle-id")?,
                }))
            }
            Some(_) => {
                flags.only(&["--data", "--to"], "backup")?;
                Ok(Command::Backup(BackupArgs {
                    data: flags
                        .one("--data")?
                        .map(PathBuf::from)
                        .unwrap_or(data_default),
                    to: flags
                        .one("--to")?
                        .map(PathBuf::from)
                        .ok_or("backup needs --to FILE")?,
                }))
            }
        }
    }
}

fn checked_date(flag: &str, value: String) -> Result<String, String> {
    parse_date(&value)
        .map(|_| value.clone())
        .map_err(|e| format!("{flag}: {e}"))
}

fn parse_serve<F: Fn(&str) -> Option<String>>(flags: Flags, env: F) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(port) = env("RECEIVER_PORT").filter(|v| !v.trim().is_empty()) {
        config.port = parse_num(&port).map_err(|e| format!("RECEIVER_PORT: {e}"))?;
    }
    if let Some(data) = env("RECEIVER_DATA").filter(|v| !v.trim().is_empty()) {
        config.data = PathBuf::from(data);
    }
    if let Some(origins) = env("RECEIVER_ALLOW_ORIGINS") {
        config.allow_origins = split_origins(&origins);
    }
    if env("RECEIVER_TEST_SWITCHES").is_some_and(|v| !v.trim().is_empty()) {
        return Err(
            "RECEIVER_TEST_SWITCHES is no longer read: test switches are a build \
                    feature and a command-line flag (--test-switches) of test builds only"
                .into(),
        );
    }
    let mut cli_origins = Vec::new();
    for (name, value) in flags.pairs {
        let v = || value.clone().ok_or_else(|| format!("{name} needs a value"));
        match name.as_str() {
            "--port" | "-p" => config.port = parse_num(&v()?)?,
            "--host" => config.host = v()?,
            "--data" => config.data = PathBuf::from(v()?),
            "--allow-origin" => cli_origins.extend(split_origins(&v()?)),
            "--max-answer-chars" => config.max_answer_chars = positive(&name, &v()?)?,
            "--max-body-bytes" => config.max_body_bytes = positive(&name, &v()?)?,
            "--cycle" => config.cycles.push(PathBuf::from(v()?)),
            "--body-timeout-ms" => config.body_timeout = millis(&name, &v()?)?,
            "--request-timeout-ms" => config.request_timeout = millis(&name, &v()?)?,
            "--concurrency" => config.concurrency = positive(&name, &v()?)?,
            "--max-connections" => config.max_connections = positive(&name, &v()?)?,
            "--rate-burst" => config.rate_burst = positive(&name, &v()?)?,
            "--rate-per-minute" => config.rate_per_minute = positive(&name, &v()?)?,
            "--trust-forwarded-for" => config.trust_forwarded = true,
            "--test-switches" => {
                if !cfg!(feature = "test-switches") {
                    return Err(NO_SWITCHES.into());
                }
                config.test_switches = true;
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if !cli_origins.is_empty() {
        config.allow_origins = cli_origins;
    }
    Ok(config)
}

/// Flags in order; `--name value` and `--name=value` both work. Which flags
/// take a value is decided here so `--trust-forwarded-for` needs none.
struct Flags {
    pairs: Vec<(String, Option<String>)>,
}

const SWITCHES: [&str; 4] = ["--test-switches", "--trust-forwarded-for", "--help", "-h"];

impl Flags {
    fn split(args: Vec<String>) -> Result<Flags, String> {
        let mut pairs = Vec::new();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            if let Some((n, v)) = arg.split_once('=').filter(|(n, _)| n.starts_with("--")) {
                pairs.push((n.to_string(), Some(v.to_string())));
            } else if SWITCHES.contains(&arg.as_str()) {
                pairs.push((arg, None));
            } else if arg.starts_with('-') {
                let value = it.next();
                if value.is_none() {
                    return Err(format!("{arg} needs a value"));
                }
                pairs.push((arg, value));
            } else {
                return Err(format!("unexpected argument `{arg}`"));
            }
        }
        Ok(Flags { pairs })
    }

    fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    fn only(&self, allowed: &[&str], command: &str) -> Result<(), String> {
        match self
            .pairs
            .iter()
            .find(|(n, _)| !allowed.contains(&n.as_str()))
        {
            Some((n, _)) => Err(format!("unknown argument `{n}` for {command}")),
            None => Ok(()),
        }
    }

    fn one(&self, name: &str) -> Result<Option<String>, String> {
        let mut found = self.pairs.iter().filter(|(n, _)| n == name);
        let first = found.next().map(|(_, v)| v.clone().unwrap_or_default());
        if found.next().is_some() {
            return Err(format!("{name} is given more than once"));
        }
        Ok(first)
    }
}

fn split_origins(s: &str) -> Vec<String> {
    s.split(',')
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect()
}

fn parse_num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.trim()
        .parse::<T>()
        .map_err(|_| format!("`{s}` is not a valid number here"))
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(flag: &str, s: &str) -> Result<T, String> {
    match s.trim().parse::<T>() {
        Ok(n) if n > T::default() => Ok(n),
        _ => Err(format!(
            "{flag} must be a whole number greater than 0, not `{s}`"
        )),
    }
}

fn millis(flag: &str, s: &str) -> Result<Duration, String> {
    positive::<u64>(flag, s).map(Duration::from_millis)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Command::parse(args.iter().copied(), |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    fn serve(args: &[&str], env: &[(&str, &str)]) -> Config {
        match parse(args, env) {
            Ok(Command::Serve(c)) => *c,
            other => panic!("expected serve, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(serve(&[], &[]), Config::default());
        assert_eq!(Config::default().data, PathBuf::from("data/submissions.db"));
    }

    #[test]
    fn flags_and_env() {
        let c = serve(
            &[
                "--port",
                "0",
                "--host=0.0.0.0",
                "--allow-origin",
                "http://a.test",
                "--allow-origin=http://b.test",
                "--max-answer-chars",
                "20",
                "--cycle",
                "a.json",
                "--cycle=b.json",
                "--rate-burst=5",
                "--trust-forwarded-for",
                "--body-timeout-ms",
                "500",
            ],
            &[
                ("RECEIVER_DATA", "x/y.db"),
                ("RECEIVER_ALLOW_ORIGINS", "http://c.test"),
            ],
        );
        assert_eq!(c.port, 0);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.data, PathBuf::from("x/y.db"));
        assert_eq!(c.allow_origins, vec!["http://a.test", "http://b.test"]);
        assert_eq!(c.max_answer_chars, 20);
        assert_eq!(
            c.cycles,
            vec![PathBuf::from("a.json"), PathBuf::from("b.json")]
        );
        assert_eq!(c.rate_burst, 5);
        assert!(c.trust_forwarded);
        assert_eq!(c.body_timeout, Duration::from_millis(500));
        assert!(c.origin_allowed("http://b.test"));
        assert!(!c.origin_allowed("http://c.test"));

        let c = serve(
            &[],
            &[
                ("RECEIVER_PORT", "4000"),
                ("RECEIVER_ALLOW_ORIGINS", "http://c.test, *"),
            ],
        );
        assert_eq!(c.port, 4000);
        assert!(c.origin_allowed("http://anything.test"));
    }

    #[test]
    fn test_switches_follow_the_build_feature() {
        let parsed = parse(&["--test-switches"], &[]);
        if cfg!(feature = "test-switches") {
            assert!(matches!(parsed, Ok(Command::Serve(c)) if c.test_switches));
        } else {
            let err = parsed.unwrap_err();
            assert!(
                err.contains("built without the `test-switches` feature"),
                "{err}"
            );
        }
        assert!(parse(&[], &[("RECEIVER_TEST_SWITCHES", "1")]).is_err());
    }

    #[test]
    fn subcommands() {
        assert_eq!(
            parse(
                &[
                    "export",
                    "--cycle",
                    "c.json",
                    "--format",
                    "csv",
                    "--since",
                    "2026-11-01"
                ],
                &[("RECEIVER_DATA", "d.db")]
            ),
            Ok(Command::Export(ExportArgs {
                data: "d.db".into(),
                cycle: "c.json".into(),
                format: ExportFormat::Csv,
                since: Some("2026-11-01".into()),
                out: None,
            }))
        );
        assert_eq!(
            parse(&["purge", "--before", "2021-01-01", "--data", "x.db"], &[]),
            Ok(Command::Purge(PurgeArgs {
                data: "x.db".into(),
                before: "2021-01-01".into(),
                cycle_id: None
            }))
        );
        assert_eq!(
            parse(&["backup", "--to", "b.db"], &[]),
            Ok(Command::Backup(BackupArgs {
                data: "data/submissions.db".into(),
                to: "b.db".into()
            }))
        );
    }

    #[test]
    fn errors_are_specific() {
        let err = |a: &[&str]| parse(a, &[]).unwrap_err();
        assert_eq!(err(&["--port", "x"]), "`x` is not a valid number here");
        assert_eq!(err(&["--bogus", "1"]), "unknown argument `--bogus`");
        assert_eq!(err(&["--data"]), "--data needs a value");
        assert_eq!(
            err(&["export", "--cycle", "c.json"]),
            "export needs --format csv or --format jsonl"
        );
        assert_eq!(
            err(&["export", "--cycle", "c", "--format", "xls"]),
            "--format must be csv or jsonl, not `xls`"
        );
        assert!(err(&["purge", "--before", "2021-13-01"]).starts_with("--before: "));
        assert_eq!(err(&["purge"]), "purge needs --before YYYY-MM-DD");
        assert_eq!(
            err(&["backup", "--port", "1"]),
            "unknown argument `--port` for backup"
        );
        assert_eq!(
            err(&["--concurrency", "0"]),
            "--concurrency must be a whole number greater than 0, not `0`"
        );
        assert_eq!(parse(&["--help"], &[]), Ok(Command::Help));
    }
}
