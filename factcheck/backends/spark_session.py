"""A Spark session for factcheck: local mode by default, fast to start and quiet.

``spark_session()`` gives the session a run uses: ``master`` (``--spark-master``, else
``SPARK_MASTER``, else ``local[2]``). In local mode everything stays on the loopback
interface (no web UI, no port opened to the network), Spark's logging is cut down to
errors, and the JVM is tuned for short runs (the client compiler only, one GC thread):
on a 2-core machine that takes about 40% off the start-up CPU time. Once the session is up,
Spark's log is switched off: a failing query reaches factcheck as a Python exception.
The two SQL settings that keep a claims file to its own tables (``SAFE_SQL_SETTINGS``) are
set on every session a run uses, a notebook's own too, and put back after the run.

The settings, one by one (see docs/engines.md for the measurements):

=====================================  ==============================================
``spark.ui.enabled=false``             no web UI: saves a second, opens no port
``spark.ui.showConsoleProgress=false`` no progress bars on stderr
``spark.sql.shuffle.partitions=2``     factcheck's aggregates are small: 200 tasks
                                       per shuffle would cost seconds for nothing
``spark.driver.host/bindAddress``      127.0.0.1 in local mode: nothing listens
                                       outside the machine
``spark.sql.session.timeZone=UTC``     dates and timestamps never shift with the
                                       machine's time zone
``spark.sql.ansi.enabled=true``        an overflow or a bad cast is an error, not a
                                       silent NULL (as in DuckDB)
``spark.sql.runSQLOnFiles=false``      SQL cannot name a file (``csv.`/etc/passwd```):
                                       tables are read only by the reader (as DuckDB's
                                       file access is switched off after reading)
``spark.sql.variable.substitute``      false: ``${env:NAME}`` in a string literal stays
                                       that text (Spark would put an environment variable
                                       there, before parsing: a secret printed, or a
                                       quote that changes the query)
``-XX:TieredStopAtLevel=1``            C1 JIT only: faster start, slower long runs
                                       (only in local mode)
=====================================  ==============================================
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"

# read by the driver JVM (-Dlog4j2.configurationFile): a file inside the package, never written at run
# time, so no other user can swap it (a file at a fixed name in the shared temp folder could be)
LOG4J_FILE = Path(__file__).with_name("spark-log4j2.properties")

# runtime SQL settings every session a run uses gets, also a session factcheck did not start (a
# notebook's): a claims file must not reach anything but the tables it declares
SAFE_SQL_SETTINGS = {
    # ${env:NAME}, ${system:prop}, ${conf.key} are otherwise replaced inside the SQL text, string
    # literals included: a claims file could print secrets, and a value holding a quote change the query
    "spark.sql.variable.substitute": "false",
    "spark.sql.runSQLOnFiles": "false",  # SQL cannot name a file (csv.`/etc/passwd`)
}

LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",
    "spark.driver.memory": "1g",
} | SAFE_SQL_SETTINGS
_FAST_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


_kept: list[SparkSession] = []  # the session started inside the outermost one_session() block
_depth = 0  # how many one_session() blocks are open


@contextmanager
def one_session() -> Iterator[None]:
    """Every Spark run inside the block shares one session: the first run that needs one starts
    it (unless a session is already running in the process, which is used as it is and never
    stopped), the runs after it reuse it, and it is stopped once, when the block ends.
    ``factcheck run a.yaml b.yaml --engine spark`` (and ``check``) run their files inside one;
    from Python, ``with one_session(): verify(a, engine="spark"); verify(b, engine="spark")``."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _kept:
            _kept.pop().stop()


def kept() -> SparkSession | None:
    """The session a run inside :func:`one_session` started for the runs after it, if any."""
    return _kept[0] if _kept else None


def active() -> SparkSession | None:
    """The session already running in this process (a notebook's, a service's), if any."""
    from pyspark.sql import SparkSession
    return SparkSession.getActiveSession()


def keep(session: SparkSession) -> bool:
    """Inside :func:`one_session`: keep a session a run started for the next runs (it is stopped
    when the block ends, not when the run does). False outside one: the run stops it itself."""
    if _depth == 0:
        return False
    _kept[:] = [session]
    return True


