#!/usr/bin/env bash
# Builds the installer with the JDK's jpackage: `installer/build.sh app-image` (a folder, ~5 s) or
# `installer/build.sh deb` (needs fakeroot and dpkg-dev). Run from the repository root after
# `mvn -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
[ -f target/group-writeback.jar ] || { echo "run 'mvn -DskipTests package' first" >&2; exit 2; }
rm -rf target/installer-input target/installer
mkdir -p target/installer-input target/installer
cp target/group-writeback.jar target/installer-input/
cp target/lib/*.jar target/installer-input/
cp installer/linux/group-writeback.service target/installer-input/
args=(@installer/jpackage-common.txt --input target/installer-input --dest target/installer)
case "$type" in
  app-image) jpackage --type app-image "${args[@]}" ;;
  deb) jpackage "${args[@]}" @installer/linux/jpackage-deb.txt ;;
  *) echo "usage: installer/build.sh app-image|deb" >&2; exit 2 ;;
esac
ls -la target/installer
