//! One whole frame of the real app, headless (egui pass + tessellation) at 1280×800, with the
//! pointer moving across the map, in Explore and in Plan mode (a 12-step plan) — beside a
//! baseline frame that paints the very same shapes and text with plain `Painter` calls and
//! nothing else. The ratio app / baseline is what the app's own work (layout, widgets, hit
//! testing, state) costs on top of what any egui program showing this picture must pay.
//!
//! How the baseline is made: the app runs one cycle of pointer positions once, and each frame's
//! output shapes are kept. The baseline context then re-emits frame *i*'s shapes through a
//! `Painter` (text is laid out again from its `LayoutJob`, through the same galley cache the app
//! uses) and tessellates them. Both get the same pointer-move input every iteration.
//!
//! `cargo bench --bench frame` prints the means and the ratios after criterion's groups.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use egui::epaint::{ClippedShape, TextShape};
use egui::{Event, Painter, Pos2, RawInput, Rect, Shape, Vec2, ViewportId};
use reflexmap::app::{ReflexApp, Settings, ThemeChoice};
use reflexmap::load::{Content, embedded_content};
use reflexmap::plan::PlanCommand;
use reflexmap::plan::{Answer, Plan};
use reflexmap::ui::Command;
use reflexmap::ui::Mode;

/// Window size, as in the UI tests.
const SIZE: Vec2 = Vec2::new(1280.0, 800.0);
/// Steps in the Plan-mode scenario.
const PLAN_STEPS: usize = 12;
/// Pointer positions in one cycle across the map (at most).
const MAX_POSITIONS: usize = 64;

/// The raw input of one frame: the window, the time, and a pointer move.
fn raw_input(time: f64, pointer: Pos2) -> RawInput {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
        time: Some(time),
        predicted_dt: 1.0 / 60.0,
        focused: true,
        events: vec![Event::PointerMoved(pointer)],
        ..RawInput::default()
    };
    raw.viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(1.0);
    raw
}

/// Tessellate a frame's shapes and drop its texture changes (no GPU here).
fn finish(ctx: &egui::Context, output: egui::FullOutput) -> usize {
    let egui::FullOutput {
        shapes,
        pixels_per_point,
        mut textures_delta,
        ..
    } = output;
    textures_delta.clear();
    let primitives = ctx.tessellate(shapes, pixels_per_point);
    black_box(primitives).len()
}

/// The real app plus the pointer path it is driven along.
struct AppFrames {
    ctx: egui::Context,
    app: ReflexApp,
    path: Vec<Pos2>,
    frame: usize,
    time: f64,
}

impl AppFrames {
    fn new(content: Content, mode: Mode) -> Self {
        let ctx = egui::Context::default();
        let settings = Settings {
            theme: ThemeChoice::Light,
            mode,
            ..Settings::default()
        };
        let library = content.library.clone();
        let mut app = ReflexApp::with_content(&ctx, content, settings);
        if mode == Mode::Plan {
            // Why through a file: that is how a plan reaches the app; the file is read once.
            let dir = tempfile::tempdir().expect("temp dir");
            let file = dir.path().join("bench.plan.ron");
            reflexmap::plan::save_plan(&file, &plan_of(&library)).expect("plan saved");
            app.apply(&ctx, Command::Plan(PlanCommand::OpenFile(file)));
            assert!(app.error().is_none(), "the bench plan opens");
        }
        let mut frames = Self {
            ctx,
            app,
            path: vec![Pos2::new(SIZE.x / 2.0, SIZE.y / 2.0)],
            frame: 0,
            time: 0.0,
        };
        frames.path = frames.pointer_path();
        frames
    }

