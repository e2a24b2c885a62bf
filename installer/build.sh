#!/usr/bin/env bash
# Builds the installer with the JDK's jpackage: `installer/build.sh app-image` (a folder, ~10 s) or
# `installer/build.sh deb` (Debian/Ubuntu package; needs fakeroot and dpkg-dev, about a minute). Run from
# anywhere after `mvn -DskipTests package`. The Windows MSI has its own script: installer/windows/build.ps1.
#
# Layout of the input: the application jar and its libraries on the class path, the JavaFX jars of this
# platform (the classifier jars Maven copied to target/lib) in javafx/, which the launchers put on the
# module path (--module-path $APPDIR/javafx), as JavaFX supports.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
case "$type" in
  app-image) extra=(--type app-image --add-launcher gwb=installer/linux/gwb-launcher.properties) ;;
  deb) extra=(@installer/linux/jpackage-deb.txt)
       for tool in dpkg-deb fakeroot; do
         command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install fakeroot dpkg-dev" >&2; exit 2; }
       done ;;
  *) echo "usage: installer/build.sh app-image|deb" >&2; exit 2 ;;
esac
[ -f target/group-writeback.jar ] || { echo "run 'mvn -DskipTests package' first" >&2; exit 2; }
rm -rf target/installer-input target/installer
mkdir -p target/installer-input/javafx target/installer
cp target/group-writeback.jar installer/linux/group-writeback.service target/installer-input/
for jar in target/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-[0-9]*-*.jar) cp "$jar" target/installer-input/javafx/ ;;  # javafx-base-21.0.5-linux.jar
    javafx-*.jar) ;;  # the empty platform-independent JavaFX jars: not needed on the module path
    *) cp "$jar" target/installer-input/ ;;
  esac
done
# dpkg-deb's default xz takes minutes for the ~230 MB image on a busy 2-core machine; gzip takes seconds,
# for a package about a third larger. DPKG_DEB_COMPRESSOR_TYPE=xz builds the smaller one.
export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
start=$(date +%s)
jpackage @installer/jpackage-common.txt --input target/installer-input --dest target/installer "${extra[@]}"
echo "built $type in $(( $(date +%s) - start )) s:"
ls -la target/installer
