#!/usr/bin/env bash
# Vendor the web app's third-party assets from npm into src/rasd/serve/static/vendor/ (committed, so that
# `pip install -e .` alone serves the app offline).  Re-run to update; the versions are pinned here.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/rasd/serve/static/vendor
PACKAGES=(leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2 swagger-ui-dist@5.17.14)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "${PACKAGES[@]}")
M="$TMP/node_modules"
rm -rf "$OUT" && mkdir -p "$OUT/images" "$OUT/licenses"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$OUT/"
cp "$M/leaflet/dist/images/"*.png "$OUT/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" "$M/leaflet.markercluster/dist/MarkerCluster.css" \
   "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" "$OUT/"
cp "$M/topojson-client/dist/topojson-client.min.js" "$OUT/"
cp "$M/world-atlas/countries-50m.json" "$OUT/"
cp "$M/swagger-ui-dist/swagger-ui-bundle.js" "$M/swagger-ui-dist/swagger-ui.css" "$OUT/"
sed -i '/sourceMappingURL/d' "$OUT"/*.js "$OUT"/*.css  # the maps are not shipped
for pkg in leaflet leaflet.markercluster topojson-client world-atlas swagger-ui-dist; do
  cat "$M/$pkg/"*LICEN[CS]E* > "$OUT/licenses/$pkg.txt"
done
{
  echo "Vendored by scripts/build_web.sh from npm:"
  for p in "${PACKAGES[@]}"; do echo "  $p"; done
} > "$OUT/VERSIONS.txt"
chmod 644 "$OUT"/*.* "$OUT"/*/*
du -sh "$OUT"
