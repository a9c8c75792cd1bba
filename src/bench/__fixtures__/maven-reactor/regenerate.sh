#!/bin/sh
# Regenerates maven-tree.txt: the trees Maven 3.8.7 itself resolves for the
# 10-module synthetic reactor of maven-reactor.test.ts (layers of 3).
# As in src/ecosystems/maven/__fixtures__/projects/regenerate.sh, the trees
# are the ones Maven core logs at debug level for a goal that needs
# test-scope resolution; -fn because the jars themselves are absent.
# Needs Maven 3.8.7, the POMs of ../shared/maven-repo in the local repository
# and a build (npm run build). Run from the project root:
#   sh src/bench/__fixtures__/maven-reactor/regenerate.sh [extra mvn args]
set -e
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "${QM_DIST:-dist}" && pwd)
work=$(mktemp -d)
node --input-type=module -e "
  const { writeSyntheticReactor } = await import('$dist/bench/synthetic-reactor.js');
  writeSyntheticReactor({ root: '$work', modules: 10, layerWidth: 3 });"
(cd "$work" && mvn -o -X -fn "$@" org.apache.maven.plugins:maven-compiler-plugin:3.13.0:testCompile 2>&1) |
  sed 's/\x1b\[[0-9;]*m//g' |
  awk '/Dependency collection stats/ { grab = 1; next }
       grab && /^\[DEBUG\] [^ ]/ && /org\.example\.qm:/ { keep = 1 }
       grab && keep && /^\[DEBUG\] [^ ]/ && !/org\.example\.qm:/ { grab = 0; keep = 0 }
       grab && keep && /^\[DEBUG\] / { sub(/^\[DEBUG\] /, ""); print; next }
       grab && keep { grab = 0; keep = 0 }' > "$here/maven-tree.txt"
rm -rf "$work"
