"""Make Pagefind's index byte-identical between builds of the same sources.

Pagefind 1.5 writes its filter indexes (and so the metadata file that names them) in hash-map
order, which changes from run to run (upstream issue Pagefind/pagefind#638: fragments and word
indexes are stable, filters are not). Two publishes must be byte-identical, so after indexing we
rewrite those few files in a fixed order: filter values and filter/sort lists sorted by name.
The content is unchanged; files get new names from their new bytes, as Pagefind names them.

Pagefind's files are gzip-compressed CBOR after a ``pagefind_dcd`` signature.
"""

import gzip
import hashlib
import json

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def read(path):
    """The decoded content of one Pagefind file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def write(folder, pattern, language, content, digits):
    """Write ``content`` as ``pattern.format(<language>_<hash>)`` in ``folder``; its path, hash."""
    body = SIGNATURE + cbor2.dumps(content)
    name = f"{language}_{hashlib.sha256(body).hexdigest()[:digits]}"
    path = folder / pattern.format(name)
    path.write_bytes(gzip.compress(body, mtime=0))
    return path, name


def replace(old, new):
    """Remove ``old`` unless the rewritten file took its very name."""
    if old != new:
        old.unlink()


def stabilise(bundle):
    """Rewrite the filter indexes and metadata of every language of ``bundle`` in a fixed order."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        # [version, pages, index chunks, filters [[name, hash]], sorts [[name, pages]], meta keys]
        filters = []
        for name, old_hash in sorted(meta[3]):
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read(old)
            new, new_hash = write(
                bundle / "filter", "{}.pf_filter", language, [filter_name, sorted(values)], 7
            )
            replace(old, new)
            filters.append([name, new_hash])
        meta[3] = filters
        meta[4] = sorted(meta[4])
        new, info["hash"] = write(bundle, "pagefind.{}.pf_meta", language, meta, 10)
        replace(meta_path, new)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (bundle / ENTRY).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