    /// Study mode with a labelling board of 12 areas on the right sole, half of them named
    /// (so the drawing carries numbers, names and leader lines); the pointer sweeps the map in
    /// a grid (a blank chart has no named zone nodes to steer by).
    fn label_board(content: Content) -> Self {
        use reflexmap::study::{Filters, QuizKind, StudyCommand};
        let ctx = egui::Context::default();
        let settings = Settings {
            theme: ThemeChoice::Light,
            mode: Mode::Study,
            ..Settings::default()
        };
        let mut app = ReflexApp::with_content(&ctx, content, settings);
        let mut setup = app.study().setup();
        setup.kind = QuizKind::Label;
        setup.count = 12;
        setup.seed = 31;
        setup.filters = Filters {
            view: Some(reflexmap::model::ViewKind::Plantar),
            foot: Some(reflexmap::model::Foot::Right),
            ..Filters::default()
        };
        app.apply(&ctx, Command::Study(StudyCommand::SetSetup(setup)));
        app.apply(&ctx, Command::Study(StudyCommand::Start));
        let n = app.study().board().map_or(0, |b| b.targets.len());
        assert_eq!(n, 12, "the bench board has 12 areas");
        for i in 0..n / 2 {
            app.apply(
                &ctx,
                Command::Study(StudyCommand::Place { on: i, name_of: i }),
            );
        }
        let mut path = Vec::new();
        for row in 0..8 {
            for col in 0..8 {
                let (x, y) = (420.0 + 60.0 * col as f32, 150.0 + 80.0 * row as f32);
                path.push(Pos2::new(x, y));
            }
        }
        Self {
            ctx,
            app,
            path,
            frame: 0,
            time: 0.0,
        }
    }

    /// Where the zones are on screen, from the accessibility tree (each zone has one node at
    /// its anchor): the pointer goes from zone to zone, crossing the gaps between them.
    fn pointer_path(&mut self) -> Vec<Pos2> {
        let names: Vec<String> = self
            .app
            .chart()
            .zones
            .iter()
            .map(|z| z.name.clone())
            .collect();
        self.ctx.enable_accesskit();
        let mut anchors = Vec::new();
        for _ in 0..3 {
            let output = self.run(Pos2::new(1.0, 1.0));
            anchors.clear();
            if let Some(update) = &output.platform_output.accesskit_update {
                for (_, node) in &update.nodes {
                    let (Some(label), Some(b)) = (node.label(), node.bounds()) else {
                        continue;
                    };
                    // A zone's node on the map is named "Liver — right foot" and has the
                    // bounds of its shape there; buttons elsewhere (a plan step, the detail
                    // panel) carry a zone's name without the foot.
                    let on_map = label.rsplit_once(" — ").is_some_and(|(zone, foot)| {
                        foot.ends_with(" foot") && names.iter().any(|n| n == zone)
                    });
                    if on_map {
                        let (x, y) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
                        anchors.push(Pos2::new(x as f32, y as f32));
                    }
                }
            }
            finish(&self.ctx, output);
        }
        self.ctx.disable_accesskit();
        anchors.sort_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).expect("finite"));
        assert!(
            anchors.len() >= 8,
            "the map shows its zones (found {})",
            anchors.len()
        );
        let step = anchors.len().div_ceil(MAX_POSITIONS / 2);
        let picked: Vec<Pos2> = anchors.iter().step_by(step).copied().collect();
        let mut path = Vec::new();
        for (i, a) in picked.iter().enumerate() {
            path.push(*a);
            let b = picked[(i + 1) % picked.len()];
            path.push(a.lerp(b, 0.5));
        }
        path
    }

    fn run(&mut self, pointer: Pos2) -> egui::FullOutput {
        self.time += 1.0 / 60.0;
        let app = &mut self.app;
        self.ctx
            .run_ui(raw_input(self.time, pointer), |ui| app.show(ui))
    }

    /// The next pointer position and its index in the cycle.
    fn next_pointer(&mut self) -> (usize, Pos2) {
        let i = self.frame % self.path.len();
        self.frame += 1;
        (i, self.path[i])
    }

    /// One whole frame: the app's pass, then tessellation.
    #[inline(never)]
    fn frame(&mut self) -> usize {
        let (_, p) = self.next_pointer();
        let output = self.run(p);
        finish(&self.ctx.clone(), output)
    }

    /// Settle, then run one cycle and keep each frame's shapes (for the baseline).
    fn capture(&mut self) -> Vec<Vec<ClippedShape>> {
        for _ in 0..2 * self.path.len() {
            self.frame();
        }
        self.frame = 0;
        (0..self.path.len())
            .map(|_| {
                let (_, p) = self.next_pointer();
                let mut output = self.run(p);
                let shapes = std::mem::take(&mut output.shapes);
                finish(&self.ctx.clone(), output);
                shapes
            })
            .collect()
    }
}