def master_of(master: str | None = None) -> str:
    """The master to use: the one given, else ``$SPARK_MASTER``, else local mode on two cores."""
    return master or os.environ.get("SPARK_MASTER") or DEFAULT_MASTER


def spark_session(master: str | None = None, *, app_name: str = "factcheck",
                  settings: dict[str, str] | None = None) -> "SparkSession":
    """Start (or join) the Spark session factcheck runs on."""
    from pyspark.sql import SparkSession

    master = master_of(master)
    local = master.startswith("local")
    builder = SparkSession.builder.master(master).appName(app_name)
    conf = dict(LOCAL_SETTINGS) if local else {k: v for k, v in LOCAL_SETTINGS.items()
                                                if not k.startswith(("spark.driver.", "spark.default."))}
    # the driver runs here in every mode pyspark starts (client mode): quiet on a cluster too, where a
    # master that cannot be reached would otherwise print pages of Java stack traces
    java_options = f"-Dlog4j2.configurationFile={LOG4J_FILE.as_uri()}"
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # read by the JVM before any setting
        java_options = f"{_FAST_JVM} {java_options}"
    conf["spark.driver.extraJavaOptions"] = java_options
    conf.update(settings or {})
    for key, value in conf.items():
        builder = builder.config(key, value)
    with warnings.catch_warnings():  # pyspark warns about pandas versions it has not been tried with
        warnings.simplefilter("ignore", FutureWarning)
        session = builder.getOrCreate()
    # once started, factcheck reports a failed query itself (from the Python exception, naming the
    # claim); Spark's own ERROR lines would repeat it as a JSON stack trace on stderr
    session.sparkContext.setLogLevel("OFF")
    _quiet_python_loggers()
    harden(session)  # getOrCreate() may have joined a session started with other settings
    return session


def harden(session: SparkSession) -> dict[str, str | None]:
    """Set :data:`SAFE_SQL_SETTINGS` on a session, before any query of the run; give what they were
    (None: not set), so that a session factcheck did not start gets its own settings back after the run."""
    before: dict[str, str | None] = {}
    for key, value in SAFE_SQL_SETTINGS.items():
        before[key] = session.conf.get(key, None)
        session.conf.set(key, value)
    return before


def restore(session: SparkSession, before: dict[str, str | None]) -> None:
    """Put back the settings :func:`harden` changed on a session that is not factcheck's."""
    for key, value in before.items():
        if value is None:
            session.conf.unset(key)
        else:
            session.conf.set(key, value)


def unreachable(master: str, timeout: float = 5.0) -> str | None:
    """Why a Spark standalone (``spark://host:port[,host:port]``) or Kubernetes (``k8s://…``) master
    cannot be reached, or None (reached, or a master of another kind). Checked before Spark starts:
    Spark itself tries a standalone master for about a minute and prints pages of Java stack traces."""
    import socket
    from urllib.parse import urlsplit

    if master.startswith("spark://"):
        ends = [_host_port(hp, 7077) for hp in master[len("spark://"):].split(",")]
    elif master.startswith("k8s://"):
        url = master[len("k8s://"):]
        url = url if "://" in url else f"https://{url}"
        parts = urlsplit(url)
        ends = [(parts.hostname or "", parts.port or (80 if parts.scheme == "http" else 443))]
    else:
        return None
    reasons = []
    for host, port in ends:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return None
        except (OSError, ValueError) as exc:
            reasons.append(f"{host}:{port}: {_socket_reason(exc)}")
    return "; ".join(reasons)


def _host_port(text: str, default_port: int) -> tuple[str, int]:
    """``host:port`` (or ``[v6]:port``) of a standalone master URL; a port that is not a number is -1."""
    host, sep, port = text.strip().rpartition(":")
    if not sep:
        return text.strip().strip("[]"), default_port
    return host.strip("[]"), int(port) if port.isdigit() else -1


def _socket_reason(exc: Exception) -> str:
    """``connection refused`` / ``timed out`` / the resolver's words, without errno numbers."""
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _quiet_python_loggers() -> None:
    """pyspark 4 logs every failed query's stack trace as JSON on stderr (its query-context loggers);
    factcheck reports the failure itself, naming the claim."""
    import logging
    try:
        from pyspark.logger import PySparkLogger
    except ImportError:  # pyspark 3.5: no such loggers
        return
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL + 1)
