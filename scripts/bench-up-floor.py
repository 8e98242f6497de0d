#!/usr/bin/env python3
"""The least a compose client can do to bring up scripts/bench-up.sh's project: the floor Berth is compared with.

Creates the project's network and containers (image, command, healthcheck, network alias, compose labels: what
the engine needs to run them as the file asks), each once the services it depends on have been started, and
starts it as soon as they are healthy, learning health from the engine's event stream alone (no list, no
inspect), at most K starts at once, the one with the longest chain of dependents first: Berth's order, without
Berth's checks, lists and output. It prints nothing a user would want and checks nothing a real
client must (existing containers, images, conditions other than service_healthy); it exists to show how much of
`up`'s time is the engine's own.

Usage: bench-up-floor.py COMPOSE_FILE PROJECT [K]   (python3 with PyYAML, which docker-compose v1 brings)
"""
import http.client
import json
import os
import re
import socket
import sys
import threading
import urllib.parse

import yaml

# the engine the docker CLI (and bench-up.sh's tools) would use; no API version in the paths: the engine's own
host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
if not host.startswith("unix://"):
    sys.exit(f"bench-up-floor.py speaks to a unix socket only, and DOCKER_HOST is {host}")
SOCKET = host[len("unix://"):]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, timeout=120):
        super().__init__("localhost", timeout=timeout)

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(SOCKET)


_local = threading.local()


def call(method, path, body=None):
    conn = getattr(_local, "conn", None) or UnixConnection()
    _local.conn = conn
    conn.request(method, path, json.dumps(body) if body is not None else None,
                 {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else None


def in_thread(work, *args):
    """Runs work on a thread of its own; a failure there ends the whole script with its message (exit 1)."""
    def run():
        try:
            work(*args)
        except BaseException as e:  # noqa: BLE001 -- any failure ends the benchmark, loudly
            print(f"bench-up-floor.py: {e}", file=sys.stderr, flush=True)
            os._exit(1)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def nanos(duration):
    value, unit = re.fullmatch(r"(\d+)(ms|s|m)", duration).groups()
    return int(value) * {"ms": 10**6, "s": 10**9, "m": 60 * 10**9}[unit]


def main():
    compose_file, project = sys.argv[1], sys.argv[2]
    permits = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with open(compose_file) as f:
        services = yaml.safe_load(f)["services"]
    deps = {name: list(s.get("depends_on") or []) for name, s in services.items()}   # a list or a map
    dependents = {name: [d for d in deps if name in deps[d]] for name in deps}
    heights = {}

    def height(name):
        if name not in heights:
            heights[name] = 1 + max((height(d) for d in dependents[name]), default=0)
        return heights[name]

    network = f"{project}_default"
    call("POST", "/networks/create", {"Name": network, "Driver": "bridge", "Labels": {
        "com.docker.compose.project": project, "com.docker.compose.network": "default"}})

    # the health events, subscribed to before anything starts (no timeout: the stream is quiet between events)
    events = UnixConnection(timeout=None)
    filters = json.dumps({"label": [f"com.docker.compose.project={project}"], "type": ["container"],
                          "event": ["health_status"]})
    events.request("GET", "/events?filters=" + urllib.parse.quote(filters))
    stream = events.getresponse()
    state = threading.Condition()
    healthy, begun, started, waiting, running = set(), set(), set(), [], [0]

    def follow():
        while line := stream.readline():   # http.client takes the chunks apart: one event per line
            if line.strip():
                event = json.loads(line)
                if event["Action"] == "health_status: healthy":
                    with state:
                        healthy.add(event["Actor"]["Attributes"]["com.docker.compose.service"])
                        state.notify_all()
        raise RuntimeError("the engine ended its event stream")

    in_thread(follow)

    ids = {}

    def create(name):
        s = services[name]
        check = s["healthcheck"]
        ids[name] = call("POST", "/containers/create?name=" + urllib.parse.quote(f"{project}-{name}-1"), {
            "Image": s["image"], "Cmd": s["command"],
            "Labels": {"com.docker.compose.project": project, "com.docker.compose.service": name,
                       "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False"},
            "Healthcheck": {"Test": check["test"], "Interval": nanos(check["interval"]),
                            "Timeout": nanos(check["timeout"]), "Retries": check["retries"]},
            "HostConfig": {"NetworkMode": network},
            "NetworkingConfig": {"EndpointsConfig": {network: {"Aliases": [name]}}}})["Id"]

    def rank(name):
        lets_go = sum(1 for d in dependents[name] if all(x == name or x in begun for x in deps[d]))
        return height(name), lets_go, -waiting.index(name)

    def start(name):
        with state:
            while not all(d in healthy for d in deps[name]):
                state.wait()
            waiting.append(name)
            while running[0] >= permits or max(waiting, key=rank) != name:
                state.wait()
            waiting.remove(name)
            running[0] += 1
            begun.add(name)
            state.notify_all()
        try:
            call("POST", f"/containers/{ids[name]}/start")
        finally:
            with state:
                running[0] -= 1
                started.add(name)
                state.notify_all()

    def create_then_start(name):
        # created once its dependencies have been started (as Berth does: their starts go first, and the creates
        # fill the time they take to become healthy), started once they are healthy
        with state:
            while not all(d in started for d in deps[name]):
                state.wait()
        create(name)
        start(name)

    roots = [n for n in deps if not deps[n]]
    for name in roots:
        create(name)
    for name in deps:
        if deps[name]:
            in_thread(create_then_start, name)
        else:
            in_thread(start, name)
    with state:
        while len(healthy) < len(deps):
            state.wait()


if __name__ == "__main__":
    main()