/// The Plan-mode plan: the gentle neuropathy template cut to 12 steps, every screening question
/// answered, numb feet answered "yes" (a pressure cap and no heat, as for such a client).
fn plan_of(library: &reflexmap::model::Library) -> Plan {
    let template = library
        .template("neuropathy_gentle")
        .expect("the neuropathy template");
    let mut plan = Plan::from_template(template);
    plan.client_initials = "AB".into();
    plan.date = "2026-11-22".into();
    let extra = library
        .template("full_foot_relaxation")
        .expect("the relaxation template");
    plan.steps.extend(extra.steps.iter().cloned());
    plan.steps.truncate(PLAN_STEPS);
    assert_eq!(plan.steps.len(), PLAN_STEPS);
    for rule in &library.rules {
        plan.screening.insert(rule.id.clone(), Answer::No);
    }
    plan.screening
        .insert("loss_of_protective_sensation".into(), Answer::Yes);
    plan
}

/// The baseline: the same shapes and text, painted with plain `Painter` calls.
struct BaselineFrames {
    ctx: egui::Context,
    frames: Vec<Vec<ClippedShape>>,
    path: Vec<Pos2>,
    frame: usize,
    time: f64,
}

impl BaselineFrames {
    fn new(frames: Vec<Vec<ClippedShape>>, path: Vec<Pos2>) -> Self {
        let ctx = egui::Context::default();
        // Same fonts and style as the app, so text lays out the same.
        reflexmap::ui::theme::apply(&ctx);
        ctx.set_theme(egui::Theme::Light);
        let mut b = Self {
            ctx,
            frames,
            path,
            frame: 0,
            time: 0.0,
        };
        for _ in 0..2 * b.path.len() {
            b.frame();
        }
        b
    }

    /// One whole baseline frame: re-emit the shapes, then tessellation.
    #[inline(never)]
    fn frame(&mut self) -> usize {
        let i = self.frame % self.path.len();
        self.frame += 1;
        self.time += 1.0 / 60.0;
        let shapes = &self.frames[i];
        let output = self.ctx.run_ui(raw_input(self.time, self.path[i]), |ui| {
            let mut painter = ui.painter().clone();
            for clipped in shapes {
                painter.set_clip_rect(clipped.clip_rect);
                emit(&painter, &clipped.shape);
            }
        });
        finish(&self.ctx.clone(), output)
    }
}

/// Paint one shape again; text is laid out again from its job.
fn emit(painter: &Painter, shape: &Shape) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| emit(painter, s)),
        Shape::Text(text) => {
            let galley = painter.layout_job((*text.galley.job).clone());
            painter.add(TextShape {
                galley,
                ..text.clone()
            });
        }
        other => {
            painter.add(other.clone());
        }
    }
}

/// Both sides of one mode.
struct Scenario {
    name: &'static str,
    app: AppFrames,
    baseline: BaselineFrames,
}

fn scenario(name: &'static str, mode: Mode) -> Scenario {
    let content = embedded_content().expect("embedded content loads");
    let mut app = if name == LABEL {
        AppFrames::label_board(content)
    } else {
        AppFrames::new(content, mode)
    };
    let frames = app.capture();
    let baseline = BaselineFrames::new(frames, app.path.clone());
    Scenario {
        name,
        app,
        baseline,
    }
}

