//! "Export everything about this client" (a copy on request): one new folder with the whole
//! record as text, the progress report, every score, note and finding as CSV, and the photos.
//! The folder is written beside its final name and renamed into place, so it is whole or absent.

use std::path::{Path, PathBuf};

use super::text::{client_text, finding_place, quote, scores_csv};
use super::{ClientRecord, Store};
use crate::model::{Chart, Library};

/// Write the folder `dir` (which must not exist); returns the files written.
pub fn export_all(
    store: &Store,
    rec: &ClientRecord,
    dir: &Path,
    library: &Library,
    chart: &Chart,
) -> Result<Vec<PathBuf>, String> {
    let _ = library;
    if dir.exists() {
        return Err(format!(
            "{} already exists: choose a new folder name (nothing was written)",
            dir.display()
        ));
    }
    let name = dir
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = write_into(store, rec, &tmp, chart);
    match result {
        Ok(files) => {
            std::fs::rename(&tmp, dir).map_err(|e| {
                let _ = std::fs::remove_dir_all(&tmp);
                format!("{}: {e} (nothing was written)", dir.display())
            })?;
            Ok(files.into_iter().map(|f| dir.join(f)).collect())
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(format!("{}: {e} (nothing was written)", dir.display()))
        }
    }
}

fn write_into(
    store: &Store,
    rec: &ClientRecord,
    dir: &Path,
    chart: &Chart,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir.join("photos")).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    let mut write = |name: &str, bytes: &[u8]| -> Result<(), String> {
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
        files.push(PathBuf::from(name));
        Ok(())
    };
    write("README.txt", README.as_bytes())?;
    write("record.txt", client_text(rec, chart).as_bytes())?;
    write("scores.csv", scores_csv(rec).as_bytes())?;
    write("notes.csv", notes_csv(rec).as_bytes())?;
    write("findings.csv", findings_csv(rec, chart).as_bytes())?;
    let photos: Vec<(super::Id, std::sync::Arc<Vec<u8>>)> = rec
        .sessions
        .iter()
        .flat_map(|s| &s.delivery.photos)
        .map(|p| {
            store
                .photo_jpeg(p.id)
                .map(|j| (p.id, std::sync::Arc::new(j)))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    for (id, jpeg) in &photos {
        write(&format!("photos/photo-{id}.jpg"), jpeg)?;
    }
    let pdf = crate::export::progress_report_with(
        rec,
        &crate::export::ReportOptions::default(),
        chart,
        &photos,
    )
    .map_err(|e| e.to_string())?;
    write("progress-report.pdf", &pdf.bytes)?;
    Ok(files)
}

const README: &str = "Everything reflexmap holds about this client, exported on request.\n\n\
record.txt           the whole record as text: details, consent, every session, note, \
addendum, follow-up, delivery and finding\n\
scores.csv           every score (before, after, follow-up)\n\
notes.csv            every SOAP note part and addendum\n\
findings.csv         every foot finding and touch-test result\n\
photos/              every photo, as stored (camera metadata was removed on import)\n\
progress-report.pdf  the progress report with every section\n\n\
These files hold health data. Hand them only to the client, or to whom the client asks.\n";

fn notes_csv(rec: &ClientRecord) -> String {
    let mut out = String::from("session_id,session_date,signed_at,part,written_at,text\n");
    for s in &rec.sessions {
        let signed = s.signed_at.as_deref().unwrap_or("");
        for (part, text) in s.soap.parts() {
            if !text.trim().is_empty() {
                out.push_str(&format!(
                    "{},{},{},{},,{}\n",
                    s.id,
                    s.date,
                    quote(signed),
                    part.to_lowercase(),
                    quote(text.trim())
                ));
            }
        }
        for a in &s.addenda {
            out.push_str(&format!(
                "{},{},{},addendum,{},{}\n",
                s.id,
                s.date,
                quote(signed),
                quote(&a.written_at),
                quote(a.text.trim())
            ));
        }
        for f in &s.followups {
            if !f.note.trim().is_empty() {
                out.push_str(&format!(
                    "{},{},{},follow-up {} h,{},{}\n",
                    s.id,
                    s.date,
                    quote(signed),
                    f.hours,
                    quote(&f.date),
                    quote(f.note.trim())
                ));
            }
        }
    }
    out
}

fn findings_csv(rec: &ClientRecord, chart: &Chart) -> String {
    let mut out = String::from("session_id,session_date,kind,foot,view,x,y,place,status,note\n");
    for s in &rec.sessions {
        for f in &s.delivery.findings {
            out.push_str(&format!(
                "{},{},{},{},{},{:.3},{:.3},{},{},{}\n",
                s.id,
                s.date,
                f.kind.key(),
                f.foot.label().to_lowercase(),
                f.view.id(),
                f.at.0,
                f.at.1,
                quote(&finding_place(f, chart)),
                f.status.key(),
                quote(f.note.trim())
            ));
        }
        for ((foot, toe), felt) in &s.delivery.touch.0 {
            out.push_str(&format!(
                "{},{},touch_test,{},,,,toe {toe},{},\n",
                s.id,
                s.date,
                foot.label().to_lowercase(),
                if *felt { "felt" } else { "not_felt" }
            ));
        }
    }
    out
}
