#!/bin/sh
# Installs coachdesk for this user only (no administrator needed): the app folder into
# ~/.local/lib/coachdesk, a `coachdesk` command in ~/.local/bin, a menu entry, the icon and the
# .coachdesk.json file type. Run it from the unpacked coachdesk folder:
#   ./install.sh               install (or upgrade: the old copy of the app is replaced)
#   ./install.sh --uninstall   remove the app, menu entry and file type; your data stays
#   ./install.sh --uninstall --remove-data   ...and delete the database, backups and log too
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
state_home=${XDG_STATE_HOME:-$HOME/.local/state}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
app_dir=$HOME/.local/lib/coachdesk
bin_dir=$HOME/.local/bin
desktop_file=$data_home/applications/coachdesk.desktop
icon_file=$data_home/icons/hicolor/256x256/apps/coachdesk.png
mime_file=$data_home/mime/packages/coachdesk.xml

refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data_home/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$data_home/applications" >/dev/null 2>&1 || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$data_home/icons/hicolor" >/dev/null 2>&1 || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$app_dir"
  rm -f "$bin_dir/coachdesk" "$desktop_file" "$icon_file" "$mime_file"
  refresh
  if [ "${2:-}" = "--remove-data" ]; then
    rm -rf "$data_home/coachdesk" "$state_home/coachdesk" "$config_home/coachdesk"
    echo "coachdesk and its data were removed."
  else
    echo "coachdesk was removed. Your data is still in $data_home/coachdesk"
  fi
  exit 0
fi

if [ ! -x "$here/coachdesk" ] || [ ! -d "$here/_internal" ]; then
  echo "Run install.sh from the unpacked coachdesk folder (the one holding the coachdesk program)." >&2
  exit 1
fi
if [ "$here" != "$app_dir" ]; then
  rm -rf "$app_dir.new"
  mkdir -p "$(dirname "$app_dir")"
  cp -a "$here" "$app_dir.new"
  rm -rf "$app_dir"
  mv "$app_dir.new" "$app_dir"
fi
rm -f "$app_dir/portable"  # an installed copy keeps its data in the user's folders
mkdir -p "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")" "$(dirname "$mime_file")"
ln -sf "$app_dir/coachdesk" "$bin_dir/coachdesk"
sed "s|^Exec=coachdesk|Exec=\"$app_dir/coachdesk\"|" "$here/coachdesk.desktop" > "$desktop_file"
cp "$here/_internal/resources/icons/coachdesk.png" "$icon_file"
cp "$here/coachdesk-mime.xml" "$mime_file"
refresh
echo "coachdesk $("$app_dir/coachdesk" --version | cut -d' ' -f2) is installed: find it in your applications menu, or run $bin_dir/coachdesk"
