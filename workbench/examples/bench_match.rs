//! Native timings (a benchmark, not a test): suggesting matches for 500 × 500
//! and 1,000 × 1,000 applicants, and filtering and sorting 5,000 table rows
//! per keystroke. Run with
//!
//! ```sh
//! cargo run --release -p workbench --example bench_match          # everything
//! cargo run --release -p workbench --example bench_match -- 1000  # one size only
//! ```
//!
//! Applicants are random but shaped like real ones: every state, a few
//! territories and "outside the US", about 40 % asking to be matched in their
//! region, a third stating a gender or ethnicity preference, all seven
//! ratings. The UI step measures the same in the browser.

use std::time::{Duration, Instant};

use workbench::census::{Location, UsState};
use workbench::matching::{suggest, Settings};
use workbench::people::Person;
use workbench::table::{Cell, Query, SortBy, Table};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const GENDERS: [&str; 4] = ["Woman", "Man", "Non-binary", "woman"];
const ETHNICITIES: [&str; 5] = ["White", "Black", "Latina", "Asian American", "latina"];

fn person(rng: &mut Rng, reference: String) -> Person {
    let location = match rng.below(100) {
        0 => Some(Location::OutsideUs),
        1 => None,
        _ => {
            // Mostly the 50 states and DC, now and then a territory.
            let n = if rng.chance(97) {
                51
            } else {
                UsState::ALL.len() as u64
            };
            UsState::ALL
                .get(rng.below(n) as usize)
                .copied()
                .map(Location::Us)
        }
    };
    Person {
        name: reference.clone(),
        reference,
        location,
        region_wish: rng.chance(40),
        gender: rng
            .chance(80)
            .then(|| GENDERS[rng.below(GENDERS.len() as u64) as usize].to_string()),
        gender_wish: rng.chance(30),
        ethnicity: rng
            .chance(70)
            .then(|| ETHNICITIES[rng.below(ETHNICITIES.len() as u64) as usize].to_string()),
        ethnicity_wish: rng.chance(30),
        ratings: (0..7).map(|_| Some(1 + rng.below(5) as u8)).collect(),
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let only_sizes = !sizes.is_empty();
    let sizes = if only_sizes {
        sizes
    } else {
        vec![100, 500, 1000]
    };
    for n in sizes {
        let mentors: Vec<Person> = (0..n).map(|i| person(&mut rng, format!("m{i}"))).collect();
        let mentees: Vec<Person> = (0..n).map(|i| person(&mut rng, format!("e{i}"))).collect();
        let settings = Settings::default();
        let mut times = Vec::new();
        let mut last = None;
        let runs = if n >= 1000 { 3 } else { 5 };
        for _ in 0..runs {
            let (s, t) = time(|| suggest(&mentors, &mentees, &settings));
            times.push(t);
            last = Some(s);
        }
        times.sort();
        let s = last.unwrap_or_default();
        println!(
            "suggest {n} mentors × {n} mentees: median {:.0} ms (min {:.0}, max {:.0}, {runs} runs); \
             {} pairs, {} unmatched, total score {}",
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
            s.pairs.len(),
            s.unmatched.len(),
            s.total_score
        );
    }

    if only_sizes {
        return;
    }
    // 5,000 rows × 30 columns of text, filtered by a query typed letter by letter.
    let rows: Vec<Vec<Cell>> = (0..5000)
        .map(|i| {
            (0..30)
                .map(|c| match c {
                    0 => Cell::text(format!("Applicant {i} Surname{}", rng.below(997))),
                    1 => {
                        let s = UsState::ALL[rng.below(51) as usize];
                        Cell::choices(vec![s.code().into()], s.name())
                    }
                    2..=8 => {
                        let r = 1 + rng.below(5);
                        Cell::number(r as f64, r.to_string())
                    }
                    _ => Cell::text(format!(
                        "Some answer text {} for column {c}",
                        rng.below(100_000)
                    )),
                })
                .collect()
        })
        .collect();
    let (table, build) = time(|| Table::new(rows));
    println!(
        "table of 5,000 × 30 built in {:.1} ms",
        build.as_secs_f64() * 1e3
    );
    let visible: Vec<usize> = (0..30).collect();
    let typed = "surname12";
    let mut worst = Duration::ZERO;
    let mut view: Vec<usize> = (0..table.rows()).collect();
    for end in 1..=typed.len() {
        let query = Query {
            text: typed[..end].to_string(),
            search_columns: visible.clone(),
            sort: Some(SortBy {
                column: 0,
                descending: false,
            }),
            ..Query::default()
        };
        // Per keystroke from scratch (the worst case), and refined.
        let (full, t) = time(|| table.view(&query));
        worst = worst.max(t);
        let (refined, _) = time(|| table.refine(&view, &query));
        assert_eq!(full.len(), refined.len());
        view = refined;
    }
    println!(
        "filter + sort 5,000 rows per keystroke (all 30 columns searched): worst {:.1} ms; {} rows match \"{typed}\"",
        worst.as_secs_f64() * 1e3,
        view.len()
    );
    let (_, t) = time(|| {
        table.view(&Query {
            sort: Some(SortBy {
                column: 2,
                descending: true,
            }),
            ..Query::default()
        })
    });
    println!(
        "sort 5,000 rows by a number column: {:.1} ms",
        t.as_secs_f64() * 1e3
    );
}
