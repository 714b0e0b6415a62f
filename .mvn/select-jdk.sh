# Sourced by ./mvnw (POSIX sh, under `set -euf`).
# Stint targets Java 21, and Maven itself must run on a JDK 21+: the jar plugin reads the Java 21
# module-info.class with the JDK that runs Maven. If JAVA_HOME (or `java` on PATH) is older, use the
# newest JDK 21+ installed in the usual places. Compilation and tests then use it through the toolchain.
stint_java_major() {
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
}
stint_jdk_ok=
if [ -n "${JAVA_HOME-}" ]; then
  if [ -x "$JAVA_HOME/bin/java" ]; then
    stint_v=$(stint_java_major "$JAVA_HOME/bin/java")
    [ "${stint_v:-0}" -ge 21 ] && stint_jdk_ok=1
  fi
elif command -v java >/dev/null 2>&1; then
  stint_v=$(stint_java_major java)
  [ "${stint_v:-0}" -ge 21 ] && stint_jdk_ok=1
fi
if [ -z "$stint_jdk_ok" ]; then
  set +f
  stint_best=
  stint_best_v=0
  for stint_d in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/*; do
    [ -x "$stint_d/bin/java" ] && [ -x "$stint_d/bin/javac" ] || continue
    stint_v=$(stint_java_major "$stint_d/bin/java")
    if [ "${stint_v:-0}" -ge 21 ] && [ "${stint_v:-0}" -gt "$stint_best_v" ]; then
      stint_best=$stint_d
      stint_best_v=$stint_v
    fi
  done
  set -f
  if [ -n "$stint_best" ]; then
    JAVA_HOME=$stint_best
    export JAVA_HOME
  else
    echo "mvnw: Stint needs a JDK 21 or newer to build; none found (set JAVA_HOME)" >&2
  fi
fi
