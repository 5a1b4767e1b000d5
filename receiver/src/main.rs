use std::io::Write;
use std::process::ExitCode;

use receiver::config::{Command, Config};

/// The environment fallbacks of the options; a variable set to nothing
/// counts as unset (as it always has), rather than as an empty value.
const ENV_FALLBACKS: [&str; 3] = ["RECEIVER_PORT", "RECEIVER_DATA", "RECEIVER_ALLOW_ORIGINS"];

fn main() -> ExitCode {
    for name in ENV_FALLBACKS {
        if std::env::var_os(name).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            // Single-threaded still: nothing else reads the environment yet.
            std::env::remove_var(name);
        }
    }
    let command = match Command::parse_from(std::env::args_os()) {
        Ok(c) => c,
        // Prints the message (or the help) and exits: 2 for a usage error,
        // 0 for --help and --version.
        Err(e) => e.exit(),
    };
    let done = match command {
        Command::Serve(config) => return run_server(*config),
        Command::Export(args) => {
            receiver::export::run(&args).map(|n| format!("exported {n} application(s)"))
        }
        Command::Purge(args) => receiver::commands::purge(&args).map(|n| {
            format!(
                "deleted {n} stored submission(s) received before {}",
                args.before
            )
        }),
        Command::Backup(args) => receiver::commands::backup(&args)
            .map(|()| format!("backed up {} to {}", args.data.display(), args.to.display())),
    };
    match done {
        Ok(summary) => {
            // On stderr: stdout may be the export itself.
            eprintln!("receiver: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_server(config: Config) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("receiver: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let data = config.data.clone();
        let server = match receiver::serve(config).await {
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
                "receiver listening on http://{} (data: {})",
                server.addr,
                data.display()
            );
            let _ = out.flush();
        }
        let receiver::Server { accept, store, .. } = server;
        let stop_accepting = accept.abort_handle();
        tokio::select! {
            _ = shutdown_signal() => {
                stop_accepting.abort();
                // Writes already handed to the writer finish before exit.
                let _ = store.drain().await;
                ExitCode::SUCCESS
            }
            _ = accept => ExitCode::FAILURE,
        }
    })
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    if let Ok(mut term) = signal(SignalKind::terminate()) {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}
