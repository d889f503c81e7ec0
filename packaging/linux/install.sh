#!/usr/bin/env bash
# Installs the Linux bundle (dist/hotline/, from scripts/build-bundle) with a menu entry and
# its icon in the hicolor theme. For one user by default; for everyone when run as root.
#
#   packaging/linux/install.sh [--user|--system] [BUNDLE_DIR]   install (default dist/hotline)
#   packaging/linux/install.sh [--user|--system] --uninstall    remove what install put there
#
#   one user (default)       everyone (as root)
#   ~/.local/opt/hotline     /opt/hotline                 the bundle
#   ~/.local/bin/hotline     /usr/local/bin/hotline       a link to the executable
#   ~/.local/share/...       /usr/local/share/...         applications/hotline.desktop,
#                                                         icons/hicolor/*/apps/hotline.*
# The data directory (~/.local/share/Hotline) is never touched, not even by --uninstall.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

scope=user
[ "$(id -u)" = 0 ] && scope=system
case "${1:-}" in
  --user) scope=user; shift ;;
  --system) scope=system; shift ;;
esac
if [ "$scope" = system ]; then
  opt=/opt/hotline; bin=/usr/local/bin; share=/usr/local/share
else
  opt=$HOME/.local/opt/hotline; bin=$HOME/.local/bin; share=${XDG_DATA_HOME:-$HOME/.local/share}
fi
sizes="16 32 48 64 128 256"

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
  # A per-user hicolor folder has no cache (a stale one would hide icons added later).
  if [ "$scope" = system ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  [ -L "$bin/hotline" ] && rm -f "$bin/hotline"
  rm -f "$share/applications/hotline.desktop"
  for size in $sizes; do rm -f "$share/icons/hicolor/${size}x${size}/apps/hotline.png"; done
  rm -f "$share/icons/hicolor/scalable/apps/hotline.svg"
  refresh
  echo "install: Hotline removed (the data in the data directory is kept)"
  exit 0
fi

bundle=${1:-$root/dist/hotline}
if [ ! -x "$bundle/hotline" ] || [ ! -d "$bundle/_internal" ]; then
  echo "install: no bundle at $bundle; build it first: scripts/build-bundle" >&2
  exit 1
fi

mkdir -p "$(dirname "$opt")" "$bin" "$share/applications"
rm -rf "$opt.new"
cp -a "$bundle" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sfn "$opt/hotline" "$bin/hotline"

icons=$root/resources/icons
for size in $sizes; do
  install -D -m 644 "$icons/hotline-$size.png" "$share/icons/hicolor/${size}x${size}/apps/hotline.png"
done
install -D -m 644 "$icons/hotline.svg" "$share/icons/hicolor/scalable/apps/hotline.svg"
# The menu entry runs the installed executable whether or not $bin is on PATH.
sed "s|^Exec=hotline$|Exec=$opt/hotline|" "$here/hotline.desktop" > "$share/applications/hotline.desktop"
chmod 644 "$share/applications/hotline.desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$share/applications/hotline.desktop"
fi
refresh

echo "install: Hotline installed in $opt"
echo "install: menu entry $share/applications/hotline.desktop, command $bin/hotline"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "install: note: $bin is not on PATH; the menu entry works, for the command add it to PATH" ;;
esac
