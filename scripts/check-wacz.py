#!/usr/bin/env python3
"""Checks WACZ files with readers factdesk did not write: Python's zipfile and
hashlib, and warcio (Webrecorder's WARC library).

    python3 scripts/check-wacz.py FILE.wacz [...]

For each file: every entry is STORE'd; datapackage.json has profile "wacz",
lists every other file with its size and SHA-256, and matches
datapackage-digest.json; warcio reads every WARC record, the response
record's payload matches its WARC-Payload-Digest, and the CDXJ line's offset
and length point at that record; pages.jsonl starts with the json-pages-1.0
header and names the page. Exits non-zero, naming the problem, on the first
file that fails.
"""

import hashlib
import io
import json
import sys
import zipfile

from warcio.archiveiterator import ArchiveIterator


def fail(path, why):
    sys.exit(f"{path}: {why}")


def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def check(path):
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                fail(path, f"{info.filename} is compressed; WACZ files are stored")
        names = set(z.namelist())
        package_bytes = z.read("datapackage.json")
        package = json.loads(package_bytes)
        if package.get("profile") != "wacz":
            fail(path, f"datapackage.json profile is {package.get('profile')!r}")
        digest = json.loads(z.read("datapackage-digest.json"))
        if digest.get("hash") != sha(package_bytes):
            fail(path, "datapackage-digest.json does not match datapackage.json")
        listed = set()
        for r in package["resources"]:
            data = z.read(r["path"])
            if r["hash"] != sha(data) or r["bytes"] != len(data):
                fail(path, f"{r['path']} does not match its size or hash")
            listed.add(r["path"])
        extra = names - listed - {"datapackage.json", "datapackage-digest.json"}
        if extra:
            fail(path, f"files not in datapackage.json: {sorted(extra)}")
        warc = z.read("archive/data.warc")
        responses = {}
        for record in ArchiveIterator(io.BytesIO(warc)):
            if record.rec_type == "response":
                payload = record.content_stream().read()
                want = record.rec_headers.get_header("WARC-Payload-Digest")
                if want != sha(payload):
                    fail(path, f"the payload digest {want} is not {sha(payload)}")
                responses[record.rec_headers.get_header("WARC-Target-URI")] = payload
        if not responses:
            fail(path, "no response record")
        cdx_lines = z.read("indexes/index.cdx").decode().splitlines()
        for line in cdx_lines:
            _surt, _ts, data = line.split(" ", 2)
            entry = json.loads(data)
            start, length = int(entry["offset"]), int(entry["length"])
            chunk = warc[start : start + length]
            records = list(ArchiveIterator(io.BytesIO(chunk)))
            if len(records) != 1 or records[0].rec_type != "response":
                fail(path, "the CDXJ offset and length do not frame the response record")
            if entry["url"] not in responses:
                fail(path, f"the CDXJ names {entry['url']}, which has no response")
            if entry["digest"] != sha(responses[entry["url"]]):
                fail(path, "the CDXJ digest is not the payload's")
        pages = z.read("pages/pages.jsonl").decode().splitlines()
        if json.loads(pages[0]).get("format") != "json-pages-1.0":
            fail(path, "pages.jsonl has no json-pages-1.0 header")
        for p in pages[1:]:
            page = json.loads(p)
            if page["url"] not in responses or "ts" not in page:
                fail(path, f"the page {page.get('url')} has no capture or time")
    print(f"{path}: a valid WACZ ({len(responses)} page, {len(warc)} bytes of WARC)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for f in sys.argv[1:]:
        check(f)
