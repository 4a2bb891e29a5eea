//! The records at a busy practice's size: 200 clients × 50 sessions, each with two follow-ups
//! (10 000 sessions, 20 000 follow-ups). Targets: open the file and list the clients ≤ 50 ms;
//! load one client's page (`Store::client`) ≤ 10 ms.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::records::{
    Change, ClientDetails, Followup, Scores, SessionDraft, Soap, Store, UrgentSign, date,
};

const CLIENTS: usize = 200;
const SESSIONS: usize = 50;

/// Fill a fresh file. Why `synchronous=OFF` here only: 30 000 separate commits, each waiting
/// for the disk, would take minutes; the file's contents are the same either way.
fn generate(path: &std::path::Path) {
    let mut store = Store::open(path).expect("create");
    store
        .execute_raw("PRAGMA synchronous = OFF")
        .expect("no sync while generating");
    let plan = "(version: 1, session_minutes: 45, steps: [(zone: \"solar_plexus\", \
                technique: \"sustained_hold\", pressure: Light, minutes: 5.0)])";
    let start = date::parse("2024-01-01").expect("date");
    for c in 0..CLIENTS {
        let id = store
            .add_client(&ClientDetails {
                name: format!("Client {c:03} Example"),
                born: Some(1940 + (c % 50) as i32),
                ..ClientDetails::default()
            })
            .expect("client");
        for s in 0..SESSIONS {
            let day = start + (s * 7 + c % 7) as i64;
            let v = |k: usize| ((c + s + k) % 11) as u8;
            let pre = Scores::parse(&format!(
                "numbness.left={},numbness.right={},tingling={},sleep={},wellbeing={}",
                v(0),
                v(1),
                v(2),
                v(3),
                v(4)
            ))
            .expect("scores");
            let post = Scores::parse(&format!("numbness.left={},tingling={}", v(5), v(6)))
                .expect("scores");
            let draft = SessionDraft {
                date: date::iso(day),
                plan_ron: plan.to_owned(),
                verdict: "Adapt".to_owned(),
                pre,
                post,
                soap: Soap {
                    subjective: "Feet a little less numb this week.".to_owned(),
                    assessment: "Relaxed; no redness after.".to_owned(),
                    ..Soap::default()
                },
            };
            let (sid, _) = store.add_signed_session(id, &draft).expect("session");
            for (h, d) in [(24, 1), (48, 2)] {
                store
                    .add_followup(
                        sid,
                        &Followup {
                            hours: h,
                            date: date::iso(day + d),
                            scores: Scores::parse(&format!("numbness.left={}", v(7)))
                                .expect("scores"),
                            items: [Change::Same; 6],
                            urgent: if (c + s) % 97 == 0 {
                                vec![UrgentSign::Wound]
                            } else {
                                Vec::new()
                            },
                            ..Followup::default()
                        },
                    )
                    .expect("follow-up");
            }
        }
    }
}

fn records_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("records.sqlite3");
    let started = std::time::Instant::now();
    generate(&path);
    eprintln!(
        "generated {CLIENTS} clients × {SESSIONS} sessions × 2 follow-ups in {:.1} s ({} MB)",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map_or(0, |m| m.len()) / 1_000_000
    );
    let mut group = c.benchmark_group("records");
    group.bench_function("open_and_list_clients", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let list = store.list_clients().expect("list");
            assert_eq!(list.len(), CLIENTS);
            list
        })
    });
    group.bench_function("open", |b| b.iter(|| Store::open(&path).expect("open")));
    let store = Store::open(&path).expect("open");
    group.bench_function("list_clients", |b| {
        b.iter(|| store.list_clients().expect("list"))
    });
    let middle = store.list_clients().expect("list")[CLIENTS / 2].id;
    group.bench_function("client_page", |b| {
        b.iter(|| {
            let rec = store.client(middle).expect("client");
            assert_eq!(rec.sessions.len(), SESSIONS);
            rec
        })
    });
    encrypted(&mut group, &path, dir.path());
    #[cfg(feature = "gui")]
    app_start(&mut group, &path);
    group.finish();
}

/// The same records encrypted (SQLCipher, default settings): opening and listing with a raw
/// 256-bit key (no key derivation) against the unencrypted file above, and the key derivation
/// a passphrase costs once per unlock (PBKDF2-HMAC-SHA512, SQLCipher's default 256,000
/// iterations), measured as a whole unlock.
fn encrypted(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    plain: &std::path::Path,
    dir: &std::path::Path,
) {
    use reflexmap::records::Key;
    let raw = Key::Passphrase(format!("x'{}'", "2d".repeat(32)));
    let pass = Key::Passphrase("correct horse battery staple".to_owned());
    let with_raw = dir.join("raw.sqlite3");
    let with_pass = dir.join("pass.sqlite3");
    for (file, key) in [(&with_raw, &raw), (&with_pass, &pass)] {
        std::fs::copy(plain, file).expect("copy");
        Store::open(file)
            .expect("open")
            .rekey(key)
            .expect("encrypt");
    }
    group.bench_function("open_encrypted_raw_key", |b| {
        b.iter(|| Store::open_with(&with_raw, &raw).expect("open"))
    });
    group.bench_function("open_and_list_clients_encrypted_raw_key", |b| {
        b.iter(|| {
            let store = Store::open_with(&with_raw, &raw).expect("open");
            let list = store.list_clients().expect("list");
            assert_eq!(list.len(), CLIENTS);
            list
        })
    });
    group.bench_function("unlock_with_passphrase_and_list", |b| {
        b.iter(|| {
            let store = Store::open_with(&with_pass, &pass).expect("open");
            store.list_clients().expect("list")
        })
    });
}

/// The app's start with that file in place, against no records at all, and the first frame of
/// Clients (where the file is opened and listed). Why: records load when Clients is opened, so
/// start-up must cost the same with or without a busy practice's file.
#[cfg(feature = "gui")]
fn app_start(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    path: &std::path::Path,
) {
    use reflexmap::app::{ReflexApp, Settings};
    use reflexmap::records::book::ClientsBook;
    use reflexmap::ui::{Command, Mode};
    let content = reflexmap::load::embedded_content().expect("content");
    let ctx = egui::Context::default();
    group.bench_function("app_start_without_records", |b| {
        b.iter(|| {
            ReflexApp::with_content(&ctx, content.clone(), Settings::default())
                .with_clients(ClientsBook::at(None))
        })
    });
    group.bench_function("app_start_with_records_file", |b| {
        b.iter(|| {
            ReflexApp::with_content(&ctx, content.clone(), Settings::default())
                .with_clients(ClientsBook::at(Some(path.to_owned())))
        })
    });
    group.bench_function("first_switch_to_clients", |b| {
        b.iter_batched(
            || {
                ReflexApp::with_content(&ctx, content.clone(), Settings::default())
                    .with_clients(ClientsBook::at(Some(path.to_owned())))
            },
            |mut app| {
                app.apply(&ctx, Command::SetMode(Mode::Clients));
                assert_eq!(app.clients().list.len(), CLIENTS);
                app
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = records_benches
}
criterion_main!(benches);
