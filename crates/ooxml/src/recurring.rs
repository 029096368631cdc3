//! Parts that recur from package to package: a deck's masters, layouts and theme, a document's
//! styles and settings, and most relationships parts are the same bytes in every file of a run.
//! Each is deflated once per process and its compressed entry copied into every later zip as it
//! is, instead of paying a fresh deflate stream (a zeroed 128 KiB hash table, the block set-up)
//! and the compression again for every package.
//!
//! A part is remembered by name with the last few different bytes it had. When the same name
//! comes again with the same bytes, the package deflates it as usual and then hands its finished
//! zip to [`remember`], which keeps a raw copy of the entry (no compressor of its own: a deflate
//! state per remembered part would fragment the heap). Later packages copy that entry. A copied
//! entry is the same bytes as one written directly (the package's tests check this), so the memo
//! never shows in the output: the same package gives the same bytes on any thread, in any order.

use std::collections::BTreeMap;
use std::io::{Cursor, Seek, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use zip::result::ZipResult;
use zip::{ZipArchive, ZipWriter};

/// At most this many part names are remembered; a process writing many kinds of package keeps
/// the first ones. The names of a deck and of a Word document together are about a hundred.
const MAX_NAMES: usize = 1024;

/// How many different contents are remembered per name: a name can recur with a few
/// (`word/styles.xml` of two kinds of document), while a slide's bytes never come again.
const MAX_CONTENTS: usize = 4;

/// A part's deflated entry: entry `index` of a zip of remembered entries.
#[derive(Clone)]
pub(crate) struct DeflatedEntry {
    zip: ZipArchive<Cursor<Arc<[u8]>>>,
    index: usize,
}

impl DeflatedEntry {
    /// Writes the entry into `zip` as `name`, its compressed bytes copied as they are.
    pub(crate) fn copy_into<W: Write + Seek>(
        &self,
        zip: &mut ZipWriter<W>,
        name: &str,
    ) -> ZipResult<()> {
        let mut archive = self.zip.clone();
        let entry = archive.by_index_raw(self.index)?;
        zip.raw_copy_file_rename(entry, name)
    }
}

/// Bytes a part name had, and their entry once they came twice.
struct Seen {
    data: Vec<u8>,
    deflated: Option<DeflatedEntry>,
}

/// Per part name, the last few different bytes it had.
static SEEN: Mutex<BTreeMap<String, Vec<Seen>>> = Mutex::new(BTreeMap::new());

fn seen() -> MutexGuard<'static, BTreeMap<String, Vec<Seen>>> {
    // Every update leaves the memo consistent, so a panic elsewhere cannot have broken it.
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the memo knows of a part's bytes.
pub(crate) enum Recurrence {
    /// They came before and their entry is kept: copy it.
    Deflated(DeflatedEntry),
    /// They came once before: deflate them, then [`remember`] the entry.
    Again,
    /// Not seen before, or not kept.
    New,
}

/// Looks part `name` holding `data` up, and notes that it came.
pub(crate) fn recurrence(name: &str, data: &[u8]) -> Recurrence {
    let mut seen = seen();
    let Some(contents) = seen.get_mut(name) else {
        if seen.len() < MAX_NAMES {
            let first = Seen {
                data: data.to_vec(),
                deflated: None,
            };
            seen.insert(name.to_owned(), vec![first]);
        }
        return Recurrence::New;
    };
    if let Some(known) = contents.iter().find(|known| known.data == data) {
        return match &known.deflated {
            Some(entry) => Recurrence::Deflated(entry.clone()),
            None => Recurrence::Again,
        };
    }
    if contents.len() < MAX_CONTENTS {
        contents.push(Seen {
            data: data.to_vec(),
            deflated: None,
        });
    } else if let Some(once) = contents
        .iter_mut()
        .rev()
        .find(|known| known.deflated.is_none())
    {
        // Bytes seen only once make way; those that recurred stay.
        once.data.clear();
        once.data.extend_from_slice(data);
    }
    Recurrence::New
}

/// Keeps the entries of `parts` (name and bytes, each [`Recurrence::Again`]) from `package`, a
/// finished zip that holds them deflated.
pub(crate) fn remember(package: &[u8], parts: &[(&str, &[u8])]) -> ZipResult<()> {
    let mut source = ZipArchive::new(Cursor::new(package))?;
    let mut kept = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, _) in parts {
        kept.raw_copy_file(source.by_name_raw(name.as_bytes())?)?;
    }
    let kept: Arc<[u8]> = kept.finish()?.into_inner().into();
    let zip = ZipArchive::new(Cursor::new(kept))?;
    let mut seen = seen();
    for (index, (name, data)) in parts.iter().enumerate() {
        // Another thread may have kept the same bytes meanwhile, or other bytes may have taken
        // their place: then there is nothing to do.
        let known = seen
            .get_mut(*name)
            .and_then(|contents| contents.iter_mut().find(|known| known.data == *data));
        if let Some(known) = known
            && known.deflated.is_none()
        {
            known.deflated = Some(DeflatedEntry {
                zip: zip.clone(),
                index,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use zip::CompressionMethod;
    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn bytes_are_kept_when_they_come_again() {
        let name = "recurring/tests/part.xml";
        let first = b"<a>first</a>".as_slice();
        let second = b"<a>second</a>".as_slice();
        assert!(matches!(recurrence(name, first), Recurrence::New));
        assert!(matches!(recurrence(name, second), Recurrence::New));
        // Both noted: each is to be kept the second time it comes.
        assert!(matches!(recurrence(name, first), Recurrence::Again));
        assert!(matches!(recurrence(name, second), Recurrence::Again));
        remember(
            &zip_of(&[("other.xml", b"x"), (name, first)]),
            &[(name, first)],
        )
        .unwrap();
        assert!(matches!(recurrence(name, first), Recurrence::Deflated(_)));
        // Bytes seen once make way for others; those kept stay.
        for index in 0..10 {
            let once = format!("<a>{index}</a>");
            assert!(matches!(recurrence(name, once.as_bytes()), Recurrence::New));
        }
        assert!(matches!(recurrence(name, first), Recurrence::Deflated(_)));
    }

    #[test]
    fn a_kept_entry_copies_the_bytes() {
        let name = "recurring/tests/copied.xml";
        let data = "<p>Æbler og pærer</p>".repeat(50);
        recurrence(name, data.as_bytes());
        assert!(matches!(
            recurrence(name, data.as_bytes()),
            Recurrence::Again
        ));
        remember(
            &zip_of(&[(name, data.as_bytes())]),
            &[(name, data.as_bytes())],
        )
        .unwrap();
        let Recurrence::Deflated(entry) = recurrence(name, data.as_bytes()) else {
            panic!("not kept");
        };
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        entry.copy_into(&mut zip, "word/document.xml").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = archive.by_name("word/document.xml").unwrap();
        assert_eq!(file.compression(), CompressionMethod::Deflated);
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, data);
    }
}
