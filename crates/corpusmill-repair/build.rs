//! Works out the character model's tables from `data/charlm.txt` once, at
//! build time (see `src/lm_table.rs`).

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/lm_table.rs"]
mod lm_table;

fn main() {
    println!("cargo::rerun-if-changed=data/charlm.txt");
    println!("cargo::rerun-if-changed=src/lm_table.rs");
    let data = std::fs::read_to_string("data/charlm.txt").expect("data/charlm.txt is readable UTF-8");
    let tables = lm_table::Model::build(&data).to_bytes();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    std::fs::write(out_dir.join("lm_tables.bin"), tables).expect("the model's tables are written to OUT_DIR");
}
