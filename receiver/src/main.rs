use std::io::Write;
use std::process::ExitCode;

use receiver::config::{Config, ParsedArgs, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::parse(std::env::args().skip(1), |k| std::env::var(k).ok()) {
        Ok(ParsedArgs::Run(config)) => config,
        Ok(ParsedArgs::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("receiver: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let data = config.data.clone();
    let (addr, server) = match receiver::serve(config).await {
        Ok(started) => started,
        Err(e) => {
            eprintln!("receiver: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "receiver listening on http://{addr} (data: {})",
            data.display()
        );
        let _ = out.flush();
    }
    tokio::select! {
        _ = shutdown_signal() => ExitCode::SUCCESS,
        _ = server => ExitCode::FAILURE,
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