/// The labelling scenario's name; its app frame is also held against Explore's (≤ 1.5×).
const LABEL: &str = "label_board";

fn scenarios() -> Vec<Scenario> {
    vec![
        scenario("explore", Mode::Explore),
        scenario("plan_12_steps", Mode::Plan),
        scenario(LABEL, Mode::Study),
    ]
}

fn frame_benches(c: &mut Criterion) {
    for s in &mut scenarios() {
        let mut group = c.benchmark_group(format!("frame/{}", s.name));
        group
            .sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        group.bench_function("app", |b| b.iter(|| s.app.frame()));
        group.bench_function("baseline", |b| b.iter(|| s.baseline.frame()));
        group.finish();
    }
}

/// Means of app and baseline frames, measured in alternating blocks so drift hits both alike.
fn summary() {
    let allocator = if cfg!(feature = "mimalloc") {
        "mimalloc"
    } else {
        "system allocator"
    };
    println!(
        "\nframe summary (1280×800, pixels_per_point 1, pointer moving across the map, {allocator}):"
    );
    println!(
        "{:<16} {:>10} {:>13} {:>7}  target ≤ 1.5×",
        "mode", "app", "baseline", "ratio"
    );
    let mut means = Vec::new();
    for s in &mut scenarios() {
        let n = s.app.path.len();
        let (mut app, mut base, mut frames) = (Duration::ZERO, Duration::ZERO, 0u32);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            let t = Instant::now();
            for _ in 0..n {
                s.app.frame();
            }
            app += t.elapsed();
            let t = Instant::now();
            for _ in 0..n {
                s.baseline.frame();
            }
            base += t.elapsed();
            frames += n as u32;
        }
        let (a, b) = (app / frames, base / frames);
        let ratio = a.as_secs_f64() / b.as_secs_f64();
        println!(
            "{:<16} {:>8.0} µs {:>10.0} µs {:>6.2}×  {} ({} pointer positions)",
            s.name,
            a.as_secs_f64() * 1e6,
            b.as_secs_f64() * 1e6,
            ratio,
            if s.name == LABEL {
                "(held against Explore below)"
            } else if ratio <= 1.5 {
                "met"
            } else {
                "MISSED"
            },
            n,
        );
        means.push((s.name, a));
    }
    let mean = |name: &str| means.iter().find(|(n, _)| *n == name).map(|(_, d)| *d);
    if let (Some(label), Some(explore)) = (mean(LABEL), mean("explore")) {
        let ratio = label.as_secs_f64() / explore.as_secs_f64();
        println!(
            "labelling view / Explore frame: {ratio:.2}×  target ≤ 1.5×: {}",
            if ratio <= 1.5 { "met" } else { "MISSED" }
        );
    }
}

/// For profilers (`valgrind --tool=callgrind … --profile-frames [explore|plan]`): two pointer
/// cycles of app frames, then two of baseline frames; no timing. Setup runs as many of each, so
/// the inclusive costs of `AppFrames::frame` and `BaselineFrames::frame` compare like for like.
fn profile_frames(only: Option<&str>) {
    let modes = [
        ("explore", Mode::Explore),
        ("plan_12_steps", Mode::Plan),
        (LABEL, Mode::Study),
    ];
    for (name, mode) in modes {
        if only.is_some_and(|o| !name.starts_with(o)) {
            continue;
        }
        let s = &mut scenario(name, mode);
        for _ in 0..2 * s.app.path.len() {
            s.app.frame();
        }
        for _ in 0..2 * s.app.path.len() {
            s.baseline.frame();
        }
    }
}

criterion_group!(benches, frame_benches);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--profile-frames") {
        profile_frames(args.get(i + 1).map(String::as_str));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Why only under `cargo bench`: `cargo test --benches` runs each bench once as a smoke
    // test, and the summary's timing loop would only slow that down.
    if std::env::args().any(|a| a == "--bench") {
        summary();
    }
}
