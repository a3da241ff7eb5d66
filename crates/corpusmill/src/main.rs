//! The `corpusmill` command: parses arguments and hands over to the modules.

mod cli;
mod config;
mod ingest;
mod pipeline;
mod progress;
mod repair_cmd;
mod run_id;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use config::Config;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corpusmill: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Ingest { paths, out, config, threads, run_id, quiet } => {
            let config = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            let run_id = match run_id {
                Some(id) => run_id::validate(id)?,
                None => run_id::generate(),
            };
            let request = ingest::IngestRequest {
                paths: &paths,
                out_dir: &out,
                config: &config,
                threads: threads.map(usize::from),
                run_id,
                quiet,
            };
            ingest::ingest(request).map(|_| ()).map_err(|e| e.to_string())
        }
        Command::Repair { file, json, charset, config } => {
            let config = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            repair_cmd::run(file.as_deref(), json, charset.as_deref(), &config.repair)
        }
        Command::DefaultConfig => {
            let text = toml::to_string(&Config::default()).map_err(|e| e.to_string())?;
            print!("{text}");
            Ok(())
        }
    }
}
