#!/bin/sh
# Measures demo-wasm:count interpreted and with GraalVM's optimizing runtime (see docs/extensions.md).
#
# Usage: extensions-wasm/bench.sh [interpreted|optimized|both] [runs] [spinIterations] [hostCallNumbers]
#
# interpreted: everything on the class path, as in the tests (a stock JDK runs Truffle interpreted).
# optimized:   the GraalVM jars (polyglot, truffle, wasm, sdk) on the module path, the Graal compiler
#              (org.graalvm.compiler:compiler:25.0.2) on the upgrade module path, JVMCI enabled.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
mode=${1:-both}
[ $# -gt 0 ] && shift
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
GRAAL_VERSION=25.0.2

./mvnw -B -q -f extensions-wasm/pom.xml test-compile
./mvnw -B -q -f extensions-wasm/pom.xml dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
[ -f extensions-wasm/target/graal-compiler/compiler-$GRAAL_VERSION.jar ] || \
    ./mvnw -B -q -f extensions-wasm/pom.xml dependency:copy \
        -Dartifact=org.graalvm.compiler:compiler:$GRAAL_VERSION -DoutputDirectory=target/graal-compiler

t=extensions-wasm/target
deps=$(tr ':' '\n' < $t/bench.classpath | grep '\.jar$')
graal=$(echo "$deps" | grep '/org/graalvm/' | paste -sd: -)
others=$(echo "$deps" | grep -v '/org/graalvm/' | paste -sd: -)
main=dev.stint.wasm.bench.CountBenchmark

if [ "$mode" = interpreted ] || [ "$mode" = both ]; then
    echo "== interpreted"
    "$JAVA" --enable-native-access=ALL-UNNAMED -Dpolyglot.engine.WarnInterpreterOnly=false \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$t/classes:$t/test-classes:$graal:$others" $main "$@"
fi
if [ "$mode" = optimized ] || [ "$mode" = both ]; then
    echo "== optimized"
    "$JAVA" --enable-native-access=org.graalvm.truffle,ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
        --upgrade-module-path="$t/graal-compiler/compiler-$GRAAL_VERSION.jar" \
        --module-path="$graal" --add-modules=ALL-MODULE-PATH \
        -cp "$t/classes:$t/test-classes:$others" $main "$@"
fi
