"""A Spark session for factcheck: local mode by default, fast to start and quiet.

``spark_session()`` gives the session a run uses: ``master`` (``--spark-master``, else
``SPARK_MASTER``, else ``local[2]``). In local mode everything stays on the loopback
interface (no web UI, no port opened to the network), Spark's logging is cut down to
errors, and the JVM is tuned for short runs (the client compiler only, one GC thread):
on a 2-core machine that takes about 40% off the start-up CPU time. Once the session is up,
Spark's log is switched off: a failing query reaches factcheck as a Python exception.

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
``-XX:TieredStopAtLevel=1``            C1 JIT only: faster start, slower long runs
                                       (only in local mode)
=====================================  ==============================================
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"

_QUIET_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""

LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.runSQLOnFiles": "false",
    "spark.driver.memory": "1g",
}
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
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # read by the JVM before any setting
        conf["spark.driver.extraJavaOptions"] = f"{_FAST_JVM} -Dlog4j2.configurationFile={_log4j_file().as_uri()}"
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
    return session


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


def _log4j_file() -> Path:
    """A log4j2 configuration that keeps Spark's start-up chatter (and INFO/WARN lines) off stderr."""
    path = Path(tempfile.gettempdir()) / "factcheck-spark-log4j2.properties"
    if not path.is_file() or path.read_text(encoding="utf-8") != _QUIET_LOG4J:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".factcheck-log4j2-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_QUIET_LOG4J)
        os.replace(tmp, path)  # whole or not at all, when two runs start together
    return path
