#!/bin/sh
# Regenerates maven-tree.txt in every case folder from Maven's own resolver.
# `mvn dependency:tree` cannot run offline here (the dependency plugin's own
# dependencies are not in ~/.m2), so this reads the tree Maven core itself logs
# at debug level when a goal needs test-scope resolution; it is the same
# resolver and the same tree, printed by Maven's GraphLogger (3 spaces a level).
# Run from this folder with Maven 3.8.7: sh regenerate.sh
set -e
for case in */; do
  case=${case%/}
  (cd "$case" && mvn -o -X org.apache.maven.plugins:maven-compiler-plugin:3.13.0:testCompile 2>&1) |
    sed 's/\x1b\[[0-9;]*m//g' |
    awk '/Dependency collection stats/ { grab = 1; next }
         grab && /^\[DEBUG\] [^ ]/ && /org\.example\.qm:/ { keep = 1 }
         grab && keep && /^\[DEBUG\] [^ ]/ && !/org\.example\.qm:/ { grab = 0; keep = 0 }
         grab && keep && /^\[DEBUG\] / { sub(/^\[DEBUG\] /, ""); print; next }
         grab && keep { grab = 0; keep = 0 }' > "$case/maven-tree.txt"
  rm -rf "$case/target" "$case"/*/target
done
