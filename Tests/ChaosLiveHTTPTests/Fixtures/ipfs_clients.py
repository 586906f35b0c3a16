"""Real IPFS clients against `chaos-run serve`: Python's ipfshttpclient 0.7.0 (over requests) and plain requests.

Usage: ipfs_clients.py MODE PORT CID OUTDIR [FILE]

  clean   version, ls, cat CID/FILE and get CID with ipfshttpclient, and cat CID/FILE with requests; writes
          version.json, ls.json, cat.bin, get/ and requests-cat.bin under OUTDIR for the Swift test to compare.
  stall   get CID with a 2 s timeout, expecting it to fail mid-tarball; prints one JSON line: the exception's type,
          the types of its causes, its message, and how many files were extracted before it.

Exit codes: 0 as expected, 1 an unexpected error (traceback on stderr), 3 the stalled get succeeded.
"""
import json
import os
import sys
import warnings

import ipfshttpclient
import requests

# urllib3 warns about a parameter ipfshttpclient 0.7.0 still passes; it says nothing about the test.
warnings.filterwarnings("ignore", category=FutureWarning)


def connect(port, timeout):
    return ipfshttpclient.connect(f"/ip4/127.0.0.1/tcp/{port}/http", timeout=timeout)


def plain(value):
    """ipfshttpclient's responses are dict and list wrappers; plain values for json.dump."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def clean(port, cid, outdir, path):
    with connect(port, 10) as client:
        with open(os.path.join(outdir, "version.json"), "w") as out:
            json.dump(plain(client.version()), out)
        with open(os.path.join(outdir, "ls.json"), "w") as out:
            json.dump(plain(client.ls(cid)), out)
        with open(os.path.join(outdir, "cat.bin"), "wb") as out:
            out.write(client.cat(f"{cid}/{path}"))
        os.makedirs(os.path.join(outdir, "get"))
        client.get(cid, target=os.path.join(outdir, "get"))
    response = requests.post(f"http://127.0.0.1:{port}/api/v0/cat", params={"arg": f"{cid}/{path}"}, timeout=10)
    response.raise_for_status()
    with open(os.path.join(outdir, "requests-cat.bin"), "wb") as out:
        out.write(response.content)


def causes(error):
    chain = []
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(f"{type(error).__module__}.{type(error).__name__}")
        error = error.__cause__ or error.__context__
    return chain


def stall(port, cid, outdir):
    target = os.path.join(outdir, "stalled")
    os.makedirs(target)
    try:
        with connect(port, 2) as client:
            client.get(cid, target=target)
    except Exception as error:  # the failure is the result
        extracted = sum(len(files) for _, _, files in os.walk(target))
        print(json.dumps({"type": type(error).__name__, "causes": causes(error), "message": str(error),
                          "extracted_files": extracted}))
        return 0
    return 3


def main(argv):
    mode, port, cid, outdir = argv[1], int(argv[2]), argv[3], argv[4]
    if mode == "clean":
        clean(port, cid, outdir, argv[5])
        return 0
    if mode == "stall":
        return stall(port, cid, outdir)
    print(f"unknown mode {mode!r}; expected clean or stall", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
