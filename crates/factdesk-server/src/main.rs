//! `factdesk-server`: runs the team server, or manages its people.

use clap::{Parser, Subcommand};
use factdesk_server::{auth, db, http};
use factdesk_sync::Role;

#[derive(Parser)]
#[command(
    name = "factdesk-server",
    version,
    about = "factdesk's team server on PostgreSQL"
)]
struct Cli {
    /// The team's PostgreSQL database: postgres://USER@HOST/DB, or
    /// "host=/path/to/socket dbname=DB user=USER"
    #[arg(long, env = "FACTDESK_DATABASE")]
    database: String,
    /// Where to answer (put TLS in front with a reverse proxy)
    #[arg(long, default_value = "127.0.0.1:8640")]
    listen: String,
    /// The largest push accepted, in MB
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=2048))]
    max_push_mb: u64,
    /// Connections to PostgreSQL per instance
    #[arg(long, default_value_t = 16)]
    connections: usize,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Manage the people who sign in
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a person and print their token (shown this once; only its hash is kept)
    Add {
        name: String,
        #[arg(long, value_parser = ["checker", "editor", "admin"])]
        role: String,
    },
    /// Revoke a person's token (their work stays)
    Revoke { name: String },
    /// List people and roles
    List,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::pool(&cli.database, cli.connections)?;
    db::migrate(&pool).await?;
    match cli.command {
        Some(Command::User(UserCommand::Add { name, role })) => {
            let role = Role::parse(&role).ok_or("unknown role")?;
            let token = auth::add_user(&pool, &name, role).await?;
            println!("{token}");
            eprintln!(
                "{} is a {}; give them the token above (it is not shown again)",
                name.trim(),
                role.as_str()
            );
        }
        Some(Command::User(UserCommand::Revoke { name })) => {
            auth::revoke_user(&pool, &name).await?;
            eprintln!("revoked {}", name.trim());
        }
        Some(Command::User(UserCommand::List)) => {
            for u in auth::list_users(&pool).await? {
                println!(
                    "{}\t{}\t{}{}",
                    u.name,
                    u.role,
                    u.created_at,
                    if u.revoked { "\trevoked" } else { "" }
                );
            }
        }
        None => {
            let listener = tokio::net::TcpListener::bind(&cli.listen)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
            eprintln!(
                "factdesk-server listening on http://{}",
                listener.local_addr()?
            );
            let state = http::AppState {
                pool,
                max_push: (cli.max_push_mb * 1024 * 1024) as usize,
            };
            axum::serve(listener, http::router(state))
                .with_graceful_shutdown(async {
                    let mut term =
                        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                            .expect("a SIGTERM handler");
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                })
                .await?;
        }
    }
    Ok(())
}
