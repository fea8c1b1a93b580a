"""Runs a command on a pseudo-terminal, as a person at a terminal would: for the CLI's prompt and colour tests.

usage: pty-run.py JSON   where JSON is {"argv": [...], "env": {...}, "expect": "text", "type": "text\r"}
Waits until the output shows `expect` (if given), then types `type`, reads to the end and prints
{"code": exit status, "output": everything the terminal showed} as JSON. Gives up after 20 s of silence.
"""
import json
import os
import pty
import select
import sys

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

output = b""
typed = "type" not in spec
expect = spec.get("expect", "").encode()
while True:
    if not typed and expect in output:
        os.write(fd, spec["type"].encode())
        typed = True
    ready, _, _ = select.select([fd], [], [], 20)
    if not ready:
        os.kill(pid, 9)
        break
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    output += chunk
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"code": code, "output": output.decode("utf-8", "replace")}))
