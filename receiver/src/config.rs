//! Command-line and environment configuration.

use std::path::PathBuf;

/// Runtime configuration of the receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Interface to bind (default `127.0.0.1`).
    pub host: String,
    /// TCP port; `0` picks a free port (default `3001`).
    pub port: u16,
    /// JSON Lines data file (default `data/submissions.jsonl`).
    pub data: PathBuf,
    /// Origins allowed by CORS; `*` allows any origin.
    pub allow_origins: Vec<String>,
    /// Enables the `/__faults`, `/__reset`, `/__stats` and `/__submissions` routes.
    pub test_switches: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 3001,
            data: PathBuf::from("data/submissions.jsonl"),
            allow_origins: Vec::new(),
            test_switches: false,
        }
    }
}

/// Usage text printed for `--help` and on argument errors.
pub const USAGE: &str = "usage: receiver [--port 3001] [--host 127.0.0.1] \
[--data data/submissions.jsonl] [--allow-origin ORIGIN]... [--test-switches]
env fallbacks: RECEIVER_PORT, RECEIVER_DATA, RECEIVER_ALLOW_ORIGINS (comma separated), RECEIVER_TEST_SWITCHES=1";

/// Outcome of parsing the command line.
#[derive(Debug, PartialEq, Eq)]
pub enum ParsedArgs {
    Run(Config),
    Help,
}

impl Config {
    /// Builds a configuration from the arguments (without the program name)
    /// and an environment lookup. Command-line values win over the
    /// environment; `--allow-origin` flags replace `RECEIVER_ALLOW_ORIGINS`.
    pub fn parse<I, S, F>(args: I, env: F) -> Result<ParsedArgs, String>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        F: Fn(&str) -> Option<String>,
    {
        let mut config = Config::default();
        if let Some(port) = env("RECEIVER_PORT").filter(|v| !v.trim().is_empty()) {
            config.port = parse_port(&port).map_err(|e| format!("RECEIVER_PORT: {e}"))?;
        }
        if let Some(data) = env("RECEIVER_DATA").filter(|v| !v.trim().is_empty()) {
            config.data = PathBuf::from(data);
        }
        if let Some(origins) = env("RECEIVER_ALLOW_ORIGINS") {
            config.allow_origins = origins
                .split(',')
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect();
        }
        if let Some(flag) = env("RECEIVER_TEST_SWITCHES") {
            config.test_switches = matches!(flag.trim(), "1" | "true" | "yes" | "on");
        }

        let mut cli_origins: Vec<String> = Vec::new();
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| -> Result<String, String> {
                match inline.clone() {
                    Some(v) => Ok(v),
                    None => args.next().ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match name.as_str() {
                "--port" | "-p" => config.port = parse_port(&value("--port")?)?,
                "--host" => config.host = value("--host")?,
                "--data" => config.data = PathBuf::from(value("--data")?),
                "--allow-origin" => {
                    let v = value("--allow-origin")?;
                    cli_origins.extend(
                        v.split(',')
                            .map(|o| o.trim().to_string())
                            .filter(|o| !o.is_empty()),
                    );
                }
                "--test-switches" => config.test_switches = true,
                "--help" | "-h" => return Ok(ParsedArgs::Help),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if !cli_origins.is_empty() {
            config.allow_origins = cli_origins;
        }
        Ok(ParsedArgs::Run(config))
    }

    /// True when `origin` may make cross-origin requests.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.allow_origins
            .iter()
            .any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }
}

fn parse_port(s: &str) -> Result<u16, String> {
    s.trim()
        .parse::<u16>()
        .map_err(|_| format!("invalid port `{s}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Config {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        match Config::parse(args.iter().copied(), |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
        .unwrap()
        {
            ParsedArgs::Run(c) => c,
            ParsedArgs::Help => panic!("help"),
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(run(&[], &[]), Config::default());
    }

    #[test]
    fn flags_and_env() {
        let c = run(
            &[
                "--port",
                "0",
                "--host=0.0.0.0",
                "--allow-origin",
                "http://a.test",
                "--allow-origin=http://b.test",
                "--test-switches",
            ],
            &[
                ("RECEIVER_DATA", "x/y.jsonl"),
                ("RECEIVER_ALLOW_ORIGINS", "http://c.test"),
            ],
        );
        assert_eq!(c.port, 0);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.data, PathBuf::from("x/y.jsonl"));
        assert_eq!(c.allow_origins, vec!["http://a.test", "http://b.test"]);
        assert!(c.test_switches);
        assert!(c.origin_allowed("http://b.test"));
        assert!(!c.origin_allowed("http://c.test"));

        let c = run(
            &[],
            &[
                ("RECEIVER_PORT", "4000"),
                ("RECEIVER_ALLOW_ORIGINS", "http://c.test, *"),
                ("RECEIVER_TEST_SWITCHES", "1"),
            ],
        );
        assert_eq!(c.port, 4000);
        assert!(c.test_switches);
        assert!(c.origin_allowed("http://anything.test"));
    }

    #[test]
    fn errors() {
        assert!(Config::parse(["--port", "x"], |_| None).is_err());
        assert!(Config::parse(["--bogus"], |_| None).is_err());
        assert!(Config::parse(["--data"], |_| None).is_err());
        assert_eq!(Config::parse(["--help"], |_| None), Ok(ParsedArgs::Help));
    }
}
