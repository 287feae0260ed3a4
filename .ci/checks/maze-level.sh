#!/usr/bin/env bash
# The maze level's check, in the style of ../shared/checks/game.sh (issue 13): the level renders 600
# frames in a real window under Xvfb with a screenshot, every agent finishes episodes, the episodes
# printed by the game are those of a headless race with the same seed, and without a display the
# level still races headless and says so. Run from the project's root; needs the runnable jar.
set -u
JAR=demo-game/target/foresight.jar
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$JAR" ] || fail "no $JAR: build it with ./mvnw -B -DskipTests install"
command -v xvfb-run >/dev/null || fail "xvfb-run missing: apt-get install -y xvfb xauth libgl1-mesa-dri libglx-mesa0 libgl1"
out=$(mktemp -d)
XDG_RUNTIME_DIR=$out xvfb-run -a -s "-screen 0 1280x720x24" java -jar "$JAR" play --level maze --speed 400 --seed 3 \
  --frames 600 --screenshot "$out/maze.png" --frame-times "$out/maze.txt" >"$out/maze.log" 2>&1 \
  || { tail -5 "$out/maze.log"; fail "play --level maze failed"; }
[ -s "$out/maze.png" ] || fail "no screenshot of the maze level"
[ "$(wc -l <"$out/maze.txt")" -ge 600 ] || fail "fewer than 600 frame times for the maze level"
grep '^maze: dyna-maze episode' "$out/maze.log" | sed 's/^maze: //' >"$out/game-episodes.txt"
episodes=$(wc -l <"$out/game-episodes.txt")
[ "$episodes" -ge 10 ] || fail "only $episodes episodes finished by every agent in 600 frames at 400 steps/s"
(unset DISPLAY WAYLAND_DISPLAY; java -jar "$JAR" play --level maze --episodes "$episodes" --seed 3) >"$out/headless.log" 2>&1 \
  || { tail -5 "$out/headless.log"; fail "play --level maze without a display failed"; }
grep -qi headless "$out/headless.log" || fail "play --level maze without a display did not say it runs headless"
grep 'dyna-maze episode' "$out/headless.log" | sed 's/^ *//' >"$out/headless-episodes.txt"
cmp -s "$out/game-episodes.txt" "$out/headless-episodes.txt" \
  || { diff "$out/game-episodes.txt" "$out/headless-episodes.txt" | head -5; fail "the game's episodes differ from the headless race's (same seed)"; }
last=$(tail -1 "$out/game-episodes.txt")
p99=$(sort -n "$out/maze.txt" | awk '{a[NR]=$1} END{print a[int(NR*0.99)]}')
echo "maze-level: ok $episodes episodes, same as headless; last: $last; frame p99=$p99 ms"
